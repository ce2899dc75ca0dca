"""Demo convenings: six years of meetings (2019-2024) and one open for replies in 2027.

Runs after `participants.demo`, which makes the member countries and the 157 people; this
module only reads them. Deterministic (one seeded random generator) and idempotent: a
convening whose English title exists is left as it is, with everything hanging off it.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.translation import localized
from common.zones import at_wall_clock, propose_zone
from participants.models import Country, Organisation, Participant, Visibility

from .models import (
    AgendaSession,
    Convening,
    ConveningFormat,
    ConveningStatus,
    Invitation,
    InvitationStatus,
    SessionKind,
    SiteVisit,
)

SEED = 20190301
LANGS = ("en", "id", "ms", "th")
MEMBER_CODES = ["TH", "MY", "ID", "AU", "NZ"]
CITIES = {
    "TH": ["Bangkok", "Chiang Mai"],
    "MY": ["Kuala Lumpur", "Penang"],
    "ID": ["Jakarta", "Yogyakarta"],
    "AU": ["Melbourne", "Canberra"],
    "NZ": ["Wellington", "Auckland"],
}
DEMO_PARTICIPANT_EMAIL = "participant@demo.example"


def _t(en: str, id_: str, ms: str, th: str) -> dict[str, str]:
    return {"en": en, "id": id_, "ms": ms, "th": th}


THEMES = [
    _t(
        "Alternatives to detention for children: opening regional exchange",
        "Alternatif penahanan bagi anak: pertukaran regional perdana",
        "Alternatif kepada tahanan bagi kanak-kanak: pertukaran serantau sulung",
        "ทางเลือกแทนการกักตัวเด็ก: เวทีแลกเปลี่ยนระดับภูมิภาคครั้งแรก",
    ),
    _t(
        "Case management in practice",
        "Manajemen kasus dalam praktik",
        "Pengurusan kes secara praktikal",
        "การจัดการรายกรณีในทางปฏิบัติ",
    ),
    _t(
        "Protecting children on the move during the pandemic",
        "Melindungi anak dalam perpindahan selama pandemi",
        "Melindungi kanak-kanak dalam perpindahan semasa pandemik",
        "การคุ้มครองเด็กย้ายถิ่นในช่วงโรคระบาด",
    ),
    _t(
        "Legal reform pathways to end child detention",
        "Jalur reformasi hukum untuk mengakhiri penahanan anak",
        "Laluan pembaharuan undang-undang untuk menamatkan tahanan kanak-kanak",
        "แนวทางปฏิรูปกฎหมายเพื่อยุติการกักตัวเด็ก",
    ),
    _t(
        "Screening, identification and referral",
        "Penyaringan, identifikasi dan rujukan",
        "Saringan, pengenalpastian dan rujukan",
        "การคัดกรอง การระบุตัว และการส่งต่อ",
    ),
    _t(
        "Listening to lived experience",
        "Mendengarkan pengalaman langsung",
        "Mendengar pengalaman sendiri",
        "รับฟังเสียงของผู้มีประสบการณ์ตรง",
    ),
    _t(
        "Community placement and family-based care",
        "Penempatan berbasis komunitas dan pengasuhan berbasis keluarga",
        "Penempatan komuniti dan penjagaan berasaskan keluarga",
        "การจัดที่พักในชุมชนและการดูแลในครอบครัว",
    ),
    _t(
        "Government and civil society working together",
        "Kerja sama pemerintah dan masyarakat sipil",
        "Kerjasama kerajaan dan masyarakat sivil",
        "ความร่วมมือระหว่างภาครัฐและภาคประชาสังคม",
    ),
    _t(
        "Measuring what alternatives achieve",
        "Mengukur capaian alternatif penahanan",
        "Mengukur pencapaian alternatif kepada tahanan",
        "การวัดผลของทางเลือกแทนการกักตัว",
    ),
    _t(
        "Regional cooperation and the ASEAN Declaration",
        "Kerja sama regional dan Deklarasi ASEAN",
        "Kerjasama serantau dan Deklarasi ASEAN",
        "ความร่วมมือระดับภูมิภาคและปฏิญญาอาเซียน",
    ),
    _t(
        "From pilot projects to national policy",
        "Dari proyek percontohan ke kebijakan nasional",
        "Daripada projek rintis kepada dasar negara",
        "จากโครงการนำร่องสู่นโยบายระดับชาติ",
    ),
    _t(
        "Five years of peer learning: taking stock",
        "Lima tahun belajar bersama: refleksi capaian",
        "Lima tahun pembelajaran rakan setara: menilai pencapaian",
        "ห้าปีแห่งการเรียนรู้ร่วมกัน: ทบทวนสิ่งที่ผ่านมา",
    ),
]
UPCOMING = _t(
    "Bangkok peer exchange 2027: children first",
    "Pertukaran sejawat Bangkok 2027: anak yang utama",
    "Pertukaran rakan setara Bangkok 2027: kanak-kanak didahulukan",
    "เวทีแลกเปลี่ยนกรุงเทพฯ 2027: เด็กต้องมาก่อน",
)

# (kind, start, end, title) for an in-person day 1, day 2 and an online day.
DAY_ONE = [
    (
        SessionKind.BRIEFING,
        (9, 0),
        (9, 45),
        _t(
            "Welcome and briefing on the week",
            "Sambutan dan pengarahan pekan ini",
            "Alu-aluan dan taklimat minggu ini",
            "กล่าวต้อนรับและบรรยายสรุปภาพรวม",
        ),
    ),
    (
        SessionKind.PRESENTATION,
        (9, 45),
        (11, 0),
        _t(
            "Country updates: what changed this year",
            "Kabar dari tiap negara: perubahan tahun ini",
            "Perkembangan negara: apa yang berubah tahun ini",
            "ความคืบหน้าของแต่ละประเทศในปีนี้",
        ),
    ),
    (
        SessionKind.GROUP_DISCUSSION,
        (11, 15),
        (12, 30),
        _t(
            "Small groups: barriers and what helped",
            "Kelompok kecil: hambatan dan hal yang membantu",
            "Kumpulan kecil: halangan dan apa yang membantu",
            "กลุ่มย่อย: อุปสรรคและสิ่งที่ช่วยได้",
        ),
    ),
    (
        SessionKind.INFORMAL,
        (12, 30),
        (14, 0),
        _t(
            "Lunch together",
            "Makan siang bersama",
            "Makan tengah hari bersama",
            "รับประทานอาหารกลางวันร่วมกัน",
        ),
    ),
    (
        SessionKind.LIVED_EXPERIENCE,
        (14, 0),
        (15, 30),
        _t(
            "Voices of lived experience",
            "Suara dari pengalaman langsung",
            "Suara pengalaman sendiri",
            "เสียงจากผู้มีประสบการณ์ตรง",
        ),
    ),
]
DAY_TWO_AFTER_VISIT = [
    (
        SessionKind.GROUP_DISCUSSION,
        (14, 0),
        (15, 30),
        _t(
            "What we saw: reflections on the visit",
            "Yang kami lihat: refleksi kunjungan",
            "Apa yang kami lihat: renungan lawatan",
            "สิ่งที่ได้เห็น: สะท้อนคิดจากการศึกษาดูงาน",
        ),
    ),
    (
        SessionKind.PRESENTATION,
        (15, 45),
        (16, 30),
        _t(
            "Commitments and next steps",
            "Komitmen dan langkah selanjutnya",
            "Komitmen dan langkah seterusnya",
            "ข้อผูกพันและก้าวต่อไป",
        ),
    ),
]
ONLINE_DAY = [
    DAY_ONE[0],
    (
        SessionKind.PRESENTATION,
        (10, 0),
        (11, 0),
        _t(
            "Country updates online",
            "Kabar dari tiap negara secara daring",
            "Perkembangan negara dalam talian",
            "ความคืบหน้าของแต่ละประเทศ (ออนไลน์)",
        ),
    ),
    (
        SessionKind.GROUP_DISCUSSION,
        (11, 15),
        (12, 15),
        _t(
            "Breakout rooms: keeping children out of detention",
            "Ruang diskusi: menjauhkan anak dari penahanan",
            "Bilik perbincangan: menjauhkan kanak-kanak daripada tahanan",
            "ห้องย่อย: ทำอย่างไรให้เด็กไม่ถูกกักตัว",
        ),
    ),
]
PROGRAMMES = [
    (
        _t(
            "Community placement programme for unaccompanied children",
            "Program penempatan komunitas bagi anak tanpa pendamping",
            "Program penempatan komuniti bagi kanak-kanak tanpa pengiring",
            "โครงการจัดที่พักในชุมชนสำหรับเด็กที่เดินทางโดยลำพัง",
        ),
        _t(
            "Small homes run with local volunteers; children attend the neighbourhood school while their case is decided.",
            "Rumah kecil yang dikelola bersama relawan setempat; anak bersekolah di lingkungannya selama kasusnya diputuskan.",
            "Rumah kecil diuruskan bersama sukarelawan tempatan; kanak-kanak bersekolah di kawasan itu sementara kes mereka diputuskan.",
            "บ้านขนาดเล็กที่ดูแลร่วมกับอาสาสมัครในพื้นที่ เด็กได้ไปโรงเรียนใกล้บ้านระหว่างรอผลการพิจารณาคดี",
        ),
    ),
    (
        _t(
            "Case management pilot",
            "Percontohan manajemen kasus",
            "Projek rintis pengurusan kes",
            "โครงการนำร่องการจัดการรายกรณี",
        ),
        _t(
            "Case workers meet each family weekly and link them to health care, legal advice and schooling.",
            "Pekerja kasus menemui setiap keluarga tiap pekan dan menghubungkan mereka dengan layanan kesehatan, bantuan hukum dan sekolah.",
            "Pegawai kes berjumpa setiap keluarga setiap minggu dan menghubungkan mereka dengan rawatan kesihatan, nasihat undang-undang dan persekolahan.",
            "เจ้าหน้าที่จัดการรายกรณีพบครอบครัวทุกสัปดาห์ และเชื่อมต่อกับบริการสุขภาพ คำปรึกษากฎหมาย และการศึกษา",
        ),
    ),
    (
        _t(
            "Family-based care network",
            "Jaringan pengasuhan berbasis keluarga",
            "Rangkaian penjagaan berasaskan keluarga",
            "เครือข่ายการดูแลเด็กในครอบครัว",
        ),
        _t(
            "Trained foster families look after children; a social worker visits and the family receives a small allowance.",
            "Keluarga asuh terlatih merawat anak; pekerja sosial berkunjung dan keluarga menerima tunjangan kecil.",
            "Keluarga angkat terlatih menjaga kanak-kanak; pekerja sosial melawat dan keluarga menerima elaun kecil.",
            "ครอบครัวอุปถัมภ์ที่ผ่านการอบรมดูแลเด็ก โดยมีนักสังคมสงเคราะห์เยี่ยมบ้านและครอบครัวได้รับเงินช่วยเหลือเล็กน้อย",
        ),
    ),
    (
        _t(
            "Open reception house for families",
            "Rumah singgah terbuka untuk keluarga",
            "Rumah sambutan terbuka untuk keluarga",
            "บ้านพักแบบเปิดสำหรับครอบครัว",
        ),
        _t(
            "Families keep their own keys, cook for themselves and report to the authorities once a month.",
            "Keluarga memegang kunci sendiri, memasak sendiri dan melapor kepada pihak berwenang sebulan sekali.",
            "Keluarga memegang kunci sendiri, memasak sendiri dan melapor kepada pihak berkuasa sebulan sekali.",
            "ครอบครัวถือกุญแจเอง ทำอาหารเอง และรายงานตัวต่อเจ้าหน้าที่เดือนละครั้ง",
        ),
    ),
]


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _translated(field: str, values: dict[str, str]) -> dict[str, str]:

    return {localized(field, code): values[code] for code in LANGS}


def _aware(day: dt.date, hm: tuple[int, int], zone: str | None = None) -> dt.datetime:
    """`hm` on `day` in `zone` (a convening's venue zone; the platform's default else):
    the demo's 09:00 opening in Wellington is 09:00 in Wellington."""
    if zone is None:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(*hm)))
    return at_wall_clock(day, dt.time(*hm), zone)


