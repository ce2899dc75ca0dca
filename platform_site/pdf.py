"""PDF output for reports and briefings: a text layer that reads right, and tagged, archival files.

Importing this module fixes WeasyPrint's text layer (once per process); `pdf_options()` gives
the `write_pdf()` keywords for a tagged file with language, title and XMP metadata.

The text-layer fix is written against WeasyPrint 70.0 (pinned in pyproject.toml) and kept
apart so it can be offered upstream. The bug: WeasyPrint's `draw_first_line` writes glyphs
and gives each glyph the text of its shaping cluster through the font's ToUnicode table.
That is right when a cluster is one glyph. Thai (and every script with marks or split
vowels) has clusters of several glyphs: "ำ" (SARA AM) is drawn as NIKHAHIT + SARA AA, and
a tone mark above an upper vowel is a separate glyph moved by an offset. WeasyPrint then
maps the first glyphs of a cluster to "" and the last one to the whole cluster, and since a
glyph has one ToUnicode entry for the whole document, whichever cluster used a glyph first
decides its text everywhere ("ภูมิภาค" came out as "ภ้มิภาค", "ดำเนินงาน" could not be
found). Even with right per-glyph text, readers order marks by position ("ครั้ง" read as
"ครัง้").

The fix uses the PDF's own mechanism (ISO 32000-1, 14.9.4): each user-perceived character
(a shaping cluster plus the clusters of the marks that follow it) drawn with two or more
glyphs is wrapped in a marked-content sequence `/Span <</ActualText (its text)>> BDC … EMC`,
so search, copy and screen readers get the source text whatever the glyphs are.
Single-glyph clusters keep the plain ToUnicode path, and a glyph's ToUnicode entry is taken
from a single-glyph cluster rather than from the first cluster that happened to use it; a
single glyph whose entry already says something else (the same glyph for two characters)
gets its own span. Lines of text below U+0300 (Latin without combining marks) cannot form
such clusters and keep WeasyPrint's path untouched. Finally each glyph still mapped only
from inside a cluster gets its character from the font's cmap, so tools that ignore
ActualText (pypdf) and PDF/A's Unicode rule see a character, not an empty string. Drawing
is unchanged: the same glyphs at the same positions, a text-showing array split in two
only where a span begins or ends.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import unicodedata

import pydyf
import weasyprint
from fontTools.ttLib import TTFont
from weasyprint import pdf as weasy_pdf
from weasyprint.draw import text as weasy_text
from weasyprint.text.ffi import ffi, pango

logger = logging.getLogger(__name__)

TESTED_WEASYPRINT = "70.0"  # the version this patch was written and tested against

# --- Archival and accessible output -------------------------------------------------------

# Reports: PDF/A-3a, the archival standard's "accessible" level: a tagged structure tree,
# Unicode for every glyph, document language; sRGB output intent and XMP identification.
# WeasyPrint 70 writes one variant per file, so a report cannot also carry PDF/UA-1's
# identification; PDF/A-3a asks for the same tagging. Briefings are read on screen and
# forwarded rather than archived: they identify as PDF/UA-1 (tagged, XMP, title shown).
VARIANTS = {"report": "pdf/a-3a", "briefing": "pdf/ua-1"}


def pdf_options(kind: str) -> dict:
    """Keywords for `HTML.write_pdf()`: tagged, with language, title and XMP metadata.

    The language comes from `<html lang>`, the title from `<title>` (WeasyPrint reads both).
    """
    return {"pdf_variant": VARIANTS[kind], "pdf_tags": True}


# --- Text layer: ActualText for clusters of several glyphs ----------------------------------

_SIMPLE_TEXT = re.compile(r"[\x00-\u02ff]*")
SINGLE, FIRST, MIDDLE, LAST = range(4)


def _extends(text: str) -> bool:
    """Whether a cluster belongs to the character before it (Unicode's Extend, SpacingMark)."""
    return bool(text) and (unicodedata.category(text[0])[0] == "M" or text[0] in "\u0e33\u0eb3")


def _cluster_plan(textbox) -> list[tuple[int, str]]:
    """(role, text) for each glyph the line writes, in the order it writes them.

    Glyphs are grouped by user-perceived character: a shaping cluster that starts with a mark
    (Pango may give "ั" and "้" clusters of their own) joins the one before it, so a reader
    that orders glyphs by position (poppler's layout mode) cannot move the mark away.
    """
    first_line, _index = textbox.pango_layout.get_first_line()
    data = textbox.pango_layout.text.encode()
    groups: list[list] = []  # [glyphs written, text], in the order glyphs are written
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyphs = glyph_item.glyphs
        count = glyphs.num_glyphs
        item = glyph_item.item
        ltr = item.analysis.level % 2 == 0
        clusters = ffi.unpack(glyphs.log_clusters, count)
        starts = sorted(set(clusters))
        ends = dict(zip(starts, [*starts[1:], item.length], strict=True))
        i = 0
        while i < count:
            written = 0
            j = i
            while j < count and clusters[j] == clusters[i]:
                written += glyphs.glyphs[j].glyph != pango.PANGO_GLYPH_EMPTY
                j += 1
            start = item.offset + clusters[i]
            text = data[start : item.offset + ends[clusters[i]]].decode()
            if ltr and groups and _extends(text):
                groups[-1][0] += written
                groups[-1][1] += text
            else:
                groups.append([written, text])
            i = j
    plan: list[tuple[int, str]] = []
    for written, text in groups:
        if written == 1:
            plan.append((SINGLE, text))
        elif written:
            plan.append((FIRST, text))
            plan.extend([(MIDDLE, text)] * (written - 2))
            plan.append((LAST, text))
    return plan


def _owned(font) -> tuple[set[int], set[int]]:
    """Glyphs whose ToUnicode entry came from a single-glyph cluster, and those that did not."""
    if not hasattr(font, "actual_text_owned"):
        font.actual_text_owned = set()
        font.actual_text_borrowed = set()
    return font.actual_text_owned, font.actual_text_borrowed


class _ActualTextStream:
    """Stands for WeasyPrint's stream while one line is drawn; wraps clusters in spans.

    `draw_first_line` builds each text-showing array as a string of hexadecimal glyph ids and
    numbers; this proxy re-emits those arrays, split where a span begins or ends.
    """

    _TOKEN = re.compile(r"<([0-9a-fA-F]*)>|([^<>]+)")  # glyph ids, or a position adjustment

    def __init__(self, stream, textbox):
        self._stream = stream
        self._textbox = textbox
        self._plan: list[tuple[int, str]] = []
        self._next = 0
        self._fonts: dict[str, object] = {}
        self._font = None
        self._open = False

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def add_font(self, pango_font):
        font, size = self._stream.add_font(pango_font)
        self._fonts[font.hash] = font
        return font, size

    def set_font_size(self, name, size):
        self._font = self._fonts.get(name, self._font)
        self._stream.set_font_size(name, size)

    def set_text_matrix(self, *values):
        # Called once per line, after any ellipsis changed the layout: the line is final.
        self._plan = _cluster_plan(self._textbox)
        self._stream.set_text_matrix(*values)

    def show_text(self, string):
        font = self._font
        if font is None:
            self._stream.show_text(string)  # not planned (should not happen): as it was
            return
        width = 2 if font.bitmap else 4
        owned, borrowed = _owned(font)
        to_unicode = font.to_unicode
        plan, planned = self._plan, len(self._plan)
        items: list[str] = []
        codes = ""
        for hex_ids, number in self._TOKEN.findall(string):
            if number:
                if codes:
                    items.append(f"<{codes}>")
                    codes = ""
                items.append(number)
                continue
            for position in range(0, len(hex_ids), width):
                code = hex_ids[position : position + width]
                if self._next >= planned:
                    codes += code  # not planned (should not happen): left as it is
                    continue
                role, text = plan[self._next]
                self._next += 1
                glyph_id = int(code, 16)
                if role == SINGLE:
                    if glyph_id in owned:
                        span = to_unicode.get(glyph_id) != text
                    elif glyph_id in borrowed or to_unicode.get(glyph_id) == text:
                        # Its entry was a longer cluster's text, or is this one's: a lone
                        # use of the glyph decides its entry for the whole document.
                        to_unicode[glyph_id] = text
                        borrowed.discard(glyph_id)
                        owned.add(glyph_id)
                        span = False
                    else:
                        span = True
                    if span:
                        codes = self._flush(items, codes)
                        self._begin(text)
                        codes = self._flush(items, code)
                        self._end()
                    else:
                        codes += code
                    continue
                if glyph_id not in owned:
                    borrowed.add(glyph_id)
                if role == FIRST:
                    codes = self._flush(items, codes)
                    self._begin(text)
                codes += code
                if role == LAST:
                    codes = self._flush(items, codes)
                    self._end()
        self._flush(items, codes)

    def close(self) -> None:
        if self._open:
            self._end()

    def _flush(self, items: list[str], codes: str) -> str:
        if codes:
            items.append(f"<{codes}>")
        if items:
            # A space between items: two adjustments in a row must stay two numbers.
            self._stream.show_text(" ".join(items))
            items.clear()
        return ""

    def _begin(self, text: str) -> None:
        properties = pydyf.Dictionary({"ActualText": pydyf.String(text)})
        self._stream.begin_marked_content("Span", properties)
        self._open = True

    def _end(self) -> None:
        self._stream.end_marked_content()
        self._open = False


# --- Text layer: a character for every glyph ----------------------------------------------

_VARIANT_NAME = re.compile(r"^uni([0-9A-F]{4})(?:\.|$)")
# Thai fonts (fonts-thai-tlwg among them) give their positional variants of vowels and
# tone marks code points in the Private Use Area, U+F700-U+F71A, by a common convention.
_THAI_PUA = dict(
    zip(
        range(0xF700, 0xF71B),
        "\u0e10\u0e34\u0e35\u0e36\u0e37\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
        "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e0d\u0e31\u0e4d\u0e47\u0e48"
        "\u0e49\u0e4a\u0e4b\u0e4c\u0e38\u0e39\u0e3a",
        strict=True,
    )
)


@functools.lru_cache(maxsize=16)  # the same few font files in every document
def _reverse_cmap(content: bytes, index: int) -> tuple[dict[int, str], dict[int, str]]:
    ttfont = TTFont(io.BytesIO(content), fontNumber=index, lazy=True)
    direct: dict[int, str] = {}
    for codepoint, name in sorted(ttfont.getBestCmap().items(), reverse=True):
        # Lowest code point wins, so a real Thai letter beats its Private Use alias.
        direct[ttfont.getGlyphID(name)] = _THAI_PUA.get(codepoint) or chr(codepoint)
    variants: dict[int, str] = {}
    for glyph_id, name in enumerate(ttfont.getGlyphOrder()):
        match = _VARIANT_NAME.match(name)
        if match and glyph_id not in direct:
            variants[glyph_id] = chr(int(match.group(1), 16))
    return direct, variants


def repair_to_unicode(fonts) -> None:
    """Map glyphs used only inside clusters to their own character, from the font's cmap.

    Glyphs a single-glyph cluster mapped keep that text; ligatures ("ffi") keep WeasyPrint's.
    """
    by_file: dict = {}
    for font in fonts:
        if getattr(font, "bitmap", False) or not font.to_unicode:
            continue
        by_file.setdefault(font.hash, []).append(font)
    for same_file in by_file.values():
        try:
            direct, variants = _reverse_cmap(same_file[0].file_content, same_file[0].index)
        except Exception:  # a font fontTools cannot read keeps WeasyPrint's mapping
            logger.debug("could not read cmap of %s", same_file[0].family, exc_info=True)
            continue
        for font in same_file:
            owned = getattr(font, "actual_text_owned", set())
            for glyph_id in list(font.to_unicode):
                text = direct.get(glyph_id) or variants.get(glyph_id)
                current = font.to_unicode[glyph_id]
                if glyph_id in owned or not text:
                    continue
                if unicodedata.normalize("NFKC", text) != unicodedata.normalize("NFKC", current):
                    font.to_unicode[glyph_id] = text


# --- Installation -----------------------------------------------------------------------------


def install() -> None:
    """Patch WeasyPrint's line drawing and font-dictionary steps (idempotent)."""
    if getattr(weasy_text.draw_first_line, "actual_text_patch", False):
        return
    if weasyprint.__version__ != TESTED_WEASYPRINT:
        # The patch wraps private functions; another version may draw lines differently.
        logger.warning(
            "WeasyPrint %s is installed; the PDF text-layer patch was tested with %s",
            weasyprint.__version__,
            TESTED_WEASYPRINT,
        )
    original_line = weasy_text.draw_first_line
    original_fonts = weasy_pdf.build_fonts_dictionary

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if _SIMPLE_TEXT.fullmatch(textbox.pango_layout.text):
            return original_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        proxy = _ActualTextStream(stream, textbox)
        try:
            return original_line(proxy, textbox, text_overflow, block_ellipsis, matrix)
        finally:
            proxy.close()

    def build_fonts_dictionary(pdf, fonts, *args, **kwargs):
        repair_to_unicode(fonts.values())
        return original_fonts(pdf, fonts, *args, **kwargs)

    draw_first_line.actual_text_patch = True
    weasy_text.draw_first_line = draw_first_line
    weasy_pdf.build_fonts_dictionary = build_fonts_dictionary


install()
