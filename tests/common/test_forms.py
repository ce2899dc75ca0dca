"""Every field with an error or help text points at text that is on the page.

Django 5.2 writes `aria-describedby="<id>_helptext <id>_error"` itself; the one field
template (common/field.html) must print exactly those ids. Before, four field templates
had four id schemes and a service error added after validation (a refused upload) pointed
the file input at `id_file_error`, which was nowhere on the page.
"""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from tests.briefings.factories import PDF_BYTES, BriefingFactory, upload

pytestmark = pytest.mark.django_db

ID = re.compile(r'\bid="([^"]+)"')
DESCRIBED_BY = re.compile(r'aria-describedby="([^"]*)"')


def described_by(html: str) -> tuple[list[str], list[str]]:
    """(every id aria-describedby names, the ones missing from the page)."""
    ids = set(ID.findall(html))
    names = [name for value in DESCRIBED_BY.findall(html) for name in value.split()]
    return names, sorted({name for name in names if name not in ids})


def _refused_by_the_service(monkeypatch, client):
    def refuse(**_kwargs):
        raise ValidationError("The storage refused the file.")

    monkeypatch.setattr("briefings.services.upload_briefing_file", refuse)
    briefing = BriefingFactory()
    return client.post(
        reverse("briefings:staff-upload", args=[briefing.pk]),
        {"language": "en", "file": upload("notes.pdf", PDF_BYTES)},
    )


# A POST with one empty field: views that build the form from `request.POST or None` would
# take an empty POST for no POST at all.
EMPTY = {"title_en": ""}

PAGES = {
    "briefing, no title": lambda mp, c: c.post(reverse("briefings:staff-create"), EMPTY),
    "briefing file refused by the service": _refused_by_the_service,
    "convening, nothing filled in": lambda mp, c: c.post(reverse("convenings:staff-create"), EMPTY),
    "outcome, nothing filled in": lambda mp, c: c.post(reverse("outcomes:staff-create"), EMPTY),
    "participant, nothing filled in": lambda mp, c: c.post(
        reverse("participants:staff-create"), {"full_name": ""}
    ),
    "audit log, dates the wrong way round": lambda mp, c: c.get(
        reverse("accounts:audit-log"), {"date_from": "2030-02-01", "date_to": "2030-01-01"}
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_every_described_by_names_text_on_the_page(page, monkeypatch, admin_client_):
    response = PAGES[page](monkeypatch, admin_client_)
    html = response.content.decode()
    names, missing = described_by(html)
    assert any(name.endswith("_error") for name in names), "the page shows no field error"
    assert missing == []
    assert 'aria-invalid="true"' in html


def test_the_reply_form_ties_its_errors(participant_client, participant):
    invitation = factories.InvitationFactory(participant=participant)
    response = participant_client.post(
        reverse("convenings:portal-reply", args=[invitation.convening_id]), {"priorities": ""}
    )
    names, missing = described_by(response.content.decode())
    assert any(name.endswith("_error") for name in names)
    assert missing == []


def test_the_harvest_form_ties_its_errors(participant_client):
    """The participant's outcome report (a new feature's form) renders the one field template."""
    response = participant_client.post(reverse("outcomes:portal-harvest-new"), {"what_changed": ""})
    names, missing = described_by(response.content.decode())
    assert any(name.endswith("_error") for name in names)
    assert missing == []
