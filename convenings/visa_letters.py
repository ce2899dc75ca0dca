"""A visa support letter as PDF: the platform's letterhead, the text staff keep per language.

`letter_sections` fills the letter's text (`VisaLetterTemplate.body` in each language) with
the convening's facts, the person's passport name and nationality and who pays for what,
each value in that section's language (dates, country names, the cost lines). The
sections and the date printed on the letter are what `inputs_digest` hashes: the same
person, choices and text on the same day make the same letter, which the unique
(invitation, inputs_digest) constraint stores once.

Rendering is WeasyPrint with the report's fonts (Thai through Pango's fallback to the
fonts-thai-tlwg families, and the Thai text-layer fix in platform_site/pdf.py), and no
fetcher: the letterhead is text and rules, so the renderer never reads a file or a URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from common.labels import date_range
from common.translation import localized

from . import visa
from .models import Convening, Payer, VisaDetails, VisaLetterTemplate

# The letter's page and letterhead (no <style> in templates: tests/security checks them all).
LETTER_CSS = Path(__file__).resolve().parent / "visa_letter.css"


@dataclass(frozen=True)
class LetterChoices:
    """What staff choose when generating."""

    second_language: str  # "" or the host country's language
    travel_paid_by: str
    accommodation_paid_by: str
    meals_paid_by: str
    signatory_name: str
    signatory_title: str


@dataclass(frozen=True)
class Section:
    language: str
    paragraphs: list[str]
    dated: str


def _cost_lines(choices: LetterChoices) -> str:
    """One sentence per cost, in the active language (whole sentences, not pieces)."""
    lines = [
        _("Travel is paid by the organisers.")
        if choices.travel_paid_by == Payer.ORGANISERS
        else _("Travel is paid by the participant or their organisation."),
        _("Accommodation is paid by the organisers.")
        if choices.accommodation_paid_by == Payer.ORGANISERS
        else _("Accommodation is paid by the participant or their organisation."),
        _("Meals are paid by the organisers.")
        if choices.meals_paid_by == Payer.ORGANISERS
        else _("Meals are paid by the participant or their organisation."),
    ]
    return "\n".join(lines)


def _translated(obj, field: str, language: str) -> str:
    return getattr(obj, localized(field, language), "") or getattr(obj, localized(field, "en"))


def letter_values(
    *, details: VisaDetails, convening: Convening, choices: LetterChoices, language: str
) -> dict[str, str]:
    """Every placeholder's value in `language` (call inside translation.override)."""
    expiry = details.passport_expiry
    return {
        "passport_name": details.passport_name,
        "nationality": visa.country_name(details.nationality, language),
        "passport_number": details.passport_number,
        "passport_expiry": formats.date_format(expiry, "DATE_FORMAT") if expiry else "",
        "convening_title": _translated(convening, "title", language),
        "dates": date_range(convening.start_date, convening.end_date, "DATE_FORMAT"),
        "venue": ", ".join(
            part
            for part in (
                _translated(convening, "venue_name", language),
                convening.city,
                _translated(convening.host_country, "name", language),
            )
            if part
        ),
        "city": convening.city,
        "country": _translated(convening.host_country, "name", language),
        "costs": _cost_lines(choices),
        "signatory_name": choices.signatory_name,
        "signatory_title": choices.signatory_title,
    }


def letter_languages(choices: LetterChoices) -> list[str]:
    return ["en", choices.second_language] if choices.second_language else ["en"]


def letter_sections(
    *,
    details: VisaDetails,
    convening: Convening,
    template: VisaLetterTemplate,
    choices: LetterChoices,
    on: dt.date,
) -> list[Section]:
    sections = []
    for language in letter_languages(choices):
        with translation.override(language):
            text = visa.fill(
                _translated(template, "body", language),
                letter_values(
                    details=details, convening=convening, choices=choices, language=language
                ),
            )
            dated = formats.date_format(on, "DATE_FORMAT")
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        sections.append(Section(language=language, paragraphs=paragraphs, dated=dated))
    return sections


def inputs_digest(sections: list[Section]) -> str:
    """The same letter (text, languages, date) gives the same digest."""
    blob = json.dumps(
        [[s.language, s.dated, s.paragraphs] for s in sections], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _refuse_fetch(url: str, *args, **kwargs):
    # The letter's text is staff-written; the renderer never reaches the network or the disk.
    raise ValueError(f"external resource refused: {url}")


def letter_html(sections: list[Section]) -> str:
    return render_to_string("convenings/visa/letter_pdf.html", {"sections": sections})


def render_letter_pdf(sections: list[Section]) -> bytes:
    from weasyprint import CSS, HTML  # noqa: PLC0415  WeasyPrint is slow to import: only rendering pays

    from platform_site.pdf import pdf_options  # noqa: PLC0415  it imports WeasyPrint (and fixes Thai text)

    html = letter_html(sections)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(
        stylesheets=[CSS(string=LETTER_CSS.read_text())], **pdf_options("briefing")
    )