def _add_sessions(convening: Convening, day: dt.date, plan, start_position: int) -> None:
    for offset, (kind, start, end, title) in enumerate(plan):
        AgendaSession.objects.create(
            convening=convening,
            kind=kind,
            starts_at=_aware(day, start, convening.time_zone),
            ends_at=_aware(day, end, convening.time_zone),
            position=start_position + offset,
            interpreted_languages=list(convening.interpretation_languages),
            **_translated("title", title),
        )


def _add_visit(convening: Convening, day: dt.date, programme_index: int) -> None:
    programme, learning = PROGRAMMES[programme_index % len(PROGRAMMES)]
    session = AgendaSession.objects.create(
        convening=convening,
        kind=SessionKind.SITE_VISIT,
        starts_at=_aware(day, (9, 0), convening.time_zone),
        ends_at=_aware(day, (12, 30), convening.time_zone),
        room=convening.city,
        position=100,
        interpreted_languages=list(convening.interpretation_languages),
        **_translated("title", programme),
        **_translated("description", learning),
    )
    host = (
        Organisation.objects.filter(country=convening.host_country)
        .exclude(sector="government")
        .order_by("name")
        .first()
    )
    SiteVisit.objects.create(
        convening=convening,
        host_organisation=host,
        place=convening.city,
        date=day,
        session=session,
        **_translated("programme", programme),
        **_translated("learning", learning),
    )


