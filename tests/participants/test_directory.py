"""The staff directory, participant page and record forms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from participants.filters import DirectoryFilter
from participants.models import Participant
from tests.factories import (
    CountryFactory,
    InvitationFactory,
    OrganisationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def make_people(count):
    countries = [CountryFactory(code=code) for code in ("TH", "MY", "ID")]
    return [
        ParticipantFactory(
            country=countries[i % 3],
            visibility=["named", "pseudonymous", "hidden"][i % 3],
            display_name=f"Alias {i}",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("params", [{}, {"q": "alias", "sort": "-country"}])
def test_directory_query_count_is_flat(staff_client, django_assert_num_queries, count, params):
    make_people(count)
    url = reverse("participants:staff-directory")
    # 1 user, 2 their participant record (session: cache), 3 the
    # user's groups (role check), 4 countries for the filter, 5 paginator count, 6 the
    # headline figures, 7 the page of participants with country, organisation and account
    # joined, 8-10 savepoint, session update (idle timeout), release.
    with django_assert_num_queries(10):
        response = staff_client.get(url, {"sector": "civil_society", **params})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == count


def test_directory_search_and_filters(staff_client):
    th, my = CountryFactory(code="TH"), CountryFactory(code="MY")
    org = OrganisationFactory(name="Rumah Teduh Example", country=my)
    a = ParticipantFactory(
        full_name="Aisyah Rahman", country=my, organisation=org, sector="government"
    )
    b = ParticipantFactory(
        full_name="Somchai Boonmee",
        country=th,
        sector="lived_experience",
        lived_experience=True,
        visibility="hidden",
        expertise_level="new",
    )
    c = ParticipantFactory(full_name="Inactive Person", country=th, is_active=False)

    def names(**params):
        response = staff_client.get(reverse("participants:staff-directory"), params)
        return [p.full_name for p in response.context["page"].object_list]

    assert names(q="teduh") == [a.full_name]
    assert names(q="somchai boon") == [b.full_name]
    assert names(q=a.email.upper()) == [a.full_name]
    assert names(country="MY") == [a.full_name]
    assert names(sector="lived_experience") == [b.full_name]
    assert names(expertise="new") == [b.full_name]
    assert names(lived_experience="yes") == [b.full_name]
    assert names(visibility="hidden") == [b.full_name]
    assert names(active="no") == [c.full_name]
    assert sorted(names()) == sorted([a.full_name, b.full_name, c.full_name])
    response = staff_client.get(reverse("participants:staff-directory"), {"country": "TH"})
    assert response.context["counts"].total == 2
    assert response.context["counts"].hidden == 1


def test_directory_paginates_by_50(staff_client):
    country = CountryFactory(code="TH")
    organisation = OrganisationFactory(country=country)
    Participant.objects.bulk_create(
        Participant(
            full_name=f"Person {i:03d}",
            display_name=f"Person {i:03d}",
            email=f"p{i}@example.org",
            country=country,
            organisation=organisation,
            sector="academia",
        )
        for i in range(51)
    )
    first = staff_client.get(reverse("participants:staff-directory"))
    assert len(first.context["page"].object_list) == 50
    assert "page=2" in first.content.decode()
    second = staff_client.get(reverse("participants:staff-directory"), {"page": 2})
    assert [p.full_name for p in second.context["page"].object_list] == ["Person 050"]


def test_the_directory_filter_never_widens_a_queryset():
    th = CountryFactory(code="TH")
    inside = ParticipantFactory(country=th, full_name="Somchai Inside")
    ParticipantFactory(country=th, full_name="Somchai Outside")
    base = Participant.objects.filter(pk=inside.pk)
    for params in ({"country": "TH"}, {"q": "somchai", "sector": ""}, {"q": "outside"}, {}):
        found = DirectoryFilter(params, queryset=base, countries=[th]).qs
        assert list(found) == ([] if params.get("q") == "outside" else [inside])


def test_participant_page_shows_consents_and_history(staff_client):
    participant = ParticipantFactory(full_name="Wanida Example", consent_quoted=True)
    Participant.objects.filter(pk=participant.pk).update(
        consent_quoted_at="2024-03-05T10:00:00+07:00"
    )
    invitation = InvitationFactory(participant=participant, status="attended")
    InvitationFactory()  # somebody else's: must not show
    response = staff_client.get(reverse("participants:staff-detail", args=[participant.pk]))
    page = response.content.decode()
    assert "Wanida Example" in page
    assert "given 5 Mar 2024" in page  # the one date style (platform_site/formats)
    assert invitation.convening.title in page
    assert "Attended" in page
    assert list(response.context["history"]) == [invitation]


def test_staff_create_form_shows_errors_next_to_fields(staff_client):
    ParticipantFactory(email="taken@example.org")
    response = staff_client.post(
        reverse("participants:staff-create"),
        {"full_name": "", "email": "taken@example.org", "sector": "academia"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in page
    assert "A participant with this e-mail address already exists." in page
    assert 'aria-invalid="true"' in page
    assert Participant.objects.count() == 1


def test_staff_create_and_edit(staff_client, staff_user):
    country = CountryFactory(code="ID")
    response = staff_client.post(
        reverse("participants:staff-create"),
        {
            "full_name": "Dewi Example",
            "email": "dewi@example.org",
            "country": country.pk,
            "sector": "academia",
            "expertise_level": "expert",
            "visibility": "named",
            "preferred_language": "id",
            "is_active": "on",
            "consent_contact": "on",
        },
    )
    dewi = Participant.objects.get(email="dewi@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:staff-detail", args=[dewi.pk])
    assert dewi.consent_contact_at is not None

    edit_url = reverse("participants:staff-edit", args=[dewi.pk])
    form = staff_client.get(edit_url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update({"position": "Lecturer", "consent_quoted": "on"})
    response = staff_client.post(edit_url, data)
    assert response.status_code == 302
    dewi.refresh_from_db()
    assert dewi.position == "Lecturer"
    assert dewi.consent_quoted_at is not None
    assert set(
        AuditEntry.objects.filter(object_id=str(dewi.pk)).values_list("action", flat=True)
    ) == {"participant.created", "participant.updated", "participant.consents_changed"}


def test_create_account_button(staff_client, mailoutbox, django_capture_on_commit_callbacks):
    participant = ParticipantFactory(email="new@example.org")
    page = staff_client.get(reverse("participants:staff-detail", args=[participant.pk]))
    assert "Create account and send invitation" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("participants:staff-create-account", args=[participant.pk])
        )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.user.email == "new@example.org"
    assert len(mailoutbox) == 1
    page = staff_client.get(reverse("participants:staff-detail", args=[participant.pk]))
    assert "Create account and send invitation" not in page.content.decode()


def test_create_account_posted_twice_sends_one_invitation_and_no_error(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(email="twice@example.org")
    url = reverse("participants:staff-create-account", args=[participant.pk])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(url, follow=True)
    assert [m.to for m in mailoutbox] == [["twice@example.org"]]
    # The repeat lands on the participant's page, as the first did, with a notice.
    assert response.redirect_chain == [
        (reverse("participants:staff-detail", args=[participant.pk]), 302)
    ]
    body = response.content.decode()
    assert '<p class="message message-info">This participant already has an account.</p>' in body
    assert "message-error" not in body


@pytest.mark.parametrize("count", [1, 3])
def test_participant_page_query_count_is_flat(staff_client, django_assert_num_queries, count):
    participant = ParticipantFactory()
    for _ in range(count):
        InvitationFactory(participant=participant)
    url = reverse("participants:staff-detail", args=[participant.pk])
    # 1 user, 2 their participant record (session: cache), 3 groups
    # (role check), 4 the participant with country, organisation and account, 5 their
    # invitations with convening and host country, 6-8 savepoint, session update, release.
    with django_assert_num_queries(8):
        response = staff_client.get(url)
    assert len(response.context["history"]) == count


def test_edit_form_gives_the_date_input_an_iso_date_in_thai(staff_client, staff_user):
    import datetime as dt

    from accounts import services as account_services

    account_services.set_language(user=staff_user, language="th")
    participant = ParticipantFactory(joined_on=dt.date(2022, 2, 11))
    page = staff_client.get(reverse("participants:staff-edit", args=[participant.pk]))
    assert 'value="2022-02-11"' in page.content.decode()


def test_staff_form_adds_a_new_organisation(staff_client, staff_user):
    country = CountryFactory(code="MY")
    existing = OrganisationFactory(name="Rumah Teduh Example", country=country)
    data = {
        "full_name": "Hakim Example",
        "email": "hakim@example.org",
        "country": country.pk,
        "sector": "government",
        "expertise_level": "new",
        "visibility": "named",
        "preferred_language": "ms",
        "is_active": "on",
        "new_organisation": "  Office  for Community Placement Example ",
    }
    response = staff_client.post(reverse("participants:staff-create"), data)
    assert response.status_code == 302
    hakim = Participant.objects.get(email="hakim@example.org")
    assert hakim.organisation.name == "Office for Community Placement Example"
    assert (hakim.organisation.sector, hakim.organisation.country) == ("government", country)
    assert AuditEntry.objects.filter(action="organisation.created", actor=staff_user).count() == 1

    # The same name again (any case) reuses it; choosing and typing both is refused.
    data.update(
        email="other@example.org", new_organisation="office for community placement example"
    )
    staff_client.post(reverse("participants:staff-create"), data)
    assert Participant.objects.get(email="other@example.org").organisation == hakim.organisation
    data.update(email="third@example.org", organisation=existing.pk)
    response = staff_client.post(reverse("participants:staff-create"), data)
    assert response.status_code == 200
    assert 'id="id_new_organisation_error"' in response.content.decode()
    assert not Participant.objects.filter(email="third@example.org").exists()


@pytest.mark.parametrize("scale", [1, 10])
def test_directory_query_count_is_the_same_at_1x_and_10x_demo_data(
    staff_client, django_assert_num_queries, scale
):
    from participants import demo

    demo.seed(scale=scale)
    # The same ten queries as above, whatever the size of the directory.
    with django_assert_num_queries(10):
        response = staff_client.get(
            reverse("participants:staff-directory"), {"lived_experience": "yes", "page": 2}
        )
    assert (
        response.context["counts"].total
        == Participant.objects.filter(lived_experience=True).count()
    )


def test_staff_form_shows_the_name_in_other_scripts_so_an_edit_keeps_it(staff_client):
    """The field exists on the record and protects the person in Thai text: the form must
    offer it, or staff cannot set it and any edit of the record silently empties it."""
    participant = ParticipantFactory(full_name="Somchai Jaidee", other_names="สมชาย ใจดี")
    page = staff_client.get(reverse("participants:staff-edit", args=[participant.pk]))
    html = page.content.decode()
    assert 'name="other_names"' in html
    assert 'value="สมชาย ใจดี"' in html
    new = staff_client.get(reverse("participants:staff-create")).content.decode()
    assert 'name="other_names"' in new
