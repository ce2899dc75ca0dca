"""Every page each role reaches, in every language, read by axe-core and the Nu HTML Checker.

The pages are not listed: starting from each role's home, the crawl follows the links a person
can follow (no downloads, no sign-out, nothing under the Django admin, which is not ours) and
checks each page once per URL name, the first role to reach it. Every page is then loaded in
each language: axe-core runs at a phone's and a desktop's width (after HTMX partials that a
change loads are swapped in), and the HTML the server sent, partials included, goes to the Nu
checker in one batch. A page's first form with required fields is also sent with them empty,
and the page that comes back with its errors is checked the same way. The refusal pages (403,
404) and the sign-in pages met half-way (authenticator code, e-mailed code) are checked too.
The test fails with one line per problem: page, language, width or Nu, rule, and where.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from accounts.models import User
from briefings.models import DeliveryStatus, PackDelivery
from outcomes.models import ReportStatus
from participants.models import Participant
from tests.a11y.checkers import NuBatch, Problem, add_axe, axe_violations, links_in, missing_tools
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import activate_totp
from tests.conftest import PASSWORD
from tests.outcomes.factories import StoredReportFactory
from tests.security.url_matrix.matrix import MATRIX
from tests.security.world import build_world

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ROLES = {"anonymous": None, "participant": "invited", "staff": "staff", "admin": "admin"}
# Left out of the crawl: not our pages, or a link that would end the visit.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")
ACCOUNT_PAGES = ("account_change_password", "mfa_index")
# Half-way through signing in (anonymous, the person's language from the cookie).
HALF_SIGNED_IN = {"staff, authenticator code": "staff", "participant, e-mailed code": "invited"}
# Addresses followed per URL name: enough to meet a convening with sessions, notes, actions.
VARIANTS = 4


@dataclass
class Crawl:
    """What one role's walk found: pages to check (first reached by this role) and names seen."""

    pages: list[tuple[str, str]] = field(default_factory=list)
    partials: dict[str, list[str]] = field(default_factory=dict)
    reached: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return None
    return match.view_name


def _skipped(path: str) -> bool:
    return path.startswith(SKIPPED_PREFIXES) or path.split("?")[0] == reverse("account_logout")


def crawl(request_context, *, checked: set[str], signed_in: bool) -> Crawl:
    """Breadth-first from the home page, in English, up to VARIANTS addresses per URL name.

    Of the addresses of one name (a convening with sessions, one without), the page with the
    most HTML is the one checked: it shows the tables and lists an empty one leaves out.
    """
    found = Crawl()
    # The platform's own pages do not link to allauth's account pages (password, two-factor
    # authentication), which link to each other: start there too.
    queue = deque(["/", *(reverse(name) for name in ACCOUNT_PAGES if signed_in)])
    visited: set[str] = set()
    per_name: dict[str, int] = {}
    fullest: dict[str, tuple[int, str, list[str]]] = {}
    while queue:
        url = queue.popleft()
        name = _url_name(url)
        if name is None or _skipped(url) or url in visited or per_name.get(name, 0) >= VARIANTS:
            continue
        visited.add(url)
        per_name[name] = per_name.get(name, 0) + 1
        response = request_context.get(url, max_redirects=0)
        if 300 <= response.status < 400:
            queue.append(response.headers["location"])
            continue
        if response.status >= 500:
            found.errors.append(f"{url}: {response.status}")
        if response.status != 200:
            continue
        found.reached.add(name)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # a download (PDF, calendar, CSV)
        html = response.text()
        links, partials = links_in(html, base=f"http://testserver{url}")
        found.reached |= {_url_name(partial) or partial for partial in partials}
        if name not in fullest or len(html) > fullest[name][0]:
            fullest[name] = (len(html), url, partials)
        queue.extend(links)
    for name, (_size, url, partials) in fullest.items():
        if name not in checked:
            checked.add(name)
            found.pages.append((url, name))
            found.partials[url] = partials
    return found


def _set_language(role_user, context, live_server, language: str) -> None:
    # A signed-in person's saved language wins over the cookie (accounts.middleware).
    if role_user is not None:
        User.objects.filter(pk=role_user.pk).update(language=language)
        Participant.objects.filter(user=role_user).update(preferred_language=language)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )


