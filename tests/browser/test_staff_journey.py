"""The secretariat's journey in a real browser: from signing in to a sent briefing pack.

Password and TOTP, a convening in Thailand under the Chatham House Rule, ten people from
three countries invited from the directory, a two-day agenda with a site visit, a briefing
written and published, the pack built and sent. The live server runs in this process with
eager Celery and the locmem outbox, so the e-mails are checked here.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from accounts import services as account_services
from briefings.models import Briefing, DeliveryStatus, PackDelivery
from convenings.models import AgendaSession, Convening, Invitation, SessionKind, SiteVisit
from participants.models import Sector
from tests import factories
from tests.browser.helpers import activate_totp, sign_in_with_totp

pytestmark = pytest.mark.browser

# country code, country name, the language its people read, how many are invited
INVITED = [("TH", "Thailand", "th", 4), ("MY", "Malaysia", "ms", 3), ("ID", "Indonesia", "id", 3)]
TITLES = {
    "en": "Community placement for children",
    "id": "Penempatan berbasis komunitas untuk anak",
    "ms": "Penempatan komuniti untuk kanak-kanak",
    "th": "การดูแลเด็กในชุมชน",
}


@pytest.fixture
def directory():
    """Ten people to invite from three countries, and two from elsewhere who must not be."""
    people = {}
    for code, name, language, count in INVITED:
        country = factories.CountryFactory(code=code, name=name)
        for n in range(count):
            sector = Sector.GOVERNMENT if n % 2 else Sector.CIVIL_SOCIETY
            people.setdefault(code, []).append(
                factories.ParticipantFactory(
                    full_name=f"{name} Person {n + 1}",
                    email=f"{code.lower()}{n + 1}@example.org",
                    country=country,
                    organisation=factories.OrganisationFactory(
                        name=f"{name} Organisation {n + 1}", country=country, sector=sector
                    ),
                    preferred_language=language,
                )
            )
    australia = factories.CountryFactory(code="AU", name="Australia")
    outsiders = [
        factories.ParticipantFactory(full_name=f"Australia Person {n}", country=australia)
        for n in (1, 2)
    ]
    return {"invited": people, "outsiders": outsiders}


def _invite_from_country(page, country: str, *, tick_all: bool, people) -> None:
    page.get_by_label("Country", exact=True).select_option(label=country)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"country="))
    balance = page.locator("#balance")
    if tick_all:
        page.get_by_label("Tick everyone shown").check()
    else:
        for person in people:
            page.get_by_label(person.full_name, exact=True).check()
    # htmx refreshes the balance summary with the ticked people counted in.
    expect_ticked = f"including {len(people)} ticked, not yet invited"
    balance.get_by_text(expect_ticked).wait_for()
    page.get_by_role("button", name="Invite the people ticked").click()
    page.get_by_text(f"{len(people)} people invited.").wait_for()


def test_staff_prepares_a_convening_and_sends_the_briefing_pack(page, settings, directory):
    settings.REQUIRE_STAFF_MFA = True
    mail.outbox = []
    staff = factories.UserFactory(email="officer@example.org", name="Secretariat Officer")
    account_services.set_role(user=staff, role="staff")
    activate_totp(staff)
    factories.OrganisationFactory(
        name="Foundation for Children", country=factories.CountryFactory(code="TH")
    )
    start = timezone.localdate() + dt.timedelta(days=60)
    day_two = start + dt.timedelta(days=1)

    # Sign in: password, then the authenticator code.
    sign_in_with_totp(page, email=staff.email, after=r"/staff/$")
    page.screens("dashboard")

    # A convening in Thailand, under the Chatham House Rule, with interpretation.
    page.get_by_role("navigation").get_by_role("link", name="Convenings").first.click()
    page.get_by_role("link", name="New convening").click()
    page.get_by_label("Title (English)").fill(TITLES["en"])
    page.get_by_label("Title (Bahasa Indonesia)").fill(TITLES["id"])
    page.get_by_label("Title (Bahasa Melayu)").fill(TITLES["ms"])
    page.get_by_label("Title (Thai)").fill(TITLES["th"])
    page.get_by_label("Host country").select_option(label="Thailand")
    page.get_by_label("City", exact=True).fill("Bangkok")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("End date").fill(day_two.isoformat())
    page.get_by_label("Status").select_option(label="Open for replies")
    chatham = page.get_by_label("Held under the Chatham House Rule")
    assert chatham.is_checked()  # on unless staff turn it off
    languages = page.get_by_role("group", name="Interpretation languages")
    for name in ("Thai", "Bahasa Melayu", "Bahasa Indonesia"):
        languages.get_by_label(name).check()
    page.screens("new-convening")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/staff/convenings/\d+/$"))
    assert page.locator("h1").inner_text() == TITLES["en"]
    assert page.locator(".page-header").get_by_text("Chatham House Rule").is_visible()
    convening = Convening.objects.get(title_en=TITLES["en"])
    assert convening.host_country.code == "TH"
    assert convening.chatham_house is True
    assert sorted(convening.interpretation_languages) == ["id", "ms", "th"]
    tabs = page.get_by_role("navigation", name="Convening sections")

    # Invitations: the directory filtered by country; ticking updates the balance live.
    tabs.get_by_role("link", name="Invitations").click()
    people = directory["invited"]
    _invite_from_country(page, "Thailand", tick_all=True, people=people["TH"])
    _invite_from_country(page, "Malaysia", tick_all=True, people=people["MY"])
    _invite_from_country(page, "Indonesia", tick_all=False, people=people["ID"])
    balance = page.locator("#balance")
    assert "10 people" in balance.inner_text()
    by_country = balance.locator("table").filter(has_text="By country")
    counts = {
        row.locator("th").inner_text(): row.locator("td").first.inner_text()
        for row in by_country.locator("tbody tr").all()
    }
    assert counts == {"Thailand": "4", "Malaysia": "3", "Indonesia": "3"}
    page.screens("invitations")
    invited = Invitation.objects.filter(convening=convening)
    assert invited.count() == 10
    assert not invited.filter(participant__in=directory["outsiders"]).exists()

    # Agenda: day one in the agenda builder, day two's site visit from its own tab.
    tabs.get_by_role("link", name="Agenda").click()
    page.get_by_label("Starts").fill(f"{start.isoformat()}T09:00")
    page.get_by_label("Ends").fill(f"{start.isoformat()}T10:30")
    page.get_by_label("Kind").select_option(label="Presentation")
    page.get_by_label("Title (English)").fill("Welcome and the year in review")
    page.get_by_label("Description (English)").fill("What changed in each country.")
    page.get_by_role("button", name="Add session").click()
    page.get_by_text("Session added.").wait_for()
    page.get_by_label("Starts").fill(f"{start.isoformat()}T11:00")
    page.get_by_label("Ends").fill(f"{start.isoformat()}T12:30")
    page.get_by_label("Kind").select_option(label="Group discussion")
    page.get_by_label("Title (English)").fill("Screening children at the border")
    page.get_by_role("button", name="Add session").click()
    page.get_by_text("Session added.").wait_for()

    tabs.get_by_role("link", name="Site visits").click()
    page.get_by_label("Programme visited (English)").fill("Foster care in Bangkok")
    page.get_by_label("Host organisation").select_option(label="Foundation for Children")
    page.get_by_label("Place").fill("Bangkok")
    page.get_by_label("Date").fill(day_two.isoformat())
    page.get_by_label("Add it to the agenda").check()
    page.get_by_label("Leaves at").fill("09:30")
    page.get_by_label("Returns at").fill("13:00")
    page.get_by_role("button", name="Add site visit").click()
    page.get_by_text("Site visit added.").wait_for()
    page.screens("site-visit")

    tabs.get_by_role("link", name="Agenda").click()
    days = page.locator("section.agenda-day")
    expect(days).to_have_count(2)  # waits for the page, which a loaded machine delays
    sessions = [
        [s.locator("strong").inner_text() for s in day.locator(".session").all()]
        for day in days.all()
    ]
    assert sessions == [
        ["Welcome and the year in review", "Screening children at the border"],
        ["Foster care in Bangkok"],
    ]
    assert days.nth(1).locator(".session .badge").inner_text() == "Site visit"
    page.screens("agenda")
    visit = SiteVisit.objects.get(convening=convening)
    assert visit.session is not None
    assert visit.session.kind == SessionKind.SITE_VISIT
    assert visit.session.starts_at.date() == day_two
    assert AgendaSession.objects.filter(convening=convening).count() == 3

    # A briefing in four languages, saved as a draft and then published.
    page.get_by_role("navigation").get_by_role("link", name="Briefings").first.click()
    page.get_by_role("link", name="New briefing").click()
    page.get_by_label("Convening").select_option(label=TITLES["en"])
    texts = {
        "English": ("Alternatives to detention: the basics", "Why community placement works."),
        "Bahasa Indonesia": ("Alternatif penahanan: dasar-dasar", "Mengapa penempatan berhasil."),
        "Bahasa Melayu": ("Alternatif kepada tahanan: asas", "Mengapa penempatan berkesan."),
        "Thai": ("ทางเลือกแทนการกักตัว: พื้นฐาน", "เหตุใดการดูแลในชุมชนจึงได้ผล"),
    }
    for language, (title, summary) in texts.items():
        version = page.get_by_role("group", name=language, exact=True)
        version.get_by_label("Title").fill(title)
        version.get_by_label("Summary").fill(summary)
        version.get_by_label("Text").fill(f"{summary}\n\n{title}.")
    page.screens("briefing-form")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/briefings/\d+/$"))
    briefing = Briefing.objects.get(title_en=texts["English"][0])
    assert not briefing.is_published
    # Publishing is its own action, confirmed on a page that says what it does.
    page.get_by_role("link", name="Publish", exact=True).click()
    page.get_by_role("heading", name="Publish this briefing?").wait_for()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Briefing published.").wait_for()
    briefing.refresh_from_db()
    assert briefing.is_published
    page.screens("briefing-published")

    # The pack: built from the published briefing, sent to everyone invited.
    page.get_by_role("link", name="All briefings").click()
    page.get_by_role("link", name="Briefing packs").click()
    page.get_by_role("link", name=TITLES["en"]).click()
    page.get_by_label(texts["English"][0]).check()
    page.get_by_role("button", name="Send the pack").click()
    # The confirmation step: nothing has gone out yet; each language's e-mail is shown.
    page.get_by_role("heading", name="Check the pack before it goes out").wait_for()
    assert not PackDelivery.objects.filter(pack__convening=convening).exists()
    expect(page.get_by_role("heading", name="This goes to 10 people")).to_be_visible()
    thai = page.locator("section[lang=th]")
    expect(thai).to_contain_text(texts["Thai"][0])
    expect(page.locator("section[lang=ms]")).to_contain_text(texts["Bahasa Melayu"][0])
    page.screens("pack-confirm")
    page.get_by_role("button", name="Send the pack now").click()
    page.wait_for_url(re.compile(r"/staff/briefings/packs/\d+/$"))
    panel = page.locator("#pack-panel")
    assert panel.locator(".stat").filter(has_text="Sent").locator(".value").inner_text() == "10"
    assert panel.locator(".stat").filter(has_text="Failed").locator(".value").inner_text() == "0"
    page.screens("pack-sent")

    # In the database: one delivery per invitee, in their language, sent.
    deliveries = PackDelivery.objects.filter(pack__convening=convening).select_related(
        "participant"
    )
    everyone = [p for group in people.values() for p in group]
    assert sorted(d.participant_id for d in deliveries) == sorted(p.pk for p in everyone)
    for delivery in deliveries:
        assert delivery.status == DeliveryStatus.SENT
        assert delivery.language == delivery.participant.preferred_language

    # In the outbox: each invitee got the invitation and the pack, both in their language.
    for person in everyone:
        language = person.preferred_language
        with translation.override(language):
            title = TITLES[language]
            invitation_subject = gettext("Invitation: %(title)s") % {"title": title}
            pack_subject = gettext("Briefing pack: %(convening)s") % {"convening": title}
        received = {m.subject: m for m in mail.outbox if m.to == [person.email]}
        assert set(received) == {invitation_subject, pack_subject}, (person.email, received)
        assert invitation_subject != f"Invitation: {title}"  # really translated
        pack = received[pack_subject]
        assert pack.extra_headers["Content-Language"] == language
        assert texts_in(language, texts) in pack.body
        parts = pack.message().walk()
        assert [p.get_filename() for p in parts if p.get_content_disposition() == "attachment"] == [
            f"alternatives-to-detention-the-basics-{language}.pdf"
        ]
    outsiders = {p.email for p in directory["outsiders"]}
    assert not [m for m in mail.outbox if outsiders & set(m.to)]


def texts_in(language: str, texts: dict) -> str:
    names = {"en": "English", "id": "Bahasa Indonesia", "ms": "Bahasa Melayu", "th": "Thai"}
    return texts[names[language]][0]
