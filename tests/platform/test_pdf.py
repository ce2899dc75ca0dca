"""PDFs read right to machines and are tagged, archival files (platform_site/pdf.py).

The Thai text layer is measured with poppler's `pdftotext`, what search and copy use: every
Thai word of the source must come back exactly. Words are maximal runs of Thai characters;
Thai lines break inside such runs, so whitespace is removed from the extracted text first.
"""

from __future__ import annotations

import html
import importlib
import io
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import weasyprint
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

from briefings import pdf as briefing_pdf
from briefings.models import Briefing
from outcomes.reports.render import html_to_pdf, render_report
from platform_site import pdf as platform_pdf

THAI_WORD = re.compile(r"[\u0e00-\u0e7f]+")
# The catalogues of the report and briefing templates, and the shared one they also use.
CATALOGUES = ("locale", "outcomes/locale", "briefings/locale")
DEMO_MODULES = (
    "participants.demo",
    "convenings.demo",
    "briefings.demo",
    "outcomes.demo",
    "outcomes.demo_content",
)


def thai_words(texts) -> set[str]:
    return {word for text in texts for word in THAI_WORD.findall(text)}


def pdftotext(content: bytes, *, raw: bool = False, keep_spaces: bool = False) -> str:
    """Text as poppler reads it: in reading order as found on the page (its default, which
    viewers' search uses too), or in content order (`raw`); whitespace removed unless kept."""
    out = subprocess.run(
        ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return out if keep_spaces else re.sub(r"\s+", "", out)


def missing_words(words: set[str], content: bytes, *, raw: bool = False) -> list[str]:
    text = pdftotext(content, raw=raw)
    return sorted(word for word in words if word not in text)


def invented_words(source_words: set[str], content: bytes) -> list[str]:
    """Thai runs poppler reads (default mode) that are no part of the source text.

    For pages with columns side by side, where the default mode interleaves the columns'
    lines, so whole words are checked in content order and this catches moved marks and
    wrong characters ("ครัง้", "ดํา") in the default mode.
    """
    source = "\n".join(source_words)
    text = pdftotext(content, keep_spaces=True)
    return sorted({run for run in THAI_WORD.findall(text) if run not in source})


def catalogue_strings() -> list[str]:
    strings = []
    for folder in CATALOGUES:
        po = polib.pofile(str(Path(settings.BASE_DIR) / folder / "th/LC_MESSAGES/django.po"))
        for entry in po:
            if entry.obsolete:
                continue
            strings.append(entry.msgstr)
            strings.extend(entry.msgstr_plural.values())
    return [s for s in strings if THAI_WORD.search(s)]


def demo_strings() -> list[str]:
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            if THAI_WORD.search(value):
                found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple | set):
            for item in value:
                walk(item)

    for name in DEMO_MODULES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if not attribute.startswith("__"):
                walk(value)
    return found


class SourceText:
    """Collects the HTML that WeasyPrint is given, to know exactly what text a PDF holds."""

    def __init__(self):
        self.documents: list[str] = []

    def words(self) -> set[str]:
        text = re.sub(r"<(style|title)[^>]*>.*?</\1>", " ", self.documents[-1], flags=re.S)
        return thai_words([html.unescape(re.sub(r"<[^>]+>", " ", text))])


@pytest.fixture
def source(monkeypatch):
    collected = SourceText()
    real = weasyprint.HTML

    def spying(*args, **kwargs):
        collected.documents.append(kwargs["string"])
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spying)
    return collected


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=io.StringIO())


# --- Thai text layer ------------------------------------------------------------------------


def test_every_thai_ui_and_demo_string_reads_back_word_for_word():
    strings = sorted(set(catalogue_strings() + demo_strings()))
    words = thai_words(strings)
    assert len(words) > 500  # the catalogues and the demo content were found
    # The report's own stylesheet, and a letter-spaced upper-case style like its cover line.
    paragraphs = "".join(
        f'<p class="{"spaced" if n % 3 == 0 else "plain"}">{html.escape(s)}</p>'
        for n, s in enumerate(strings)
    )
    document = (
        '<!DOCTYPE html><html lang="th"><head><title>t</title>'
        '<link rel="stylesheet" href="report.css"><style>.spaced { letter-spacing: .3pt;'
        " text-transform: uppercase; font-weight: bold }</style></head>"
        f"<body>{paragraphs}</body></html>"
    )
    content = html_to_pdf(document)
    assert missing_words(words, content) == []
    assert missing_words(words, content, raw=True) == []


REPORTS = {
    "five-year summary": {"kind": "five_year", "start_year": 2019, "end_year": 2024},
    "annual report": {"kind": "annual", "start_year": 2024, "end_year": 2024},
}


@pytest.mark.parametrize("report", REPORTS, ids=list(REPORTS))
def test_thai_report_reads_back_every_thai_word(demo, source, report):
    content = render_report(**REPORTS[report], language="th", fmt="pdf")
    words = source.words()
    assert len(words) > 200  # a real report: the templates' strings and the demo content
    assert missing_words(words, content, raw=True) == []
    assert invented_words(words, content) == []