def _build(
    *,
    rng: random.Random,
    title: dict[str, str],
    country: Country,
    city: str,
    start: dt.date,
    fmt: str,
    status: str,
    programme_index: int,
) -> Convening:
    online = fmt == ConveningFormat.ONLINE
    end = start if online else start + dt.timedelta(days=1)
    convening = Convening.objects.create(
        host_country=country,
        city="" if online else city,
        # Online meetings are given in the host country's zone, and say so.
        time_zone=propose_zone(country_code=country.code, city="" if online else city),
        start_date=start,
        end_date=end,
        format=fmt,
        chatham_house=True,
        status=status,
        interpretation_languages=["id", "ms", "th"],
        currency="USD",
        cost_travel=Decimal(0 if online else rng.randrange(18_000, 42_000, 500)),
        cost_venue=Decimal(0 if online else rng.randrange(3_000, 9_000, 250)),
        cost_interpretation=Decimal(rng.randrange(2_500, 9_000, 250)),
        cost_other=Decimal(rng.randrange(400, 2_500, 50)),
        **_translated("title", title),
    )
    if online:
        _add_sessions(convening, start, ONLINE_DAY, 0)
    else:
        _add_sessions(convening, start, DAY_ONE, 0)
        _add_visit(convening, end, programme_index)
        _add_sessions(convening, end, DAY_TWO_AFTER_VISIT, 101)
    return convening


