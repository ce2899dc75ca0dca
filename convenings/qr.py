"""QR codes of the check-in codes, as SVG (`qrcode`, no raster library): on badges, on
the participant's phone, on the scan page. The QR carries the URL of the staff scan page
with the opaque token, so any phone camera opens it."""

from __future__ import annotations

import re
from html import escape

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe


def scan_url(token: str) -> str:
    """The absolute address of the staff scan page for this code (SITE_URL's host)."""
    return settings.SITE_URL.rstrip("/") + reverse("convenings:staff-checkin-scan", args=[token])


def qr_svg(data: str, *, label: str = "") -> SafeString:
    """An inline <svg> of `data`: paths only, no XML declaration, sized by its container.
    `label` becomes its accessible name (role="img")."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(data)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # Sized by CSS (the viewBox keeps it square), not by the library's fixed size in mm.
    svg = re.sub(r' (width|height)="[^"]*"', "", svg.split("?>", 1)[-1].strip(), count=2)
    svg = svg.replace(' id="qr-path"', ' shape-rendering="crispEdges"')
    svg = svg.replace("<svg ", '<svg role="img" class="qr" ', 1)
    if label:
        svg = svg.replace(">", f"><title>{escape(label)}</title>", 1)
    # Built by the qrcode library from our own URL; the label is escaped.
    return mark_safe(svg)
