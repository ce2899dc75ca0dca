"""The restore drill's world and what it looks at, shared by the SQLite test and the
PostgreSQL integration test: a few people, a convening, a briefing with its file, a report,
and the pages, downloads and report a user would notice were they lost."""

from __future__ import annotations

import re

from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from accounts import services as account_services
from convenings.models import InvitationStatus
from tests import factories
from tests.briefings.factories import PDF_BYTES, BriefingFactory, upload

VOLATILE = [
    re.compile(rb'nonce="[^"]*"'),
    re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(rb'csrf-token" content="[^"]*"'),
]


def seed_world() -> dict:
    staff = factories.UserFactory(email="drill.staff@example.org")
    account_services.set_role(user=staff, role="admin")
    person = factories.UserFactory(email="drill.person@example.org", language="th")
    participant = factories.ParticipantFactory(
        user=person, email=person.email, full_name="Drill Participant"
    )
    convening = factories.ConveningFactory(title_en="Drill convening")
    factories.InvitationFactory(
        participant=participant, convening=convening, status=InvitationStatus.ACCEPTED
    )
    from briefings import services as briefing_services
    from outcomes import services as outcome_services

    briefing = BriefingFactory(convening=convening, title_en="Drill briefing")
    briefing_services.upload_briefing_file(
        briefing=briefing,
        language="en",
        upload=upload("drill.pdf", PDF_BYTES + bytes(range(256)) * 40),
        by=staff,
    )
    # A CSV report: rendered by the (eager) task, stored as a file like every report.
    report = outcome_services.request_report(
        kind="annual", start_year=2025, end_year=2025, language="en", fmt="csv", by=staff
    )
    staff_client, participant_client = Client(), Client()
    staff_client.force_login(staff)
    participant_client.force_login(person)
    return {
        "staff": staff_client,
        "participant": participant_client,
        "urls": {
            "staff": [
                reverse("convenings:staff-dashboard"),
                reverse("convenings:staff-detail", args=[convening.pk]),
                reverse("participants:staff-directory"),
                reverse("briefings:staff-detail", args=[briefing.pk]),
                reverse("outcomes:reports"),
                reverse("outcomes:report-download", args=[report.pk]),
                reverse("briefings:staff-file", args=[briefing.pk, "en"]),
            ],
            "participant": [
                reverse("convenings:portal-home"),
                reverse("briefings:portal-list"),
                reverse("briefings:portal-detail", args=[briefing.pk]),
                reverse("briefings:portal-file", args=[briefing.pk]),
            ],
        },
        "participant_id": participant.pk,
    }


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def snapshot(world: dict) -> dict[str, tuple[int, bytes]]:
    """Each URL's status and body (volatile tokens removed), and every stored file's bytes."""
    seen = {}
    for who in ("staff", "participant"):
        for url in world["urls"][who]:
            response = world[who].get(url)
            body = _body(response)
            for pattern in VOLATILE:
                body = pattern.sub(b"", body)
            seen[f"{who} {url}"] = (response.status_code, body)
    from operations.backups import media_names

    for name in media_names():
        with default_storage.open(name, "rb") as handle:
            seen[f"file {name}"] = (200, handle.read())
    return seen


def rewrite_backup(path, *, manifest=None, replace: dict[str, bytes] | None = None) -> None:
    """Decrypt a backup, change its manifest (`manifest(dict)`) or members, encrypt it again:
    a backup as another version, or a broken tool, would have written it."""
    import io
    import json
    import tarfile

    from operations import backups

    plain = io.BytesIO()
    with path.open("rb") as source:
        backups.decrypt_file(source, plain)
    plain.seek(0)
    out = io.BytesIO()
    with tarfile.open(fileobj=plain) as old, tarfile.open(fileobj=out, mode="w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                changed = json.loads(data)
                manifest(changed)
                data = json.dumps(changed).encode()
            if replace and member.name in replace:
                data = replace[member.name]
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    tmp = path.with_suffix(".tar")
    tmp.write_bytes(out.getvalue())
    with path.open("wb") as target:
        backups.encrypt_file(tmp, target)
    tmp.unlink()