def _invite(
    *, rng: random.Random, convening: Convening, people: list[Participant], held: bool
) -> int:
    invitations = []
    now = timezone.now()
    invited_at = _aware(convening.start_date - dt.timedelta(days=60), (10, 0))
    if held:
        # A held convening's replies came in weeks before it, not today.
        now = _aware(convening.start_date - dt.timedelta(days=30), (10, 0))
    for person in people:
        invitation = Invitation(convening=convening, participant=person)
        if held:
            roll = rng.random()
            status = (
                InvitationStatus.DECLINED
                if roll < 0.12
                else InvitationStatus.NO_SHOW
                if roll < 0.17
                else InvitationStatus.ATTENDED
            )
            invitation.status = status
            invitation.replied_at = now
            invitation.invitation_sent_at = now
            if status != InvitationStatus.DECLINED:
                invitation.chatham_house_accepted_at = now
                if person.preferred_language in convening.interpretation_languages:
                    invitation.interpretation_language = person.preferred_language
                invitation.travel_support = person.country_id != convening.host_country_id and (
                    rng.random() < 0.4
                )
                _travel_and_stay(invitation, convening)
                if rng.random() < 0.12:
                    invitation.dietary_needs = rng.choice(
                        ["Vegetarian", "Halal", "No pork", "Gluten-free"]
                    )
                if rng.random() < 0.05:
                    invitation.access_needs = rng.choice(
                        ["Step-free access", "Seat near the front", "Quiet room for breaks"]
                    )
        invitations.append(invitation)
    Invitation.objects.bulk_create(invitations)
    if held:
        Invitation.objects.filter(convening=convening).update(invited_at=invited_at)
    return len(invitations)


