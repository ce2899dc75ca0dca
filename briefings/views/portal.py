"""Participant pages: my briefings, one briefing, its file and its PDF in my language."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import translation

from accounts.permissions import participant_required
from common.translation import localized

from .. import services
from ..mail import download_name
from ..models import TRANSLATED_FIELDS, DownloadFormat
from ..pdf import briefing_pdf
from ..permissions import briefing_for_participant_or_404
from ..selectors import briefings_for_participant, content_languages, file_for_language
from . import attachment_response


def _row(briefing, language: str) -> dict:
    file, file_fallback = file_for_language(briefing, language)
    shown_in = {
        # The language each part is shown in, for lang="" (screen readers, fonts).
        name: language if getattr(briefing, localized(name, language), "") else "en"
        for name in TRANSLATED_FIELDS
    }
    return {
        "briefing": briefing,
        "shown_in": shown_in,
        "translated": briefing.has_translation(language),
        "file": file,
        "file_fallback": file_fallback,
    }


@participant_required
def briefing_list(request):
    language = translation.get_language()
    rows = [_row(b, language) for b in briefings_for_participant(participant=request.participant)]
    return render(request, "briefings/portal/list.html", {"rows": rows})


@participant_required
def briefing_detail(request, pk: int):
    briefing = briefing_for_participant_or_404(participant=request.participant, briefing_id=pk)
    language = translation.get_language()
    names = dict(settings.LANGUAGES)
    return render(
        request,
        "briefings/portal/detail.html",
        {
            **_row(briefing, language),
            "pdf_languages": [(code, names[code]) for code in content_languages()],
            "language": language,
        },
    )


@participant_required
def briefing_file(request, pk: int):
    briefing = briefing_for_participant_or_404(participant=request.participant, briefing_id=pk)
    file, _fallback = file_for_language(briefing, translation.get_language())
    if file is None:
        raise Http404
    services.log_download(
        user=request.user,
        participant=request.participant,
        briefing=briefing,
        language=file.language,
        format=DownloadFormat.FILE,
    )
    name = download_name(
        title=briefing.title_en,
        language=file.language,
        extension=file.kind,
        fallback=f"briefing-{pk}",
    )
    return attachment_response(
        stream=file.file.open("rb"), filename=name, content_type=file.content_type
    )


@participant_required
def briefing_pdf_download(request, pk: int):
    briefing = briefing_for_participant_or_404(participant=request.participant, briefing_id=pk)
    language = request.GET.get("language") or translation.get_language()
    if language not in content_languages():
        raise Http404
    data = briefing_pdf(briefing=briefing, language=language)
    services.log_download(
        user=request.user,
        participant=request.participant,
        briefing=briefing,
        language=language,
        format=DownloadFormat.PDF,
    )
    name = download_name(
        title=briefing.title_en, language=language, extension="pdf", fallback=f"briefing-{pk}"
    )
    return attachment_response(stream=data, filename=name, content_type="application/pdf")
