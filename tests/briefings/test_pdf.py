"""Briefings rendered as PDF: Thai fonts embedded, text extracts as Thai, cache by version."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from briefings import pdf
from briefings.models import BriefingStatus
from tests.briefings.factories import BriefingFactory, thai

pytestmark = pytest.mark.django_db


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_a_thai_briefing_embeds_a_thai_font_and_its_text_reads_as_thai():
    briefing = thai(BriefingFactory())
    data = pdf.briefing_pdf(briefing=briefing, language="th")
    reader = PdfReader(io.BytesIO(data))
    # NFKC: the font draws sara am (U+0E33) as nikhahit + sara aa, which is its decomposition.
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    for phrase in ("การจัดการรายกรณีสำหรับเด็ก", "เริ่มต้นที่การคัดกรอง", "แพลตฟอร์มการเรียนรู้"):
        assert unicodedata.normalize("NFKC", phrase) in text
    fonts = _fonts(reader)
    # A Latin font first, then a Thai one from fonts-thai-tlwg, both embedded.
    assert any(name.startswith(("Loma", "Garuda", "Waree")) for name in fonts), fonts
    assert any(name.startswith("DejaVu") for name in fonts), fonts


def test_a_missing_translation_renders_english_with_a_notice_in_the_language():
    briefing = BriefingFactory(title_en="Community placement")
    reader = PdfReader(io.BytesIO(pdf.briefing_pdf(briefing=briefing, language="ms")))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Community placement" in text
    assert "Taklimat ini belum tersedia dalam bahasa anda" in text


def test_the_cache_serves_the_same_version_without_rendering_again(monkeypatch):
    briefing = thai(BriefingFactory())
    calls = []
    real = pdf.render_pdf

    def counting(**kwargs):
        calls.append(kwargs["language"])
        return real(**kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    first = pdf.briefing_pdf(briefing=briefing, language="th")
    for _ in range(3):
        assert pdf.briefing_pdf(briefing=briefing, language="th") == first
    assert calls == ["th"]
    pdf.briefing_pdf(briefing=briefing, language="en")
    assert calls == ["th", "en"]
    # A new published version is rendered afresh.
    briefing.version += 1
    briefing.save()
    pdf.briefing_pdf(briefing=briefing, language="th")
    assert calls == ["th", "en", "th"]


def test_drafts_are_never_cached(monkeypatch):
    briefing = BriefingFactory(status=BriefingStatus.DRAFT)
    calls = []
    monkeypatch.setattr(pdf, "render_pdf", lambda **kw: calls.append(1) or b"%PDF-draft")
    pdf.briefing_pdf(briefing=briefing, language="en")
    pdf.briefing_pdf(briefing=briefing, language="en")
    assert len(calls) == 2
