"""Printables (convenings/printables.py): hidden people are never printed, pseudonymous
people only by pseudonym, whatever the filter; Thai, Malay and Indonesian names render.
The PDFs are read back with pypdf."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from convenings.models import BadgeCode, InvitationStatus
from convenings.printables import KINDS
from participants.models import Visibility
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def people():
    """A Thai named person, an Indonesian pseudonymous one (organisation that would give
    them away), a hidden Malaysian, a named Malaysian with one name, and someone who declined."""
    convening = open_convening(title="Bangkok convening")
    thailand = factories.CountryFactory(name="Thailand", code="TH")
    indonesia = factories.CountryFactory(name="Indonesia", code="ID")
    malaysia = factories.CountryFactory(name="Malaysia", code="MY")

    def invite(status=InvitationStatus.ACCEPTED, **person):
        participant = factories.ParticipantFactory(**person)
        factories.InvitationFactory(convening=convening, participant=participant, status=status)
        return participant

    named_thai = invite(
        full_name="สมชาย ใจดี",
        display_name="สมชาย ใจดี",
        country=thailand,
        preferred_language="th",
        organisation=factories.OrganisationFactory(name="Ministry of Social Development"),
    )
    pseudo = invite(
        full_name="Siti Rahmawati",
        display_name="River",
        visibility=Visibility.PSEUDONYMOUS,
        country=indonesia,
        preferred_language="id",
        organisation=factories.OrganisationFactory(name="Detained Youth Network Medan"),
    )
    hidden = invite(
        full_name="Harun bin Hidayat",
        display_name="Harun H.",
        visibility=Visibility.HIDDEN,
        country=malaysia,
        preferred_language="ms",
        organisation=factories.OrganisationFactory(name="Kuala Lumpur Shelter Collective"),
    )
    single = invite(
        full_name="Suharti",
        display_name="Suharti",
        country=malaysia,
        preferred_language="ms",
        organisation=factories.OrganisationFactory(name="SUHAKAM"),
        status=InvitationStatus.INVITED,
    )
    declined = invite(full_name="Dewi Declined", display_name="Dewi Declined", country=indonesia)
    declined.invitations.update(status=InvitationStatus.DECLINED)
    return convening, {
        "named": named_thai,
        "pseudo": pseudo,
        "hidden": hidden,
        "single": single,
        "declined": declined,
    }


FILTERS = [
    {},
    {"who": "all"},
    {"who": "all", "country": "malaysia"},
    {"who": "all", "country": "indonesia"},
    {"who": "all", "language": "ms"},
    {"who": "accepted", "language": "id"},
    {"who": "nonsense", "country": "999999", "language": "xx"},
]


def _query(params: dict, people) -> dict:
    countries = {p.country.name.casefold(): p.country.pk for p in people.values()}
    return {k: countries.get(v, v) if k == "country" else v for k, v in params.items()}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_hidden_never_and_pseudonymous_only_by_pseudonym_in_every_filter(
    kind, people, staff_client
):
    convening, who = people
    url = reverse("convenings:staff-printable", args=[convening.pk, kind])
    for params in FILTERS:
        response = staff_client.get(url, _query(params, who))
        assert response.status_code == 200, params
        assert response["Content-Type"] == "application/pdf"
        text = squeezed(pdf_text(response.getvalue()))
        for leak in ("Harun", "Hidayat", "Kuala Lumpur Shelter", "Siti", "Rahmawati", "Medan"):
            assert squeezed(leak) not in text, (params, leak)
        assert "DewiDeclined" not in text, params
        if params.get("country") in (None, "indonesia") and params.get("language") in (None, "id"):
            assert "River" in text, params
        if not params or params == {"who": "nonsense", "country": "999999", "language": "xx"}:
            # Accepted only (the default, also for a filter that does not validate).
            assert squeezed("สมชาย ใจดี") in text
            assert "Suharti" not in text
            assert squeezed("Ministry of Social Development") in text
        if params == {"who": "all", "country": "malaysia"}:
            assert "Suharti" in text  # a single name, invited, "everyone not declined"
            assert "SUHAKAM" in text
            assert "River" not in text


def test_badges_carry_a_qr_code_per_printed_person_and_none_for_the_hidden(people, staff_client):
    convening, who = people
    response = staff_client.get(
        reverse("convenings:staff-printable", args=[convening.pk, "badges"]), {"who": "all"}
    )
    assert response.status_code == 200
    printed = BadgeCode.objects.filter(invitation__convening=convening)
    assert {code.invitation.participant_id for code in printed} == {
        who["named"].pk,
        who["pseudo"].pk,
        who["single"].pk,
    }


def test_sign_in_sheets_have_one_page_per_day_with_a_signature_column(people, staff_client):
    convening, _who = people
    response = staff_client.get(
        reverse("convenings:staff-printable", args=[convening.pk, "sign-in-sheets"])
    )
    reader = PdfReader(io.BytesIO(response.getvalue()))
    days = (convening.end_date - convening.start_date).days + 1
    assert len(reader.pages) == days
    assert all("Signature" in page.extract_text() for page in reader.pages)


def test_the_printables_page_counts_who_will_be_printed(people, staff_client):
    convening, _who = people
    page = staff_client.get(reverse("convenings:staff-printables", args=[convening.pk]))
    assert page.status_code == 200
    assert "2 people will be printed." in page.content.decode()  # not hidden, not invited
    everyone = staff_client.get(
        reverse("convenings:staff-printables", args=[convening.pk]), {"who": "all"}
    )
    assert "3 people will be printed." in everyone.content.decode()


def test_an_unknown_printable_is_404_and_participants_get_403(
    people, staff_client, participant_client
):
    convening, _who = people
    assert (
        staff_client.get(
            reverse("convenings:staff-printable", args=[convening.pk, "guest-list"])
        ).status_code
        == 404
    )
    assert (
        participant_client.get(
            reverse("convenings:staff-printable", args=[convening.pk, "badges"])
        ).status_code
        == 403
    )
