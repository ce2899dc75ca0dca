"""A briefing rendered as PDF with WeasyPrint, in one language, cached in storage.

The cache key is (briefing id, version, language): a published briefing's version goes up
with every change participants can see, so a cached file is never stale and the
thousandth download reads bytes instead of rendering. Drafts are rendered fresh each time
(staff preview them while editing, before any version exists for them).

Fonts: the stylesheet names a Latin font first and Thai fonts after it (Debian's
fonts-thai-tlwg); Pango falls back per character, and WeasyPrint embeds the subset used.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Briefing

logger = logging.getLogger(__name__)


def _refuse_fetch(url: str, *args, **kwargs):
    # Briefing text is staff-written; the renderer never reaches the network or the disk.
    raise ValueError(f"external resource refused: {url}")


def cache_path(*, briefing: Briefing, language: str) -> str:
    return f"briefings/rendered/{briefing.pk}/v{briefing.version}/{language}.pdf"


def render_pdf(*, briefing: Briefing, language: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415  WeasyPrint takes most of a second to import: paid on the first PDF, not at start-up

    from platform_site.pdf import pdf_options  # importing it also fixes the Thai text layer  # noqa: PLC0415  it imports WeasyPrint (most of a second): paid on the first PDF, not at start-up

    with translation.override(language):
        html = render_to_string(
            "briefings/pdf/briefing.html",
            {
                "briefing": briefing,
                "language": language,
                "translated": briefing.has_translation(language),
                "rendered_at": timezone.now(),
            },
        )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(**pdf_options("briefing"))


def briefing_pdf(*, briefing: Briefing, language: str) -> bytes:
    """The PDF bytes, from the cache when this version was rendered before."""
    if not briefing.is_published:
        return render_pdf(briefing=briefing, language=language)
    path = cache_path(briefing=briefing, language=language)
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as handle:
            return handle.read()
    data = render_pdf(briefing=briefing, language=language)
    # Two simultaneous first renders may both save; the storage keeps one under the path.
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(data))
    logger.info("rendered briefing %s v%s in %s", briefing.pk, briefing.version, language)
    return data
