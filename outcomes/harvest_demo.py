"""Demo data for outcome harvesting: outcomes participants reported from the portal, in
their languages, in each state of the staff review (`seed_demo` calls it from outcomes.demo).

Idempotent: each submission carries a fixed form key (uuid5), so a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from participants.models import Participant

from .models import Credit, Outcome, OutcomeSubmission, SubmissionStatus

NAMESPACE = uuid.UUID("6f1c7f0e-3d1b-4c3e-9a43-1f0e7a2b9c55")

SUBMISSIONS = [
    {
        "who": ("TH", "participant@demo.example"),
        "language": "th",
        "status": SubmissionStatus.SUBMITTED,
        "what_changed": "จังหวัดเชียงรายเริ่มส่งต่อเด็กย้ายถิ่นที่ไม่มีผู้ปกครองไปยังบ้านพักในชุมชน แทนการกักตัวในห้องกัก",
        "actor_kind": "government",
        "who_changed": "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดเชียงราย",
        "date": dt.date(2024, 9, 1),
        "significance": "เด็กได้อยู่ในที่ปลอดภัยและได้ไปโรงเรียนระหว่างรอการพิจารณาสถานะ",
        "contribution": "เจ้าหน้าที่ได้เห็นแนวทางการดูแลในชุมชนจากการศึกษาดูงานในการประชุมที่กรุงเทพฯ",
        "evidence_url": "https://example.org/demo/chiang-rai-referral",
        "credit": Credit.DESCRIBED,
    },
    {
        "who": ("MY", None),
        "language": "ms",
        "status": SubmissionStatus.CHANGES_REQUESTED,
        "what_changed": "Sebuah pusat sehenti untuk kanak-kanak migran dibuka oleh pertubuhan masyarakat sivil di Sabah.",
        "actor_kind": "civil_society",
        "who_changed": "Gabungan pertubuhan masyarakat sivil di Sabah",
        "date": dt.date(2024, 5, 1),
        "significance": "Kanak-kanak mendapat bantuan guaman dan kesihatan di satu tempat.",
        "contribution": "Idea ini dibincangkan dalam pertemuan serantau.",
        "evidence_url": "",
        "credit": Credit.NAMED,
        "note": "Bolehkah anda menambah pautan kepada pengumuman rasmi pembukaan pusat ini?",
    },
    {
        "who": ("ID", None),
        "language": "id",
        "status": SubmissionStatus.DECLINED,
        "what_changed": "Sebuah seminar tentang anak migran diadakan di universitas kami.",
        "actor_kind": "other",
        "who_changed": "Fakultas Hukum",
        "date": dt.date(2023, 11, 1),
        "significance": "Mahasiswa belajar tentang alternatif penahanan.",
        "contribution": "Materi pengarahan platform dipakai dalam seminar.",
        "evidence_url": "",
        "credit": Credit.NONE,
        "note": "Terima kasih. Seminar adalah kegiatan, belum perubahan kebijakan atau praktik; laporkan lagi bila ada perubahan yang terjadi.",
    },
]


def seed(*, stdout=None) -> int:
    added = 0
    for index, spec in enumerate(SUBMISSIONS):
        key = uuid.uuid5(NAMESPACE, f"submission-{index}")
        if OutcomeSubmission.objects.filter(create_key=key).exists():
            continue
        country, email = spec["who"]
        people = Participant.objects.filter(is_active=True)
        person = (
            people.filter(email=email).first()
            if email
            else people.filter(country__code=country).order_by("pk").first()
        )
        if person is None:
            continue
        OutcomeSubmission.objects.create(
            participant=person,
            create_key=key,
            language=spec["language"],
            status=spec["status"],
            staff_note=spec.get("note", ""),
            country=person.country,
            reviewed_at=timezone.now() if spec.get("note") else None,
            **{
                name: spec[name]
                for name in (
                    "what_changed",
                    "actor_kind",
                    "who_changed",
                    "date",
                    "significance",
                    "contribution",
                    "evidence_url",
                    "credit",
                )
            },
        )
        added += 1
    # One report merged into a recorded outcome, so the outcome shows a participant as a source.
    key = uuid.uuid5(NAMESPACE, "merged")
    outcome = Outcome.objects.filter(country__code="TH").order_by("date", "pk").first()
    person = Participant.objects.filter(email="participant@demo.example").first()
    if (
        outcome is not None
        and person is not None
        and not OutcomeSubmission.objects.filter(create_key=key).exists()
    ):
        OutcomeSubmission.objects.create(
            participant=person,
            create_key=key,
            language="th",
            status=SubmissionStatus.MERGED,
            outcome=outcome,
            country=outcome.country,
            what_changed=outcome.what_changed_th or outcome.what_changed,
            actor_kind="government",
            who_changed=outcome.who_changed_th or outcome.who_changed or "-",
            date=outcome.date,
            significance=outcome.significance_th or outcome.significance or "-",
            contribution=outcome.contribution_th or outcome.contribution or "-",
            credit=Credit.NAMED,
            reviewed_at=timezone.now(),
        )
        added += 1
    if stdout is not None:
        stdout.write(f"outcomes: {added} outcomes submitted by participants added")
    return added
