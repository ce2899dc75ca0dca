"""A strict Content-Security-Policy on every page, and nothing in our HTML that it would block.

Pages are found from the URL map (every pattern without arguments, plus the ones with an
id filled from data made here), so the other apps' pages are covered once merged; the
template scan covers pages no test renders.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\s(on[a-z]+|(?:data-)?hx-on[:\w-]*)\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
# JSON data blocks are inert and allowed by the CSP: <script type="application/json">.
DATA_SCRIPT = re.compile(r"<script\b[^>]*type=[\"']application/(ld\+)?json[\"']", re.IGNORECASE)


def inline_problems(html: str) -> list[str]:
    problems = [
        m.group(0) for m in INLINE_SCRIPT.finditer(html) if not DATA_SCRIPT.match(m.group(0))
    ]
    problems += [m.group(0)[:80] for m in STYLE_ATTRIBUTE.finditer(html)]
    problems += [m.group(0)[:80] for m in HANDLER_ATTRIBUTE.finditer(html)]
    problems += [m.group(0) for m in STYLE_ELEMENT.finditer(html)]
    return problems


# Documents WeasyPrint renders to PDF on the server are never served to a browser, so the
# page CSP does not apply to them (they carry their own print styles).
PRINT_ONLY = ("briefings/pdf/", "outcomes/report/", "convenings/printables/", "convenings/print/")


def template_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    roots = [base / "templates", *sorted(base.glob("*/templates"))]
    return sorted(
        p
        for root in roots
        if root.exists() and ".venv" not in str(root)
        for p in root.rglob("*.html")
        if not any(part in p.as_posix() for part in PRINT_ONLY)
    )


def test_the_scanner_catches_what_the_csp_blocks():
    assert inline_problems("<script>alert(1)</script>")
    assert inline_problems('<p style="color:red">x</p>')
    assert inline_problems('<button onclick="x()">x</button>')
    assert inline_problems('<div hx-on:click="x()">x</div>')
    assert inline_problems('<div data-hx-on:click="x()">x</div>')
    assert inline_problems("<style>p{}</style>")
    assert not inline_problems('<script src="/static/js/app.js" defer></script>')
    assert not inline_problems('<script type="application/json" id="d">{}</script>')
    assert not inline_problems('<a data-confirm="Sure?" href="/x">one</a>')


@pytest.mark.parametrize(
    "path",
    template_files(),
    ids=lambda p: str(p.relative_to(settings.BASE_DIR)),
)
def test_template_has_no_inline_script_style_or_handlers(path):
    assert inline_problems(path.read_text()) == []


def test_there_are_templates_to_scan():
    names = {p.name for p in template_files()}
    assert {"base.html", "audit_log.html", "erase_confirm.html", "login.html"} <= names


def _paths_without_arguments(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue  # the Django admin's own pages: see test_admin_is_exempt_but_behind_sign_in
            found += _paths_without_arguments(entry, prefix + route)
        elif isinstance(entry, URLPattern) and "<" not in route and not route.startswith("^"):
            found.append("/" + prefix + route)
    return sorted(set(found))


def _fill_arguments(participant) -> list[str]:
    """Pages that need an object: one per app's URL names as they exist."""
    from django.urls import NoReverseMatch, reverse

    convening = factories.ConveningFactory()
    factories.InvitationFactory(convening=convening, participant=participant)
    candidates = [
        ("accounts:erase-person", {"pk": participant.pk}),
        ("convenings:staff-detail", {"pk": convening.pk}),
        ("convenings:portal-detail", {"pk": convening.pk}),
        ("participants:staff-detail", {"pk": participant.pk}),
    ]
    paths = []
    for name, kwargs in candidates:
        try:
            paths.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    return paths


def _clients(staff_client, admin_client_, participant_client, client):
    return {
        "anonymous": client,
        "participant": participant_client,
        "staff": staff_client,
        "admin": admin_client_,
    }


def test_every_page_has_a_strict_csp_and_no_inline_code(
    client, staff_client, admin_client_, participant_client, participant
):
    paths = _paths_without_arguments() + _fill_arguments(participant)
    assert "/staff/audit/" in paths
    assert "/accounts/login/" in paths
    checked = 0
    for role, browser in _clients(staff_client, admin_client_, participant_client, client).items():
        for path in paths:
            if path.startswith("/accounts/logout"):
                continue
            response = browser.get(path)
            csp = response.headers.get("Content-Security-Policy", "")
            assert "default-src 'self'" in csp, (role, path)
            assert "script-src 'self'" in csp, (role, path)
            assert "unsafe-inline" not in csp, (role, path)
            assert "unsafe-eval" not in csp, (role, path)
            assert "frame-ancestors 'none'" in csp, (role, path)
            if response.get("Content-Type", "").startswith("text/html") and response.content:
                assert inline_problems(response.content.decode()) == [], (role, path)
                checked += 1
    assert checked >= 20


def test_error_pages_have_the_csp_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert inline_problems(response.content.decode()) == []


def test_admin_is_exempt_but_behind_sign_in(client):
    # Django's admin ships inline scripts, so it has no CSP; it is staff-only behind allauth.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "/admin/login/" in response["Location"]


def test_pages_send_the_other_security_headers(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
