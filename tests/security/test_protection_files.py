"""Identity protection inside uploaded files and sent-mail files (issue 13's leftovers).

A file naming a protected person, in Latin or in Thai script, inside a PDF, a DOCX or a
TXT, is refused at upload; on erasure every stored file naming the person is rewritten
where the format allows and otherwise withheld from participants and listed for staff;
the file mail backend's sent mail loses the name and the address too.

Placeholder people: "Wiranya Chaiyaporn" (วิรัญญา ไชยพร in Thai script, recorded in Latin
only), hidden, and "Kittisak Boonmee" (กิตติศักดิ์ บุญมี), named until erased.
"""

from __future__ import annotations

import io
import zipfile
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts import services as account_services
from briefings.forms import BriefingFileForm
from briefings.models import BriefingFile, BriefingStatus, FileKind
from convenings.models import Convening
from outcomes.forms import EvidenceForm
from outcomes.harvest_forms import SubmissionForm
from outcomes.models import EvidenceKind, OutcomeEvidence
from participants.erasure import erase_person
from participants.models import ProtectionFlag, Visibility
from participants.protection_services import file_contents
from tests import factories
from tests.briefings.factories import BriefingFactory
from tests.engagement.factories import past_convening
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.django_db

HIDDEN_LATIN = "Wiranya Chaiyaporn"
HIDDEN_THAI = "วิรัญญา ไชยพร"
ERASED_LATIN = "Kittisak Boonmee"
ERASED_THAI = "กิตติศักดิ์ บุญมี"


def pdf_bytes(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f'<html lang="th"><body><p>{text}</p></body></html>').write_pdf()


def docx_bytes(text: str, *, author: str = "Secretariat") -> bytes:
    """A minimal Word document whose paragraph splits the text over two runs (as Word does
    after an edit), and whose properties carry an author."""
    half = len(text) // 2
    runs = "".join(
        f'<w:r><w:t xml:space="preserve">{part}</w:t></w:r>' for part in (text[:half], text[half:])
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
            f'.org/wordprocessingml/2006/main"><w:body><w:p>{runs}</w:p>'
            "<w:p><w:r><w:t>Next steps agreed.</w:t></w:r></w:p></w:body></w:document>",
        )
        archive.writestr(
            "docProps/core.xml",
            '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/'
            f'dc/elements/1.1/"><dc:creator>{author}</dc:creator></cp:coreProperties>',
        )
    return buffer.getvalue()


def txt_bytes(text: str) -> bytes:
    return f"Minutes\n{text}\n".encode()


MAKERS = {"pdf": pdf_bytes, "docx": docx_bytes, "txt": txt_bytes}


def sentence(name: str) -> str:
    if name[0] >= "\u0e00":
        return f"ขอบคุณ {name} ที่เล่าประสบการณ์"
    return f"With thanks to {name} for sharing her experience."


