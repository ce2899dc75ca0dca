"""Demo data between meetings, built on the convenings that earlier demo modules made.

For each past convening: published, non-attributed notes in four languages, follow-up
actions (some done, some overdue, one for the secretariat), anonymous feedback, and for
older convenings the record of the follow-ups that went out. Convenings that ended in the
last few weeks get actions but no notes or follow-up records, so `make followups` has
something to send and staff can try writing notes. Deterministic and idempotent: a
convening that already has notes or actions is left alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import STAFF_GROUP
from common.translation import localized
from convenings.models import Convening, ConveningStatus

from . import services
from .followups import catchup_days
from .models import (
    ActionStatus,
    ActionUpdate,
    FeedbackResponse,
    FollowUpAction,
    FollowUpMessage,
    MeetingNote,
    MessageKind,
    MessageStatus,
)
from .selectors import attendee_invitations

# (en, id, ms, th): fictional, non-attributed summaries of what such meetings discuss.
KEY_POINTS = [
    (
        "Case management that starts at the first contact with a child keeps families together and out of detention.",
        "Manajemen kasus yang dimulai sejak kontak pertama dengan anak menjaga keluarga tetap bersama dan di luar detensi.",
        "Pengurusan kes yang bermula sejak pertemuan pertama dengan kanak-kanak memastikan keluarga kekal bersama dan tidak ditahan.",
        "การจัดการรายกรณีที่เริ่มตั้งแต่การพบเด็กครั้งแรกช่วยให้ครอบครัวอยู่ด้วยกันและไม่ถูกกักตัว",
    ),
    (
        "Participants compared screening and referral at borders; a shared checklist would make referrals faster.",
        "Peserta membandingkan penyaringan dan rujukan di perbatasan; daftar periksa bersama akan mempercepat rujukan.",
        "Peserta membandingkan saringan dan rujukan di sempadan; senarai semak bersama akan mempercepat rujukan.",
        "ผู้เข้าร่วมเปรียบเทียบการคัดกรองและส่งต่อที่ชายแดน รายการตรวจสอบร่วมกันจะช่วยให้ส่งต่อได้เร็วขึ้น",
    ),
    (
        "Community placement costs less than detention and gives better outcomes for children's wellbeing.",
        "Penempatan berbasis komunitas lebih murah daripada detensi dan memberi hasil lebih baik bagi kesejahteraan anak.",
        "Penempatan dalam komuniti lebih murah daripada tahanan dan memberi hasil yang lebih baik untuk kesejahteraan kanak-kanak.",
        "การจัดที่พักในชุมชนมีค่าใช้จ่ายต่ำกว่าการกักตัวและส่งผลดีต่อสุขภาวะของเด็กมากกว่า",
    ),
    (
        "Government officials and civil society described how working together built trust in alternatives.",
        "Pejabat pemerintah dan masyarakat sipil menjelaskan bagaimana kerja sama membangun kepercayaan pada alternatif.",
        "Pegawai kerajaan dan masyarakat sivil menerangkan bagaimana kerjasama membina kepercayaan terhadap alternatif.",
        "เจ้าหน้าที่รัฐและภาคประชาสังคมเล่าว่าการทำงานร่วมกันสร้างความเชื่อมั่นในทางเลือกแทนการกักตัว",
    ),
    (
        "People with lived experience of detention stressed that clear information in their own language reduces fear.",
        "Orang dengan pengalaman langsung detensi menekankan bahwa informasi yang jelas dalam bahasa mereka mengurangi rasa takut.",
        "Mereka yang pernah ditahan menegaskan bahawa maklumat yang jelas dalam bahasa sendiri mengurangkan ketakutan.",
        "ผู้ที่เคยถูกกักตัวย้ำว่าข้อมูลที่ชัดเจนในภาษาของตนช่วยลดความกลัวได้",
    ),
    (
        "The regional commitments on children in migration give officials a shared reference for reform.",
        "Komitmen regional tentang anak dalam konteks migrasi memberi para pejabat acuan bersama untuk reformasi.",
        "Komitmen serantau mengenai kanak-kanak dalam konteks migrasi memberi pegawai rujukan bersama untuk pembaharuan.",
        "พันธกรณีระดับภูมิภาคเรื่องเด็กในบริบทการย้ายถิ่นเป็นกรอบอ้างอิงร่วมของเจ้าหน้าที่ในการปฏิรูป",
    ),
    (
        "Age assessment remains a gap; several countries are testing approaches that give the child the benefit of the doubt.",
        "Penilaian usia masih menjadi kesenjangan; beberapa negara sedang menguji pendekatan yang berpihak pada anak bila ada keraguan.",
        "Penilaian umur masih menjadi jurang; beberapa negara sedang menguji pendekatan yang memihak kepada kanak-kanak apabila ada keraguan.",
        "การประเมินอายุยังเป็นช่องว่าง หลายประเทศกำลังทดลองแนวทางที่ให้ประโยชน์แห่งความสงสัยแก่เด็ก",
    ),
]
NEXT_STEPS = [
    (
        "Share the draft screening checklist with all member countries for comment.",
        "Membagikan draf daftar periksa penyaringan kepada semua negara anggota untuk dimintai masukan.",
        "Berkongsi draf senarai semak saringan dengan semua negara anggota untuk ulasan.",
        "ส่งร่างรายการตรวจสอบการคัดกรองให้ประเทศสมาชิกทุกประเทศให้ความเห็น",
    ),
    (
        "Hold an online follow-up session on case management before the next convening.",
        "Mengadakan sesi lanjutan daring tentang manajemen kasus sebelum pertemuan berikutnya.",
        "Mengadakan sesi susulan dalam talian mengenai pengurusan kes sebelum himpunan seterusnya.",
        "จัดการประชุมออนไลน์ติดตามผลเรื่องการจัดการรายกรณีก่อนการประชุมครั้งถัดไป",
    ),
    (
        "Collect examples of community placement costs from each country.",
        "Mengumpulkan contoh biaya penempatan berbasis komunitas dari setiap negara.",
        "Mengumpul contoh kos penempatan dalam komuniti daripada setiap negara.",
        "รวบรวมตัวอย่างค่าใช้จ่ายของการจัดที่พักในชุมชนจากแต่ละประเทศ",
    ),
    (
        "Translate the information leaflet for families into the four platform languages.",
        "Menerjemahkan selebaran informasi untuk keluarga ke dalam empat bahasa platform.",
        "Menterjemah risalah maklumat untuk keluarga ke dalam empat bahasa platform.",
        "แปลแผ่นพับข้อมูลสำหรับครอบครัวเป็นสี่ภาษาของแพลตฟอร์ม",
    ),
]
# Written by the owner, so in their language: {language: [titles]}.
ACTIONS = {
    "en": [
        "Brief colleagues on the case management model",
        "Send comments on the screening checklist",
        "Share the national referral guideline with the secretariat",
        "Report progress on the community placement pilot",
    ],
    "id": [
        "Memberi pengarahan kepada rekan kerja tentang model manajemen kasus",
        "Mengirim masukan atas daftar periksa penyaringan",
        "Membagikan pedoman rujukan nasional kepada sekretariat",
        "Melaporkan kemajuan uji coba penempatan berbasis komunitas",
    ],
    "ms": [
        "Memberi taklimat kepada rakan sekerja tentang model pengurusan kes",
        "Menghantar ulasan tentang senarai semak saringan",
        "Berkongsi garis panduan rujukan kebangsaan dengan sekretariat",
        "Melaporkan kemajuan projek rintis penempatan dalam komuniti",
    ],
    "th": [
        "บรรยายสรุปรูปแบบการจัดการรายกรณีให้เพื่อนร่วมงาน",
        "ส่งความเห็นต่อรายการตรวจสอบการคัดกรอง",
        "ส่งแนวปฏิบัติการส่งต่อระดับชาติให้สำนักเลขาธิการ",
        "รายงานความคืบหน้าโครงการนำร่องการจัดที่พักในชุมชน",
    ],
}
# (in progress, done) in the owner's language.
UPDATE_TEXTS = {
    "en": (
        "Shared with the team; a follow-up meeting is planned.",
        "Done and reported to the ministry.",
    ),
    "id": (
        "Sudah dibagikan ke tim; rapat lanjutan sudah dijadwalkan.",
        "Selesai dan sudah dilaporkan ke kementerian.",
    ),
    "ms": (
        "Telah dikongsi dengan pasukan; mesyuarat susulan dirancang.",
        "Selesai dan telah dilaporkan kepada kementerian.",
    ),
    "th": ("แจ้งทีมแล้ว กำลังนัดประชุมติดตามผล", "เสร็จแล้วและรายงานกระทรวงแล้ว"),
}
SECRETARIAT_ACTIONS = [
    "Circulate the notes and presentations",
    "Set the date of the online follow-up session",
]
CHANGES = [
    "More time for small-group discussion.",
    "Shorter presentations and more questions.",
    "Interpretation for every session, not only the plenary.",
    "",
]
PRIORITIES = [
    "Screening of children at the border.",
    "Funding community-based alternatives.",
    "Working with the courts.",
    "",
]
RECENT_DAYS = 30
DEMO_PARTICIPANT_EMAIL = "participant@demo.example"


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _texts(rng: random.Random) -> dict[str, str]:
    points = rng.sample(KEY_POINTS, 3)
    steps = rng.sample(NEXT_STEPS, 2)
    codes = [code for code, _name in settings.LANGUAGES]
    texts = {}
    for index, code in enumerate(codes[:4]):
        texts[localized("key_points", code)] = "\n".join(f"• {p[index]}" for p in points)
        texts[localized("next_steps", code)] = "\n".join(f"• {s[index]}" for s in steps)
    return texts


def _seed_convening(convening: Convening, *, staff, rng: random.Random, today: dt.date) -> dict:
    counts = {"notes": 0, "actions": 0, "feedback": 0, "messages": 0}
    recent = convening.end_date >= today - dt.timedelta(days=RECENT_DAYS)
    attendees = list(
        attendee_invitations(convening=convening)
        .select_related("participant", "participant__user")
        .order_by("participant__full_name")
    )

    if not recent:
        note = services.save_notes(convening=convening, by=staff, texts=_texts(rng))
        # Stays a draft if a demo name happens to appear in the text.
        with contextlib.suppress(services.NotesAttributeSomeoneError):
            services.publish_notes(notes=note, by=staff)
        counts["notes"] += 1

    owners = rng.sample(attendees, min(len(attendees), 3))
    # The demo participant account always has actions to look at in the portal.
    demo = [i for i in attendees if i.participant.email == DEMO_PARTICIPANT_EMAIL]
    if demo and demo[0] not in owners:
        owners.append(demo[0])
    for invitation in owners:
        person = invitation.participant
        due = convening.end_date + dt.timedelta(days=rng.choice([45, 60, 90, 120]))
        if recent:
            due = today + dt.timedelta(days=rng.choice([5, 20, 40]))
        action = services.create_action(
            convening=convening,
            title=rng.choice(ACTIONS.get(person.preferred_language, ACTIONS["en"])),
            owner=person,
            due_date=due,
            by=staff,
        )
        counts["actions"] += 1
        if due < today:
            status = rng.choices(
                [
                    ActionStatus.DONE,
                    ActionStatus.IN_PROGRESS,
                    ActionStatus.OPEN,
                    ActionStatus.DROPPED,
                ],
                weights=[6, 2, 1, 1],
            )[0]
            if status != ActionStatus.OPEN:
                update = ActionUpdate.objects.create(
                    action=action,
                    text=UPDATE_TEXTS.get(person.preferred_language, UPDATE_TEXTS["en"])[
                        status == ActionStatus.DONE
                    ],
                    status=status,
                    author=person.user or staff,
                )
                update_time = timezone.make_aware(dt.datetime.combine(due, dt.time(10)))
                ActionUpdate.objects.filter(pk=update.pk).update(created_at=update_time)
                FollowUpAction.objects.filter(pk=action.pk).update(
                    status=status,
                    completed_at=update_time if status == ActionStatus.DONE else None,
                )
    services.create_action(
        convening=convening,
        title=rng.choice(SECRETARIAT_ACTIONS),
        due_date=convening.end_date + dt.timedelta(days=14),
        by=staff,
    )
    FollowUpAction.objects.filter(convening=convening, owner__isnull=True).exclude(
        due_date__gte=today
    ).update(status=ActionStatus.DONE)
    counts["actions"] += 1

    if recent:
        return counts

    sessions = list(convening.sessions.values_list("pk", flat=True))
    # The demo participant is left out so the portal still asks them for feedback.
    givers = [i for i in attendees if i.participant.email != DEMO_PARTICIPANT_EMAIL]
    for invitation in givers[: max(1, len(givers) * 2 // 3)]:
        response = services.submit_feedback(
            convening=convening,
            participant=invitation.participant,
            ratings={s: rng.choice([3, 4, 4, 5, 5]) for s in sessions},
            what_to_change=rng.choice(CHANGES),
            priorities=rng.choice(PRIORITIES),
        )
        FeedbackResponse.objects.filter(pk=response.pk).update(
            submitted_on=convening.end_date + dt.timedelta(days=rng.randint(3, 20))
        )
        counts["feedback"] += 1

    if convening.end_date < today - dt.timedelta(days=catchup_days() + RECENT_DAYS):
        sent_at = timezone.make_aware(
            dt.datetime.combine(
                convening.end_date + dt.timedelta(days=settings.FOLLOWUP_AFTER_CONVENING_DAYS),
                dt.time(9, 15),
            )
        )
        for invitation in attendees[:5]:
            person = invitation.participant
            _msg, created = FollowUpMessage.objects.get_or_create(
                key=f"followup:{convening.pk}:{person.pk}",
                defaults={
                    "kind": MessageKind.FOLLOWUP,
                    "convening": convening,
                    "participant": person,
                    "recipient": person.email,
                    "language": person.preferred_language or "en",
                    "status": MessageStatus.SENT,
                    "sent_at": sent_at,
                    "attempts": 1,
                },
            )
            counts["messages"] += int(created)
    return counts


def seed(*, scale: int = 1, stdout=None) -> None:
    today = timezone.localdate()
    staff = User.objects.filter(groups__name=STAFF_GROUP, is_active=True).order_by("pk").first()
    convenings = (
        Convening.objects.filter(end_date__lt=today)
        .exclude(status=ConveningStatus.CANCELLED)
        .order_by("start_date", "pk")
    )
    totals = {"notes": 0, "actions": 0, "feedback": 0, "messages": 0}
    for convening in convenings:
        has_data = (
            MeetingNote.objects.filter(convening=convening).exists()
            or FollowUpAction.objects.filter(convening=convening).exists()
        )
        if has_data:
            continue
        rng = random.Random(f"engagement-{convening.pk}-{convening.start_date.isoformat()}")
        for key, value in _seed_convening(convening, staff=staff, rng=rng, today=today).items():
            totals[key] += value
    _say(
        stdout,
        "engagement: {notes} notes, {actions} actions, {feedback} feedback responses, "
        "{messages} follow-up records\n".format(**totals),
    )
