"""Correct text extraction (copy, search, screen readers) from PDFs with Thai in them.

WeasyPrint maps each glyph to the text of its shaping cluster. Thai clusters hold several
glyphs (consonant, vowel, tone mark), so the first glyph of a cluster gets no text and the
last gets the whole cluster, and whichever cluster used a glyph first decides its text for
the whole document: "ภูมิภาค" came out as "ภ้มิภาค". Before the PDF's fonts are written we
map every glyph the font's own cmap knows back to its character (and positional variants
named `uniXXXX.something` to their base character). Glyphs the cmap does not know, such as
Latin ligatures, keep WeasyPrint's mapping. Rendering is untouched; only the ToUnicode
tables change.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

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
_installed = False


def _reverse_cmap(font) -> tuple[dict[int, str], dict[int, str]]:
    from fontTools.ttLib import TTFont

    ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
    order = ttfont.getGlyphOrder()
    direct: dict[int, str] = {}
    for codepoint, name in sorted(ttfont.getBestCmap().items(), reverse=True):
        # Lowest code point wins, so a real Thai letter beats its Private Use alias.
        direct[ttfont.getGlyphID(name)] = _THAI_PUA.get(codepoint) or chr(codepoint)
    variants: dict[int, str] = {}
    for glyph_id, name in enumerate(order):
        match = _VARIANT_NAME.match(name)
        if match and glyph_id not in direct:
            variants[glyph_id] = chr(int(match.group(1), 16))
    return direct, variants


def repair_to_unicode(fonts) -> None:
    by_file: dict = {}
    for font in fonts:
        if getattr(font, "bitmap", False) or not font.to_unicode:
            continue
        by_file.setdefault(font.hash, []).append(font)
    for same_file in by_file.values():
        try:
            direct, variants = _reverse_cmap(same_file[0])
        except Exception:  # a font fontTools cannot read keeps WeasyPrint's mapping
            logger.debug("could not read cmap of %s", same_file[0].family, exc_info=True)
            continue
        for font in same_file:
            for glyph_id in list(font.to_unicode):
                text = direct.get(glyph_id) or variants.get(glyph_id)
                current = font.to_unicode[glyph_id]
                # Keep WeasyPrint's text where it only spells the same thing out ("ffi").
                if text and unicodedata.normalize("NFKC", text) != unicodedata.normalize(
                    "NFKC", current
                ):
                    font.to_unicode[glyph_id] = text


def install() -> None:
    """Wrap WeasyPrint's font-dictionary step once per process."""
    global _installed
    if _installed:
        return
    from weasyprint import pdf as weasy_pdf

    original = weasy_pdf.build_fonts_dictionary

    def build_fonts_dictionary(pdf, fonts, *args, **kwargs):
        repair_to_unicode(fonts.values())
        return original(pdf, fonts, *args, **kwargs)

    weasy_pdf.build_fonts_dictionary = build_fonts_dictionary
    _installed = True