def _travel_and_stay(invitation: Invitation, convening: Convening) -> None:
    """Branch logistics: arrival the afternoon before, departure the evening of the last
    day, a room for each night, and a granted travel grant for those who asked. Drawn
    from nothing random, so the rest of the demo stays as it was."""
    if convening.format == ConveningFormat.ONLINE:
        return
    invitation.arrival_at = _aware(
        convening.start_date - dt.timedelta(days=1), (15, 0), convening.time_zone
    )
    invitation.departure_at = _aware(convening.end_date, (19, 0), convening.time_zone)
    invitation.travel_mode = "flight"
    invitation.nights = [
        (convening.start_date + dt.timedelta(days=n)).isoformat()
        for n in range(-1, (convening.end_date - convening.start_date).days)
    ]
    if invitation.travel_support:
        invitation.support_granted = True
        invitation.support_amount = Decimal("450")
        invitation.accommodation_amount = Decimal("80") * len(invitation.nights)
        invitation.cost_currency = convening.currency


def _pick(
    rng: random.Random, people: list[Participant], host: Country, size: int
) -> list[Participant]:
    """A balanced group: a third from the host country, the rest spread over the others."""
    local = [p for p in people if p.country_id == host.pk]
    others = [p for p in people if p.country_id != host.pk]
    chosen = rng.sample(local, min(len(local), size // 3))
    chosen += rng.sample(others, min(len(others), size - len(chosen)))
    return chosen


@transaction.atomic
def seed(*, scale: int = 1, stdout=None) -> None:
    countries = {c.code: c for c in Country.objects.filter(code__in=MEMBER_CODES)}
    people = list(Participant.objects.active().select_related("country").order_by("email"))
    if len(countries) < len(MEMBER_CODES) or not people:
        _say(
            stdout,
            "convenings: member countries or participants missing; run participants.demo first",
        )
        return
    rng = random.Random(SEED)
    created = 0
    slot = 0
    for year in range(2019, 2025):
        for month in (3, 9):
            for copy in range(scale):
                code = MEMBER_CODES[slot % len(MEMBER_CODES)]
                theme = THEMES[slot % len(THEMES)]
                suffix = f" · {copy + 1}" if copy else ""
                title = {lang: f"{theme[lang]} ({year}){suffix}" for lang in LANGS}
                # Draw every number even for existing convenings so later ones do not shift.
                start = dt.date(year, month, 10 + rng.randrange(0, 12))
                size = rng.randrange(24, 40)
                picks = _pick(rng, people, countries[code], size)
                sub = random.Random(rng.random())
                slot += 1
                if Convening.objects.filter(title_en=title["en"]).exists():
                    continue
                online = year in (2020, 2021)
                convening = _build(
                    rng=sub,
                    title=title,
                    country=countries[code],
                    city=CITIES[code][(year + month) % 2],
                    start=start,
                    fmt=ConveningFormat.ONLINE if online else ConveningFormat.IN_PERSON,
                    status=ConveningStatus.HELD,
                    programme_index=slot,
                )
                _invite(rng=sub, convening=convening, people=picks, held=True)
                created += 1
    created += _seed_upcoming(rng=rng, countries=countries, people=people)
    created += _seed_recent(rng=rng, countries=countries, people=people)
    _say(stdout, f"convenings: {created} created")


RECENT = _t(
    "Online check-in: screening and referral in practice",
    "Pertemuan daring: penyaringan dan rujukan dalam praktik",
    "Sesi dalam talian: saringan dan rujukan dalam amalan",
    "ประชุมออนไลน์: การคัดกรองและการส่งต่อในทางปฏิบัติ",
)


def _seed_recent(
    *, rng: random.Random, countries: dict[str, Country], people: list[Participant]
) -> int:
    """A short online meeting that ended a few days ago, so the follow-up schedule has work.

    Its date is the one thing in the demo that follows the calendar: `make followups`
    must find a convening whose follow-up is due on the day someone tries it.
    """
    if Convening.objects.filter(title_en=RECENT["en"]).exists():
        return 0
    sub = random.Random(rng.random())
    day = timezone.localdate() - dt.timedelta(days=settings.FOLLOWUP_AFTER_CONVENING_DAYS + 1)
    convening = _build(
        rng=sub,
        title=RECENT,
        country=countries["ID"],
        city="",
        start=day,
        fmt=ConveningFormat.ONLINE,
        status=ConveningStatus.HELD,
        programme_index=0,
    )
    demo = _demo_participant()
    others = [p for p in people if p.visibility != Visibility.HIDDEN and p != demo]
    group = _pick(sub, others, countries["ID"], 18)
    if demo is not None:
        group = [demo, *group]
    _invite(rng=sub, convening=convening, people=group, held=True)
    return 1


def _demo_participant() -> Participant | None:
    """The record behind the printed demo sign-in, so the demo journey has invitations."""
    return (
        Participant.objects.filter(
            Q(user__email=DEMO_PARTICIPANT_EMAIL) | Q(email=DEMO_PARTICIPANT_EMAIL)
        )
        .order_by("pk")
        .first()
    )


def _seed_upcoming(
    *, rng: random.Random, countries: dict[str, Country], people: list[Participant]
) -> int:
    """The convening the demo journey starts from: open for replies, nobody has answered."""
    if Convening.objects.filter(title_en=UPCOMING["en"]).exists():
        return 0
    sub = random.Random(rng.random())
    convening = _build(
        rng=sub,
        title=UPCOMING,
        country=countries["TH"],
        city="Bangkok",
        start=dt.date(2027, 2, 16),
        fmt=ConveningFormat.IN_PERSON,
        status=ConveningStatus.OPEN,
        programme_index=0,
    )
    # Branch logistics: replies close two weeks ahead, and places are limited (a yes
    # beyond 20 goes to the waiting list).
    convening.reply_deadline = convening.start_date - dt.timedelta(days=14)
    convening.capacity = 20
    convening.save(update_fields=["reply_deadline", "capacity"])
    demo = _demo_participant()
    others = [p for p in people if p.visibility != Visibility.HIDDEN and p != demo]
    group = _pick(sub, others, countries["TH"], 25)
    if demo is not None:
        group = [demo, *group]
    _invite(rng=sub, convening=convening, people=group, held=False)
    return 1