@pytest.fixture
def w(db):
    th = factories.CountryFactory(code="TH")
    staff = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=staff, role="staff")
    admin = factories.UserFactory(email="admin@example.org")
    account_services.set_role(user=admin, role="admin")
    hidden = factories.ParticipantFactory(
        full_name=HIDDEN_LATIN, display_name="Orchid", visibility=Visibility.HIDDEN, country=th
    )
    erased_user = factories.UserFactory(email="kittisak@example.org", name=ERASED_LATIN)
    erased = factories.ParticipantFactory(
        user=erased_user, email="kittisak@example.org", full_name=ERASED_LATIN, country=th
    )
    reader = factories.ParticipantFactory(
        user=factories.UserFactory(email="reader@example.org"),
        email="reader@example.org",
        full_name="Budi Santoso",
    )
    convening = past_convening(title="Convening F", host_country=th)
    factories.InvitationFactory(convening=convening, participant=reader)
    return {
        "staff": staff,
        "admin": admin,
        "hidden": hidden,
        "erased": erased,
        "reader": reader,
        "convening": convening,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- At upload -------------------------------------------------------------------------


@pytest.mark.parametrize("name", [HIDDEN_LATIN, HIDDEN_THAI])
@pytest.mark.parametrize("kind", ["pdf", "docx", "txt"])
def test_a_file_naming_a_hidden_person_is_found_in_any_script_and_format(w, kind, name):
    upload = SimpleUploadedFile(f"minutes.{kind}", MAKERS[kind](sentence(name)))
    assert file_contents.protected_names_in_upload(upload) == [HIDDEN_LATIN]
    clean = SimpleUploadedFile(f"minutes.{kind}", MAKERS[kind](sentence("the group")))
    assert file_contents.protected_names_in_upload(clean) == []


def test_the_author_in_a_documents_properties_counts_too(w):
    upload = SimpleUploadedFile("m.docx", docx_bytes("Nothing personal", author=HIDDEN_LATIN))
    assert file_contents.protected_names_in_upload(upload) == [HIDDEN_LATIN]


def _briefing_form(upload):
    return BriefingFileForm(data={"language": "en"}, files={"file": upload})


def _evidence_form(upload):
    return EvidenceForm(data={"kind": EvidenceKind.FILE}, files={"file": upload})


def _submission_form(upload):
    """A participant's outcome report from the portal (outcomes/harvest_forms.py)."""
    author = factories.ParticipantFactory(full_name="Reporting Person")
    return SubmissionForm(
        data={},
        files={"evidence_file": upload},
        participant=author,
        convenings=Convening.objects.none(),
    )


# Every upload form whose file is stored in a model's FileField (see the next test), with
# the form field the file is posted in.
UPLOAD_FORMS = {
    "briefings.briefingfile.file": (_briefing_form, "file"),
    "outcomes.outcomeevidence.file": (_evidence_form, "file"),
    "outcomes.outcomesubmission.evidence_file": (_submission_form, "evidence_file"),
}
# FileFields filled by the platform itself, never by an upload.
GENERATED_FILES = {"outcomes.storedreport.file", "convenings.visaletter.file"}


def test_every_uploaded_file_field_has_its_upload_form_checked_here():
    """A new FileField fails here until its upload form is added to UPLOAD_FORMS."""
    fields = {
        f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
    assert fields == set(UPLOAD_FORMS) | GENERATED_FILES


@pytest.mark.parametrize("upload_form", list(UPLOAD_FORMS.values()), ids=list(UPLOAD_FORMS))
@pytest.mark.parametrize("name", [HIDDEN_LATIN, HIDDEN_THAI])
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_every_upload_form_refuses_a_file_naming_a_hidden_person(w, upload_form, kind, name):
    form_for, field = upload_form
    form = form_for(SimpleUploadedFile(f"minutes.{kind}", MAKERS[kind](sentence(name))))
    with translation.override("th"):
        assert not form.is_valid()
        message = " ".join(form.errors[field])
    if form_for is _submission_form:
        # A participant reads it: never whom the file names (a surname tried would give
        # away a hidden person's whole name), in the reader's language.
        assert HIDDEN_LATIN not in message
        assert "Chaiyaporn" not in message
        assert "ไฟล์นี้ระบุชื่อบุคคลที่ไม่อาจระบุชื่อ" in message
    else:
        assert HIDDEN_LATIN in message  # staff read whom
        assert "ไม่อาจเปิดเผยชื่อ" in message  # in the reader's language
    clean = form_for(SimpleUploadedFile(f"minutes.{kind}", MAKERS[kind](sentence("the group"))))
    clean.is_valid()
    assert field not in clean.errors


# --- On erasure ------------------------------------------------------------------------


def _evidence(outcome, kind: str, name: str) -> OutcomeEvidence:
    item = OutcomeEvidence(outcome=outcome, kind=EvidenceKind.FILE, description="Minutes")
    item.file.save(f"minutes.{kind}", ContentFile(MAKERS[kind](sentence(name))), save=True)
    return item


def _read(item) -> bytes:
    item.refresh_from_db()
    with item.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("name", [ERASED_LATIN, ERASED_THAI])
def test_erasure_rewrites_text_and_docx_and_withholds_a_pdf(w, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    outcome = OutcomeFactory()
    txt, docx, pdf = (_evidence(outcome, kind, name) for kind in ("txt", "docx", "pdf"))
    untouched = _evidence(outcome, "txt", "the group")
    before = _read(untouched)

    counts = erase_person(participant=w["erased"], by=w["admin"])

    placeholder = f"Erased participant {w['erased'].pk}"
    for item, kind in ((txt, "txt"), (docx, "docx")):
        text = file_contents.file_text(item.file.name, _read(item)).text
        assert placeholder in text
        for form in (ERASED_LATIN, ERASED_THAI, "Kittisak", "บุญมี"):
            assert form not in text, (kind, form)
    assert _read(untouched) == before
    assert counts["file rewritten: outcomes.outcomeevidence"] == 2
    assert counts["file withheld: outcomes.outcomeevidence"] == 1
    flag = ProtectionFlag.objects.get(resolved_at=None, object_id=str(pdf.pk))
    assert (flag.object_type, flag.field, flag.reason) == (
        "outcomes.outcomeevidence",
        "file",
        "file_contents",
    )
    page = _client(w["staff"]).get(reverse("participants:staff-protection")).content.decode()
    assert "cannot be rewritten" in page
    assert reverse("outcomes:staff-edit", args=[outcome.pk]) in page


def test_a_rewritten_docx_still_opens_as_a_word_document(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = _evidence(OutcomeFactory(), "docx", ERASED_LATIN)
    erase_person(participant=w["erased"], by=w["admin"])
    with zipfile.ZipFile(io.BytesIO(_read(item))) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        xml = archive.read("word/document.xml").decode()
    assert "Next steps agreed." in xml
    assert f"With thanks to Erased participant {w['erased'].pk} for sharing" in xml


def test_a_briefing_file_that_cannot_be_rewritten_is_withheld_from_participants(
    w, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    briefing = BriefingFactory(convening=w["convening"], status=BriefingStatus.PUBLISHED)
    item = BriefingFile(briefing=briefing, language="en", kind=FileKind.PDF, size=1, sha256="x")
    item.content_type = "application/pdf"
    item.file.save("b.pdf", ContentFile(pdf_bytes(sentence(ERASED_THAI))), save=True)
    client = _client(w["reader"].user)
    url = reverse("briefings:portal-file", args=[briefing.pk])
    with translation.override("en"):
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200

        erase_person(participant=w["erased"], by=w["admin"])

        assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 404
        listing = client.get(reverse("briefings:portal-list")).content.decode()
    assert url not in listing
    # Staff still see it, with the reason and where to replace it.
    page = _client(w["staff"]).get(reverse("participants:staff-protection")).content.decode()
    assert reverse("briefings:staff-detail", args=[briefing.pk]) in page


def test_a_clean_file_uploaded_in_its_place_resolves_the_flag(w, settings, tmp_path):
    from briefings import services as briefing_services

    settings.MEDIA_ROOT = tmp_path
    briefing = BriefingFactory(convening=w["convening"], status=BriefingStatus.PUBLISHED)
    item = BriefingFile(briefing=briefing, language="en", kind=FileKind.PDF, size=1, sha256="x")
    item.file.save("b.pdf", ContentFile(pdf_bytes(sentence(ERASED_LATIN))), save=True)
    erase_person(participant=w["erased"], by=w["admin"])
    assert ProtectionFlag.objects.filter(resolved_at=None, object_id=str(item.pk)).exists()
    briefing_services.upload_briefing_file(
        briefing=briefing,
        language="en",
        upload=SimpleUploadedFile("b.pdf", pdf_bytes("Agenda for the day")),
        by=w["staff"],
    )
    assert not ProtectionFlag.objects.filter(resolved_at=None, object_id=str(item.pk)).exists()


# --- Sent mail kept by the file backend ---------------------------------------------------


def _bodies(folder: Path) -> str:
    """Every header and decoded text part of every message in the folder."""
    out = []
    for path in folder.iterdir():
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not raw.strip():
                continue
            message = message_from_bytes(raw, policy=default_policy)
            out += [f"{k}: {v}" for k, v in message.items()]
            out += [p.get_content() for p in message.walk() if p.get_content_maintype() == "text"]
    return "\n".join(out)


def test_erasure_scrubs_the_file_mail_backends_sent_mail(w, settings, tmp_path):
    tmp_path = tmp_path / "mail"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    mail.EmailMessage(
        subject=f"สวัสดี {ERASED_THAI}",
        body=f"Dear {ERASED_LATIN},\nขอบคุณ {ERASED_THAI} ที่ตอบกลับ",
        to=[f"{ERASED_LATIN} <kittisak@example.org>"],
    ).send()
    mail.EmailMessage(subject="Agenda", body="For Budi Santoso", to=["reader@example.org"]).send()
    assert ERASED_THAI in _bodies(tmp_path)

    counts = erase_person(participant=w["erased"], by=w["admin"])

    text = _bodies(tmp_path)
    for form in (ERASED_LATIN, ERASED_THAI, "kittisak@example.org", "Kittisak", "บุญมี"):
        assert form not in text, form
    assert f"Dear Erased participant {w['erased'].pk}," in text
    assert "For Budi Santoso" in text
    assert counts["sent-mail files rewritten"] == 1


def test_other_mail_backends_keep_no_files_to_scrub(w, settings, tmp_path):
    tmp_path = tmp_path / "mail"
    tmp_path.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    (tmp_path / "unrelated.log").write_text(f"Dear {ERASED_LATIN}")
    counts = erase_person(participant=w["erased"], by=w["admin"])
    assert "sent-mail files rewritten" not in counts
    assert (tmp_path / "unrelated.log").read_text() == f"Dear {ERASED_LATIN}"


def test_erasure_leaves_other_peoples_addresses_whole(w):
    """Someone else's sign-in address holding a part of the erased name stays as it is."""
    from allauth.account.models import EmailAddress

    other = factories.UserFactory(email="kittisak.boonmee.office@example.org")
    EmailAddress.objects.get_or_create(user=other, email=other.email)
    erase_person(participant=w["erased"], by=w["admin"])
    other.refresh_from_db()
    assert other.email == "kittisak.boonmee.office@example.org"
    assert set(EmailAddress.objects.filter(user=other).values_list("email", flat=True)) == {
        other.email
    }