def _sign_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _check_partials(page, partials: list[str], nu: NuBatch, **origin) -> None:
    """Every HTMX partial of the page to Nu; what a change loads also swapped into the page.

    The swap happens as a person ticking a box would cause it (the invitation balance), so
    axe then reads the partial in its place. Polling partials (pack delivery, report status)
    are the server-rendered markup again, which axe reads with the page.
    """
    for address in partials:
        answer = page.context.request.get(address, headers={"HX-Request": "true"})
        nu.add_fragment(answer.text(), **origin)
        source = page.locator(f'[data-hx-get="{address}"], [hx-get="{address}"]').first
        trigger = source.get_attribute("data-hx-trigger") or source.get_attribute("hx-trigger")
        box = source.locator("input[type=checkbox]:not(:checked)").first
        if "change" not in (trigger or "") or box.count() == 0:
            continue
        with page.expect_response(lambda r, a=address: a.split("?")[0] in r.url):
            box.check()
        page.wait_for_load_state("networkidle")


def _error_pages() -> list[tuple[str, int]]:
    """The refusal pages a participant meets: someone else's page, an address that is gone."""
    return [
        (reverse("convenings:staff-dashboard"), 403),
        (reverse("convenings:portal-detail", kwargs={"pk": 999999}), 404),
    ]


def _half_signed_in(context, *, email: str, by_code: bool) -> str:
    """Where a sign-in stops half-way (the authenticator code, the e-mailed code): only a
    submitted form leads there, so no link does. Returns the address; it answers a GET again
    while the sign-in is pending."""
    page = context.new_page()
    if by_code:
        page.goto(reverse("account_request_login_code"))
        page.fill("input[name=email]", email)
    else:
        page.goto(reverse("account_login"))
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/(2fa/authenticate|login/code/confirm)/"))
    path = urlsplit(page.url).path
    page.close()
    return path


def _pages_for(role, user, context, live_server, *, checked: set[str]):
    """The role's crawl and the (address, expected status) pairs to check."""
    if role in HALF_SIGNED_IN:
        _set_language(None, context, live_server, "en")
        url = _half_signed_in(context, email=user.email, by_code=role.endswith("code"))
        return Crawl(pages=[(url, _url_name(url))]), [(url, 200)]
    if user is not None:
        _sign_in(context, live_server, user)
    _set_language(user, context, live_server, "en")
    found = crawl(context.request, checked=checked, signed_in=user is not None)
    pages = [(url, 200) for url, _name in found.pages]
    if role == "participant":
        pages += _error_pages()
    return found, pages


def _watched_page(context):
    """The role's one page, and the console errors and uncaught errors it collects."""
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    return page, console


_HOLD_HTMX = """() => document.addEventListener('htmx:beforeRequest', e => e.preventDefault())"""
_EMPTY_THE_REQUIRED_FIELDS = """form => {
  form.noValidate = true;
  for (const field of form.querySelectorAll('[required]')) {
    if (field.type === 'checkbox' || field.type === 'radio') field.checked = false;
    else field.value = '';
  }
  form.requestSubmit();
}"""


def _refused_form(page, nu: NuBatch, **origin) -> int | None:
    """The page's first form with a required field, sent with those fields empty.

    The page comes back with its errors (nothing is saved: a required field is missing),
    which is a state of the page a person meets often. Returns its status if it came back.
    """
    form = page.locator("main form[method=post]").filter(has=page.locator("[required]")).first
    if form.count() == 0:
        return None
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        form.evaluate(_EMPTY_THE_REQUIRED_FIELDS)
    page.wait_for_load_state()
    if 300 <= answer.value.status < 400:
        return None  # not refused in place (a redirect); the page it leads to is crawled
    nu.add(answer.value.text(), **origin)
    return answer.value.status


def _axe_problems(page, **origin) -> list[Problem]:
    problems = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for violation in axe_violations(page):
            problems += [
                Problem(
                    where=f"{viewport['width']}px",
                    rule=f"{violation['id']} ({violation['impact']}): {violation['help']}",
                    target=target,
                    **origin,
                )
                for target in violation["targets"]
            ]
    return problems