def test_thai_briefing_reads_back_every_thai_word(demo, source):
    found = False
    for briefing in Briefing.objects.exclude(body_th="").order_by("pk"):
        content = briefing_pdf.render_pdf(briefing=briefing, language="th")
        words = source.words()
        assert len(words) > 3
        assert missing_words(words, content) == [], briefing.title_en
        assert missing_words(words, content, raw=True) == [], briefing.title_en
        found = True
    assert found


def test_the_words_the_issue_names_are_found_and_latin_text_has_no_spans():
    def render(text: str) -> bytes:
        document = f'<html><body style="font-family: DejaVu Sans, Loma"><p>{text}</p></body></html>'
        return weasyprint.HTML(string=document).write_pdf(uncompressed_pdf=True)

    thai = render("ดำเนินงาน ภูมิภาค ครั้ง รู้ น้ำ เป็น หน่วยงาน")
    assert b"/ActualText" in thai  # SARA AM: two glyphs for one character
    for word in ("ดำเนินงาน", "ภูมิภาค", "ครั้ง", "รู้", "น้ำ", "เป็น", "หน่วยงาน"):
        assert word in pdftotext(thai, keep_spaces=True).split()
        assert word in pdftotext(thai, raw=True, keep_spaces=True).split()
    latin = render("Office affluence fjord")
    assert b"/ActualText" not in latin  # ligatures included: WeasyPrint's own path
    assert "Officeaffluencefjord" in pdftotext(latin)


def test_the_spans_do_not_move_a_pixel(tmp_path):
    """The same document drawn by WeasyPrint alone (another process) and with the spans."""
    document = (
        '<html lang="th"><body style="font-family: DejaVu Sans, Loma; font-size: 14pt">'
        "<p>การดำเนินงานของแพลตฟอร์มในภูมิภาค ครั้งที่สอง น้ำใจ ผู้เข้าร่วม</p>"
        '<p style="letter-spacing: .3pt">แพลตฟอร์มการเรียนรู้ระหว่างเพื่อนในภูมิภาค</p>'
        "</body></html>"
    )
    plain = tmp_path / "plain.pdf"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, weasyprint; "
            "open(sys.argv[2], 'wb').write(weasyprint.HTML(string=sys.argv[1]).write_pdf())",
            document,
            str(plain),
        ],
        check=True,
    )
    patched = tmp_path / "patched.pdf"
    patched.write_bytes(weasyprint.HTML(string=document).write_pdf(uncompressed_pdf=True))
    assert b"/ActualText" in patched.read_bytes()
    images = []
    for path in (plain, patched):
        subprocess.run(["pdftoppm", "-png", "-r", "100", str(path), str(path)], check=True)
        images.append(Path(f"{path}-1.png").read_bytes())
    assert images[0] == images[1]


def test_the_same_document_gives_the_same_bytes():
    """Spans and tags add nothing random: a report rendered again is byte-identical."""
    document = (
        '<!DOCTYPE html><html lang="th"><head><title>รายงาน</title></head>'
        "<body><p>การดำเนินงานของแพลตฟอร์มในภูมิภาค ครั้งที่สอง</p></body></html>"
    )
    assert html_to_pdf(document) == html_to_pdf(document)


def test_the_patch_is_for_the_installed_weasyprint():
    assert weasyprint.__version__ == platform_pdf.TESTED_WEASYPRINT
    pyproject = (Path(settings.BASE_DIR) / "pyproject.toml").read_text()
    assert f'"weasyprint=={platform_pdf.TESTED_WEASYPRINT}"' in pyproject


# --- Tagged, archival files -------------------------------------------------------------------


def catalog(content: bytes):
    reader = PdfReader(io.BytesIO(content))
    return reader, reader.trailer["/Root"].get_object()


def xmp(root) -> str:
    return root["/Metadata"].get_object().get_data().decode()


def assert_tagged(content: bytes, *, language: str, title: str) -> str:
    reader, root = catalog(content)
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/K"]  # the structure tree has elements
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == title
    metadata = xmp(root)
    assert title in html.unescape(metadata)  # dc:title
    return metadata


@pytest.mark.parametrize("language", ["en", "th"])
def test_reports_are_tagged_pdf_a_3a(db, language):
    content = render_report(
        kind="annual", start_year=2023, end_year=2023, language=language, fmt="pdf"
    )
    _reader, root = catalog(content)
    title = PdfReader(io.BytesIO(content)).metadata.title
    assert title
    metadata = assert_tagged(content, language=language, title=title)
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="A"' in metadata
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"  # sRGB, as PDF/A asks
    assert content.startswith(b"%PDF-1.7")


@pytest.mark.parametrize("language", ["en", "th"])
def test_briefings_are_tagged_pdf_ua_1(db, language):
    from tests.briefings.factories import BriefingFactory, thai

    briefing = thai(BriefingFactory(title_en="Screening at the border"))
    content = briefing_pdf.render_pdf(briefing=briefing, language=language)
    title = {"en": "Screening at the border", "th": "การจัดการรายกรณีสำหรับเด็ก"}[language]
    metadata = assert_tagged(content, language=language, title=title)
    assert 'pdfuaid:part="1"' in metadata
