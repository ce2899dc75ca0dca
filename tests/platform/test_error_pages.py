"""Django's bare English error pages (400, CSRF failure) are replaced by translated pages
that tell the person what to do, with DEBUG off as in production."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = {
    # language: (what the 400 page says, what the CSRF page says)
    "en": ("This request could not be handled", "Reload the page and try again."),
    "id": ("Permintaan ini tidak dapat diproses", "Muat ulang halaman, lalu coba lagi."),
    "ms": ("Permintaan ini tidak dapat diproses", "Muat semula halaman dan cuba lagi."),
    "th": ("ไม่สามารถดำเนินการตามคำขอนี้ได้", "โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง"),
}


@pytest.mark.parametrize("language", PAGES)
def test_a_form_with_too_many_fields_gets_a_translated_400_page(settings, language):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client = Client()
    client.cookies["django_language"] = language
    data = {f"field{n}": "x" for n in range(20)}
    response = client.post(reverse("account_login"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert PAGES[language][0] in page
    assert "Bad Request" not in page


def test_the_invitation_picker_may_send_thousands_of_people(staff_client):
    # "Check all" on a large directory sends one field per person: not a 400.
    from tests.convenings.factories import open_convening

    convening = open_convening()
    response = staff_client.post(
        reverse("convenings:staff-invitations", args=[convening.pk]),
        {"participants": [str(n) for n in range(1, 5001)]},
    )
    assert response.status_code == 200  # the form answers (these people do not exist)
    assert "This request could not be handled" not in response.content.decode()


@pytest.mark.parametrize("language", PAGES)
def test_a_csrf_failure_gets_a_translated_page_saying_to_reload(language):
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = language
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert PAGES[language][1] in page
    assert "CSRF verification failed" not in page


@pytest.mark.parametrize("who", ["participant_client", "staff_client"])
def test_a_signed_in_csrf_failure_gets_the_same_page(request, who):
    client = request.getfixturevalue(who)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("account_logout"))
    assert response.status_code == 403
    assert "Reload the page and try again." in response.content.decode()
