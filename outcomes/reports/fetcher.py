"""What WeasyPrint may read while rendering a report: this app's static files, nothing else.

Report content is typed by staff; a stray <img src="http://…"> or file:///etc/passwd must
never make the renderer reach the network or the disk beyond our own stylesheet and images.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_ROOT = (Path(__file__).resolve().parent.parent / "static" / "outcomes").resolve()


class AssetRefusedError(ValueError):
    """A report tried to load something outside the app's static files."""


def base_url() -> str:
    return STATIC_ROOT.as_uri() + "/"


class StaticOnlyFetcher(URLFetcher):
    """Serves file: URLs inside outcomes/static/outcomes/ and refuses every other URL."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)

    def resolve(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise AssetRefusedError(f"Refused to fetch {url!r}: only the app's static files.")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(STATIC_ROOT) or not path.is_file():
            raise AssetRefusedError(f"Refused to fetch {url!r}: not one of the app's static files.")
        return path

    def fetch(self, url, headers=None):
        path = self.resolve(url)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": media_type}
        )
