"""Request bodies over the limit get a clear 413 page, before any of the body is read;
files at their own limit still get through."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from briefings.models import BriefingFile
from convenings.models import Invitation
from tests.briefings.factories import BriefingFactory, upload

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


class UnreadBody:
    """A wsgi.input that counts what is read of a body it never holds in memory."""

    def __init__(self, size: int):
        self.size = size
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        left = self.size - self.read_bytes
        size = left if size is None or size < 0 else min(size, left)
        self.read_bytes += size
        return b"0" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def post_declared(client: Client, path: str, size: int, content_type: str):
    body = UnreadBody(size)
    response = client.generic(
        "POST",
        path,
        content_type=content_type,
        **{"wsgi.input": body, "CONTENT_LENGTH": str(size)},
    )
    return response, body


@pytest.mark.parametrize("language", ["en", "id", "ms", "th"])
def test_an_anonymous_60_mib_post_gets_413_without_the_body_being_read(language):
    client = Client()
    client.cookies["django_language"] = language
    response, body = post_declared(
        client,
        reverse("account_login"),
        60 * MIB,
        "multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert body.read_bytes == 0
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    heading = {
        "en": "What you sent is too large",
        "id": "Yang Anda kirim terlalu besar",
        "ms": "Apa yang anda hantar terlalu besar",
        "th": "สิ่งที่คุณส่งมีขนาดใหญ่เกินไป",
    }[language]
    assert heading in page


def test_anonymous_bodies_are_held_to_the_small_limit(client, settings):
    settings.ANONYMOUS_REQUEST_BODY_MAX_BYTES = 4096
    response, body = post_declared(
        client, reverse("account_login"), 4097, "application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert "This site accepts at most 4.0\xa0KB in one form" in response.content.decode()


def test_a_sign_in_form_under_the_limit_is_read_as_usual(client, participant_user):
    response = client.post(
        reverse("account_login"),
        {"login": participant_user.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("who", ["staff_client", "participant_client"])
def test_signed_in_bodies_over_the_limit_get_413_unread(request, settings, who):
    client = request.getfixturevalue(who)
    response, body = post_declared(
        client,
        reverse("home"),
        settings.REQUEST_BODY_MAX_BYTES + 1,
        "multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert "What you sent is too large" in response.content.decode()


def test_form_fields_over_the_in_memory_limit_get_the_413_page_not_a_bare_400(
    participant_client, participant, settings, convening_for_reply
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = participant_client.post(
        reverse("convenings:portal-reply", args=[convening_for_reply.pk]),
        {"accept": "yes", "priorities": "x" * 3000},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "The form held more text than this site accepts at once" in page
    # Nothing was saved.
    invitation = Invitation.objects.get(convening=convening_for_reply, participant=participant)
    assert invitation.status == "invited"


@pytest.fixture
def convening_for_reply(participant):
    from tests import factories
    from tests.convenings.factories import open_convening

    convening = open_convening(chatham_house=False)
    factories.InvitationFactory(convening=convening, participant=participant)
    return convening


def docx_of_size(size: int) -> bytes:
    """A Word file of about `size` bytes (never more): the bulk is a stored, uncompressed part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr(
            "word/media/image1.bin", b"\x00" * (size - 1024), compress_type=zipfile.ZIP_STORED
        )
    data = buffer.getvalue()
    assert size - 1024 < len(data) <= size
    return data


def test_a_briefing_file_at_its_own_limit_still_uploads(staff_client, settings):
    data = docx_of_size(settings.BRIEFING_FILE_MAX_BYTES)
    briefing = BriefingFactory()
    response = staff_client.post(
        reverse("briefings:staff-upload", args=[briefing.pk]),
        {"language": "en", "file": upload("large.docx", data, "application/octet-stream")},
    )
    assert response.status_code == 302
    assert BriefingFile.objects.get(briefing=briefing).size == len(data)
