"""Secretariat pages: briefings with translation completeness, editing, files, packs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.listing import Sorting, paginate
from common.sends import is_confirmed
from common.translation import localized
from convenings.models import Convening

from .. import services
from ..filters import BriefingFilter, briefing_columns
from ..forms import BriefingFileForm, BriefingForm, PackForm
from ..mail import download_name
from ..models import Briefing, BriefingFile, BriefingPack, DownloadFormat
from ..pdf import briefing_pdf
from ..permissions import briefing_for_staff_or_404
from ..previews import new_pack_preview, resend_preview
from ..selectors import (
    briefings_for_staff,
    content_languages,
    convenings_for_packs,
    delivery_counts,
    failed_deliveries,
    packs_for_convening,
    packs_with_briefing,
    translation_completeness,
)
from . import attachment_response

LIST_PAGE_SIZE = 50


@staff_required
def briefing_list(request):
    found = BriefingFilter(request.GET or None, queryset=briefings_for_staff())
    sorting = Sorting(request.GET, briefing_columns(), default="-updated")
    page, query = paginate(request.GET, sorting.apply(found.qs), per_page=LIST_PAGE_SIZE)
    rows = [{"briefing": b, "completeness": translation_completeness(b)} for b in page]
    names = dict(settings.LANGUAGES)
    return render(
        request,
        "briefings/staff/list.html",
        {
            "rows": rows,
            "languages": [(c, names[c]) for c in content_languages()],
            "form": found.form,
            "searched": bool(found.form.is_valid() and any(found.form.cleaned_data.values())),
            "headers": sorting.headers(),
            "sort": request.GET.get("sort", ""),
            "page": page,
            "query": query,
        },
    )


@staff_required
def briefing_create(request):
    return _briefing_form(request, briefing=None)


@staff_required
def briefing_edit(request, pk: int):
    briefing = briefing_for_staff_or_404(user=request.user, briefing_id=pk)
    return _briefing_form(request, briefing=briefing)


def _briefing_form(request: HttpRequest, *, briefing: Briefing | None) -> HttpResponse:
    """The briefing form, new or edited. "Save and publish" is one service call: both or,
    if publishing is refused, neither (the form keeps what was typed)."""
    form = BriefingForm(request.POST if request.method == "POST" else None, briefing=briefing)
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        content = {
            "by": request.user,
            "data": form.content(),
            "convening": form.cleaned_data["convening"],
            "publish": publish,
        }
        try:
            if briefing is None:
                saved = services.create_briefing(**content)
            else:
                saved = services.update_briefing(briefing=briefing, **content)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Briefing published.") if publish else _("Briefing saved."))
            return redirect("briefings:staff-detail", pk=saved.pk)
    return render(request, "briefings/staff/form.html", {"form": form, "briefing": briefing})


def _detail_context(briefing, upload_form=None) -> dict:
    names = dict(settings.LANGUAGES)
    files = {f.language: f for f in briefing.files.all()}
    return {
        "briefing": briefing,
        "languages": [
            {
                "code": c.language,
                "name": names[c.language],
                "completeness": c,
                "file": files.get(c.language),
                "title": getattr(briefing, localized("title", c.language)),
            }
            for c in translation_completeness(briefing)
        ],
        "upload_form": upload_form or BriefingFileForm(),
        "max_bytes": settings.BRIEFING_FILE_MAX_BYTES,
    }


@staff_required
def briefing_detail(request, pk: int):
    briefing = briefing_for_staff_or_404(user=request.user, briefing_id=pk)
    return render(request, "briefings/staff/detail.html", _detail_context(briefing))


@staff_required
def briefing_upload(request, pk: int):
    briefing = briefing_for_staff_or_404(user=request.user, briefing_id=pk)
    if request.method != "POST":
        return redirect("briefings:staff-detail", pk=pk)
    form = BriefingFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_briefing_file(
                briefing=briefing,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("File uploaded."))
            return redirect("briefings:staff-detail", pk=pk)
    return render(
        request, "briefings/staff/detail.html", _detail_context(briefing, form), status=400
    )


def _publish_confirmation(request, briefing, *, publish: bool, status: int = 200):
    """The confirmation page of publishing or going back to draft: what it changes for
    participants, and for the packs that include the briefing."""
    names = dict(settings.LANGUAGES)
    context = {
        "briefing": briefing,
        "publish": publish,
        "missing": [
            names[c.language] for c in translation_completeness(briefing) if not c.complete
        ],
        "packs": packs_with_briefing(briefing=briefing),
    }
    return render(request, "briefings/staff/publish_confirm.html", context, status=status)


@staff_required
def briefing_publish(request, pk: int):
    """Publish: a confirmation page (GET), then the confirmed POST."""
    briefing = briefing_for_staff_or_404(user=request.user, briefing_id=pk)
    if briefing.is_published:
        messages.info(request, _("This briefing is already published."))
        return redirect("briefings:staff-detail", pk=pk)
    if not (request.method == "POST" and is_confirmed(request)):
        return _publish_confirmation(request, briefing, publish=True)
    try:
        services.publish_briefing(briefing=briefing, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Briefing published."))
    return redirect("briefings:staff-detail", pk=pk)


@staff_required
def briefing_unpublish(request, pk: int):
    """Back to draft: a confirmation page (GET) saying what it means for packs, then the
    confirmed POST."""
    briefing = briefing_for_staff_or_404(user=request.user, briefing_id=pk)
    if not briefing.is_published:
        messages.info(request, _("This briefing is already a draft."))
        return redirect("briefings:staff-detail", pk=pk)
    if not (request.method == "POST" and is_confirmed(request)):
        return _publish_confirmation(request, briefing, publish=False)
    services.unpublish_briefing(briefing=briefing, by=request.user)
    messages.success(request, _("The briefing is a draft again; participants no longer see it."))
    return redirect("briefings:staff-detail", pk=pk)


@staff_required
def briefing_file(request, pk: int, language: str):
    briefing = briefing_for_staff_or_404(user=request.user, briefing_id=pk)
    file = get_object_or_404(BriefingFile, briefing=briefing, language=language)
    services.log_download(
        user=request.user,
        participant=None,
        briefing=briefing,
        language=language,
        format=DownloadFormat.FILE,
    )
    name = download_name(
        title=briefing.title_en, language=language, extension=file.kind, fallback=f"briefing-{pk}"
    )
    return attachment_response(
        stream=file.file.open("rb"), filename=name, content_type=file.content_type
    )


@staff_required
def briefing_pdf_download(request, pk: int, language: str):
    briefing = briefing_for_staff_or_404(user=request.user, briefing_id=pk)
    if language not in content_languages():
        raise Http404
    data = briefing_pdf(briefing=briefing, language=language)
    services.log_download(
        user=request.user,
        participant=None,
        briefing=briefing,
        language=language,
        format=DownloadFormat.PDF,
    )
    name = download_name(
        title=briefing.title_en, language=language, extension="pdf", fallback=f"briefing-{pk}"
    )
    return attachment_response(stream=data, filename=name, content_type="application/pdf")


# --- Packs -----------------------------------------------------------------------------


@staff_required
def pack_convenings(request):
    return render(
        request, "briefings/staff/pack_convenings.html", {"convenings": convenings_for_packs()}
    )


@staff_required
def convening_packs(request, convening_id: int):
    convening = get_object_or_404(Convening.objects.select_related("host_country"), pk=convening_id)
    form = PackForm(request.POST if request.method == "POST" else None, convening=convening)
    if (
        request.method == "POST"
        and form.is_valid()
        and not is_confirmed(request)
        # A key already used goes straight to its send's result below.
        and not BriefingPack.objects.filter(send_key=form.cleaned_data["send_key"]).exists()
        # So do the briefings of an earlier pack (another tab), unless staff say "again".
        and not (
            not form.cleaned_data["again"]
            and services.identical_pack(
                convening=convening, briefings=form.cleaned_data["briefings"]
            )
        )
    ):
        # The confirmation step: who gets what, in which language, before it goes out.
        back = reverse("briefings:staff-convening-packs", args=[convening.pk])
        return render(
            request,
            "sends/confirm.html",
            {
                "heading": _("Check the pack before it goes out"),
                "back_url": back,
                "back_label": _("Back to the briefing packs"),
                "preview": new_pack_preview(
                    convening=convening, briefings=form.cleaned_data["briefings"]
                ),
                "form": form,
                "action": back,
                "button": _("Send the pack now"),
            },
        )
    if request.method == "POST" and form.is_valid():
        sent = services.send_new_pack(
            convening=convening,
            briefings=form.cleaned_data["briefings"],
            by=request.user,
            send_key=form.cleaned_data["send_key"],
            again=form.cleaned_data["again"],
        )
        pack = sent.pack
        if sent.same_briefings:
            messages.info(
                request,
                _(
                    "These briefings already went out to this convening in this pack; "
                    "nothing was sent again. To send them again anyway, tick "
                    "“Send again” when you build the pack."
                ),
            )
        elif sent.repeated:
            # The same form posted again (double click, resubmit, script): show the first
            # send's page, quietly; nothing went out.
            messages.info(request, _("This pack was already sent; nothing was sent again."))
        else:
            messages.success(
                request,
                ngettext(
                    "Briefing pack sent to %(count)s participant.",
                    "Briefing pack sent to %(count)s participants.",
                    sent.added,
                )
                % {"count": sent.added},
            )
        return redirect("briefings:staff-pack", pk=pack.pk)
    return render(
        request,
        "briefings/staff/convening_packs.html",
        {"convening": convening, "form": form, "packs": packs_for_convening(convening=convening)},
    )


def _pack_or_404(pk: int) -> BriefingPack:
    return get_object_or_404(
        BriefingPack.objects.select_related("convening", "created_by").prefetch_related(
            "briefings"
        ),
        pk=pk,
    )


def _panel_context(pack: BriefingPack) -> dict:
    return {
        "pack": pack,
        "counts": delivery_counts(pack=pack),
        "failed": failed_deliveries(pack=pack)[:50],
    }


@staff_required
def pack_detail(request, pk: int):
    pack = _pack_or_404(pk)
    return render(request, "briefings/staff/pack.html", _panel_context(pack))


@staff_required
def pack_status(request, pk: int):
    """The delivery panel alone, polled by htmx while anything is queued."""
    pack = _pack_or_404(pk)
    return render(request, "briefings/staff/_pack_panel.html", _panel_context(pack))


@staff_required
def pack_send(request, pk: int):
    """Send the pack to people invited since: a confirmation step first, then the send."""
    pack = _pack_or_404(pk)
    if not (request.method == "POST" and is_confirmed(request)):
        back = reverse("briefings:staff-pack", args=[pk])
        return render(
            request,
            "sends/confirm.html",
            {
                "heading": _("Check the pack before it goes out"),
                "back_url": back,
                "back_label": _("Back to the pack"),
                "preview": resend_preview(pack=pack),
                "form": None,
                "action": reverse("briefings:staff-pack-send", args=[pk]),
                "button": _("Send the pack now"),
            },
        )
    added = services.send_briefing_pack(pack=pack, by=request.user)
    if added:
        messages.success(
            request,
            ngettext(
                "Sent to %(count)s more participant.", "Sent to %(count)s more participants.", added
            )
            % {"count": added},
        )
    else:
        messages.info(request, _("Everyone invited already has this pack; nothing was sent again."))
    return redirect("briefings:staff-pack", pk=pk)


@staff_required
@require_POST
def pack_retry(request, pk: int):
    pack = _pack_or_404(pk)
    count = services.retry_failed(pack=pack, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s failed delivery queued again.",
            "%(count)s failed deliveries queued again.",
            count,
        )
        % {"count": count},
    )
    return redirect("briefings:staff-pack", pk=pk)