def check_pages(
    page, console, *, role: str, pages, partials, language: str, nu: NuBatch, forms: bool
):
    """axe at both widths and the sent HTML to Nu, for each (address, expected status)."""
    problems = []
    for url, status in pages:
        origin = {"role": role, "path": url, "language": language}
        console.clear()
        page.set_viewport_size(DESKTOP)
        response = page.goto(url)
        if response.status != status:
            problems.append(Problem(where="load", rule=str(response.status), target=url, **origin))
            continue
        nu.add(response.text(), **origin)
        _check_partials(page, partials.get(url, []), nu, **origin)
        # Polling partials (a pack being sent) would swap the DOM while axe reads it.
        page.evaluate(_HOLD_HTMX)
        problems += _axe_problems(page, **origin)
        refused = {**origin, "path": f"{url} (form sent with required fields empty)"}
        answered = {status}
        if forms and status == 200:
            refusal = _refused_form(page, nu, **refused)
            if refusal is not None:
                answered.add(refusal)
                page.set_viewport_size(DESKTOP)
                problems += _axe_problems(page, **refused)
        # Refusals (403, 404, a form's 400) log their status as a failed load: expected.
        console[:] = [t for t in console if not any(f"status of {s}" in t for s in answered)]
        problems += [Problem(where="console", rule=text, target=url, **origin) for text in console]
    return problems


@pytest.fixture
def world(monkeypatch):
    # The check is about HTML; rendering briefing PDFs with WeasyPrint would only cost time.
    from briefings import pdf

    monkeypatch.setattr(pdf, "render_pdf", lambda *, briefing, language: b"%PDF-1.7 test")
    world = build_world()
    # Work under way, so the pages show their polling HTMX partials and the failures table.
    StoredReportFactory(status=ReportStatus.QUEUED, generated_by=world.users["admin"])
    for person, status in [
        (world.invited_participant, DeliveryStatus.QUEUED),
        (world.a_colleague, DeliveryStatus.FAILED),
    ]:
        PackDelivery.objects.create(
            pack=world.pack_a, participant=person, language="en", status=status
        )
    return world


def _pages_a_role_may_open() -> set[str]:
    """URL names the access matrix says some role may GET (200)."""
    return {
        name
        for name, cases in MATRIX.items()
        for c in cases
        if c.method == "GET" and 200 in c.expected.values()
    }


# Pages no link leads to, each for a reason.
NOT_LINKED = {
    "participants:staff-import-template": "a download (linked with `download`)",
    "convenings:portal-calendar": "a download (linked with `download`)",
    "outcomes:report-download": "a download (linked with `download`)",
    "convenings:portal-visa-letter": "a download (a PDF)",
    "convenings:staff-visa-letter": "a download (a PDF)",
    "convenings:staff-printable": "a download (a PDF)",
    "convenings:staff-checkin-person": "reached through the desk's search or a badge's code",
}


# Long on purpose: about 60 pages x 4 languages x 2 widths. A few minutes on a quiet machine.
@pytest.mark.timeout(1200)
def test_every_page_each_role_reaches_passes_axe_and_nu(
    browser, live_server, transactional_db, world, tmp_path
):
    missing = missing_tools()
    if missing:
        pytest.fail(f"missing checkers {missing}: run `make setup` (npm ci in tests/a11y/node)")
    for role in ("staff", "admin"):
        activate_totp(world.users[role])
    nu = NuBatch(tmp_path)
    checked: set[str] = set()
    reached: set[str] = set()
    problems: list[Problem] = []
    errors: list[str] = []
    counts = {}
    for role, key in [*ROLES.items(), *HALF_SIGNED_IN.items()]:
        user = world.users[key] if key else None
        context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
        context.set_default_timeout(15_000)
        add_axe(context)
        try:
            page, console = _watched_page(context)
            found, pages = _pages_for(role, user, context, live_server, checked=checked)
            reached |= found.reached
            errors += [f"as {role}: {e}" for e in found.errors]
            counts[role] = len(pages)
            # Half-way through signing in nobody is signed in yet: the cookie decides.
            reader = None if role in HALF_SIGNED_IN else user
            for language in LANGUAGES:
                _set_language(reader, context, live_server, language)
                problems += check_pages(
                    page,
                    console,
                    role=role,
                    pages=pages,
                    partials=found.partials,
                    language=language,
                    nu=nu,
                    # A wrong or empty code counts against a pending sign-in: not sent there.
                    forms=role not in HALF_SIGNED_IN,
                )
        finally:
            context.close()
    problems += nu.problems()

    # The crawl reached every page the access matrix lets someone open, so nothing is
    # left unchecked because no link was followed to it.
    unreached = _pages_a_role_may_open() - reached - NOT_LINKED.keys()
    if unreached:
        errors.append(f"no link reached: {sorted(unreached)}")
    errors += [f"{role} reached no page" for role, count in counts.items() if not count]
    assert errors == [], "\n".join(errors)
    report = "\n".join(sorted({str(p) for p in problems}))
    assert not problems, f"{len(problems)} problems on {sum(counts.values())} pages:\n{report}"
