"""Demo data for outcomes: framework commitments, ~20 outcomes, challenges and lessons.

Runs last in `seed_demo`. Deterministic (fixed picks, random.Random(2019)) and idempotent:
rows are looked up by their English title or code, so a second run adds nothing.

When the directory is empty (the participants and convenings demos have not run), it
first builds a small fictional network of its own, five member countries, 157 people and
twelve convenings from 2019 to 2024, so the reports have something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from convenings.models import (
    AgendaSession,
    Convening,
    ConveningFormat,
    ConveningStatus,
    Invitation,
    InvitationStatus,
    SessionKind,
    SiteVisit,
)
from participants.models import Country, Organisation, Participant, Sector, Visibility

from .demo_content import CHALLENGES, FRAMEWORKS, OUTCOMES
from .models import ChallengeLesson, FrameworkCommitment, Outcome, OutcomeEvidence

LANGS = ("en", "ind", "ms", "th")


def seed(*, scale: int = 1, stdout=None) -> None:
    rng = random.Random(2019)
    if not Participant.objects.exists():
        _seed_network(rng, scale=scale)
    frameworks = _seed_frameworks()
    created = _seed_outcomes(frameworks)
    added = _seed_challenges()
    if stdout is not None:
        stdout.write(f"outcomes: {created} outcomes and {added} challenges and lessons added")


def _seed_frameworks() -> dict[str, FrameworkCommitment]:
    result = {}
    for framework, code, position, titles in FRAMEWORKS:
        commitment, _ = FrameworkCommitment.objects.get_or_create(
            code=code,
            defaults={
                "framework": framework,
                "position": position,
                **{f"title_{lang}": titles[lang] for lang in LANGS},
            },
        )
        result[code] = commitment
    return result


def _pick_champion(country: str, sector: str, index: int) -> Participant | None:
    people = list(
        Participant.objects.filter(country__code=country, sector=sector, is_active=True).order_by(
            "pk"
        )[: index + 1]
    )
    return people[index] if len(people) > index else None


def _seed_outcomes(frameworks: dict[str, FrameworkCommitment]) -> int:
    countries = {c.code: c for c in Country.objects.all()}
    created = 0
    for spec in OUTCOMES:
        title_en = spec["en"]["title"]
        if Outcome.objects.filter(title_en=title_en).exists():
            continue
        country = countries.get(spec["country"]) if spec["country"] else None
        if spec["country"] and country is None:
            continue  # that country is not in this directory
        fields = {}
        for lang in LANGS:
            for name, value in spec.get(lang, {}).items():
                fields[f"{name}_{lang}"] = value
        date = dt.date.fromisoformat(spec["date"])
        outcome = Outcome.objects.create(
            kind=spec["kind"],
            country=country,
            is_regional=country is None,
            date=date,
            verification=spec["verification"],
            **fields,
        )
        outcome.frameworks.set([frameworks[c] for c in spec["frameworks"] if c in frameworks])
        champions = [_pick_champion(*pick) for pick in spec["champions"]]
        outcome.champions.set([p for p in champions if p is not None])
        linked = Convening.objects.filter(start_date__lte=date).exclude(
            status=ConveningStatus.CANCELLED
        )
        if country is not None:
            nearby = linked.filter(host_country=country).order_by("-start_date").first()
        else:
            nearby = None
        latest = linked.order_by("-start_date").first()
        outcome.convenings.set({c for c in (nearby, latest) if c is not None})
        for kind, description, value in spec["evidence"]:
            OutcomeEvidence.objects.create(
                outcome=outcome,
                kind=kind,
                description=description,
                url=value if kind == "link" else "",
                note=description if kind == "note" else "",
            )
        created += 1
    return created


def _seed_challenges() -> int:
    added = 0
    for category, year, texts in CHALLENGES:
        if ChallengeLesson.objects.filter(
            category=category, year=year, what_happened_en=texts["en"][0]
        ).exists():
            continue
        fields = {}
        for lang, (what, response) in texts.items():
            fields[f"what_happened_{lang}"] = what
            fields[f"response_{lang}"] = response
        ChallengeLesson.objects.create(category=category, year=year, **fields)
        added += 1
    return added


# --- A fallback network, only when the directory is empty ----------------------------

COUNTRIES = [
    # code, en, ind, ms, th, people
    ("TH", "Thailand", "Thailand", "Thailand", "ไทย", 40),
    ("MY", "Malaysia", "Malaysia", "Malaysia", "มาเลเซีย", 36),
    ("ID", "Indonesia", "Indonesia", "Indonesia", "อินโดนีเซีย", 36),
    ("AU", "Australia", "Australia", "Australia", "ออสเตรเลีย", 24),
    ("NZ", "New Zealand", "Selandia Baru", "New Zealand", "นิวซีแลนด์", 21),
]
NAMES = {
    "TH": (
        ["Somchai", "Anong", "Kittipong", "Pimchanok", "Wichai", "Suda", "Narong", "Rattana"],
        ["Srisuk", "Chaiyaporn", "Wongsawat", "Rattanakul", "Boonmee", "Thongdee"],
    ),
    "MY": (
        ["Aisyah", "Farid", "Nurul", "Hafiz", "Mei Ling", "Ravi", "Siti", "Jun Wei"],
        ["Abdullah", "Tan", "Ismail", "Lim", "Rahman", "Krishnan"],
    ),
    "ID": (
        ["Budi", "Dewi", "Agus", "Sri", "Rina", "Hendra", "Putri", "Wahyu"],
        ["Santoso", "Wijaya", "Hidayat", "Saputra", "Lestari", "Nugroho"],
    ),
    "AU": (
        ["Emma", "Liam", "Olivia", "Noah", "Charlotte", "Jack", "Amelia", "Lucas"],
        ["Walker", "Nguyen", "Kelly", "Murray", "Patel", "Brown"],
    ),
    "NZ": (
        ["Aroha", "Manaia", "Sophie", "Tama", "Hannah", "Wiremu", "Isla", "Oliver"],
        ["Ngata", "Campbell", "Parata", "Wilson", "Tane", "Reid"],
    ),
}
SECTOR_WEIGHTS = [
    (Sector.GOVERNMENT, 40),
    (Sector.CIVIL_SOCIETY, 30),
    (Sector.ACADEMIA, 12),
    (Sector.INTERNATIONAL, 10),
    (Sector.LIVED_EXPERIENCE, 8),
]
CONVENINGS = [
    # date, host, city, format, site visits
    ("2019-09-10", "TH", "Bangkok", ConveningFormat.IN_PERSON, 2),
    ("2020-07-14", "MY", "", ConveningFormat.ONLINE, 0),
    ("2020-11-17", "ID", "", ConveningFormat.ONLINE, 0),
    ("2021-05-11", "AU", "", ConveningFormat.ONLINE, 0),
    ("2021-10-19", "NZ", "", ConveningFormat.ONLINE, 0),
    ("2022-03-22", "MY", "Kuala Lumpur", ConveningFormat.HYBRID, 2),
    ("2022-09-13", "ID", "Jakarta", ConveningFormat.IN_PERSON, 2),
    ("2023-03-07", "TH", "Bangkok", ConveningFormat.IN_PERSON, 2),
    ("2023-08-15", "AU", "Melbourne", ConveningFormat.IN_PERSON, 1),
    ("2024-02-20", "MY", "Penang", ConveningFormat.IN_PERSON, 2),
    ("2024-08-06", "NZ", "Wellington", ConveningFormat.IN_PERSON, 1),
    ("2024-11-12", "TH", "Chiang Mai", ConveningFormat.IN_PERSON, 2),
]
VISITS = [
    ("Community placement for families", "การจัดที่พักในชุมชนสำหรับครอบครัว"),
    ("Shelter for unaccompanied children", "บ้านพักสำหรับเด็กที่เดินทางลำพัง"),
    ("Case-management service", "บริการจัดการรายกรณี"),
    ("Foster care for migrant children", "ครอบครัวอุปถัมภ์สำหรับเด็กผู้ย้ายถิ่น"),
]


def _seed_network(rng: random.Random, *, scale: int) -> None:
    countries = {}
    for code, en, ind, ms, th, _people in COUNTRIES:
        countries[code], _ = Country.objects.get_or_create(
            code=code,
            defaults={
                "name_en": en,
                "name_ind": ind,
                "name_ms": ms,
                "name_th": th,
                "is_member": True,
                "joined_year": 2019,
            },
        )
    sectors = [s for s, _w in SECTOR_WEIGHTS]
    weights = [w for _s, w in SECTOR_WEIGHTS]
    people: list[Participant] = []
    serial = 0
    for code, *_names, count in COUNTRIES:
        first, last = NAMES[code]
        country = countries[code]
        for n in range(count * scale):
            serial += 1
            sector = sectors[0] if n < 4 else rng.choices(sectors, weights)[0]
            if n in (4, 5):
                sector = Sector.CIVIL_SOCIETY
            organisation, _ = Organisation.objects.get_or_create(
                name=f"{country.name_en} {Sector(sector).label} network {1 + n % 3}",
                country=country,
                defaults={"sector": sector},
            )
            # Unique within a country for the first 48 people; later ones get a number.
            name = f"{first[n % len(first)]} {last[(n // len(first)) % len(last)]}"
            lived = sector == Sector.LIVED_EXPERIENCE
            visibility = (
                Visibility.HIDDEN
                if lived and n % 2
                else Visibility.PSEUDONYMOUS
                if lived
                else Visibility.NAMED
            )
            people.append(
                Participant.objects.create(
                    full_name=f"{name} {serial:03d}" if n >= 48 else name,
                    display_name=f"Peer {serial:03d}" if lived else name,
                    email=f"demo-person-{serial:03d}@network.example",
                    visibility=visibility,
                    country=country,
                    organisation=organisation,
                    sector=sector,
                    lived_experience=lived,
                    joined_on=dt.date(2019 + (n % 6), 1 + n % 12, 1),
                    consent_named_in_reports=(not lived) and rng.random() < 0.6,
                    preferred_language={"TH": "th", "MY": "ms", "ID": "id"}.get(code, "en"),
                )
            )
    # Everyone joined by the convening they first attend; each convening has a balanced mix.
    rng.shuffle(people)
    for index, (date, host, city, fmt, visits) in enumerate(CONVENINGS):
        start = dt.date.fromisoformat(date)
        title_city = city or "online"
        convening = Convening.objects.create(
            title_en=f"Peer learning convening, {city} {start.year}"
            if city
            else f"Online peer exchange {start:%B %Y}",
            title_ind=f"Pertemuan pembelajaran sejawat, {city} {start.year}"
            if city
            else f"Pertukaran sejawat daring {start.year}",
            title_ms=f"Pertemuan pembelajaran rakan setara, {city} {start.year}"
            if city
            else f"Pertukaran rakan setara dalam talian {start.year}",
            title_th=f"การประชุมแลกเปลี่ยนเรียนรู้ {city} {start.year}"
            if city
            else f"การแลกเปลี่ยนเรียนรู้ออนไลน์ {start.year}",
            host_country=countries[host],
            city=city,
            start_date=start,
            end_date=start + dt.timedelta(days=0 if fmt == ConveningFormat.ONLINE else 2),
            format=fmt,
            status=ConveningStatus.HELD,
            interpretation_languages=["th", "ms", "id"] if index % 3 else ["th", "id"],
            cost_travel=Decimal(0)
            if fmt == ConveningFormat.ONLINE
            else Decimal(38000 + 900 * index),
            cost_venue=Decimal(0) if fmt == ConveningFormat.ONLINE else Decimal(9000 + 350 * index),
            cost_interpretation=Decimal(3200 if fmt == ConveningFormat.ONLINE else 7400),
            cost_other=Decimal(900 if fmt == ConveningFormat.ONLINE else 2600),
        )
        # Round-robin slice so all 157 take part at least once, plus returning peers.
        share = len(people) // len(CONVENINGS) + 1
        group = set(people[index * share : (index + 1) * share])
        group.update(rng.sample(people, 18))
        for person in sorted(group, key=lambda p: p.pk):
            Invitation.objects.create(
                convening=convening,
                participant=person,
                status=InvitationStatus.ATTENDED,
                chatham_house_accepted_at=timezone.make_aware(
                    dt.datetime.combine(start, dt.time(8))
                ),
            )
        _seed_agenda(convening, fmt=fmt, visits=visits, title_city=title_city)


def _seed_agenda(convening: Convening, *, fmt: str, visits: int, title_city: str) -> None:
    day = convening.start_date
    slots = [
        (SessionKind.PRESENTATION, "Where each country stands", "สถานการณ์ของแต่ละประเทศ"),
        (
            SessionKind.GROUP_DISCUSSION,
            "Screening and referral in practice",
            "การคัดกรองและส่งต่อในทางปฏิบัติ",
        ),
        (
            SessionKind.LIVED_EXPERIENCE,
            "Hearing from people with lived experience",
            "รับฟังผู้มีประสบการณ์ตรง",
        ),
        (SessionKind.INFORMAL, "Informal time", "ช่วงเวลาพูดคุยอย่างไม่เป็นทางการ"),
    ]
    for position, (kind, en, th) in enumerate(slots):
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + 2 * position)))
        AgendaSession.objects.create(
            convening=convening,
            kind=kind,
            title_en=en,
            title_th=th,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1, minutes=30),
            position=position,
        )
    for n in range(visits):
        en, th = VISITS[(convening.pk + n) % len(VISITS)]
        visit_day = day + dt.timedelta(days=1)
        starts = timezone.make_aware(dt.datetime.combine(visit_day, dt.time(9 + 4 * n)))
        session = AgendaSession.objects.create(
            convening=convening,
            kind=SessionKind.SITE_VISIT,
            title_en=f"Site visit: {en}",
            title_th=f"ดูงาน: {th}",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            position=10 + n,
        )
        SiteVisit.objects.create(
            convening=convening,
            programme_en=en,
            programme_th=th,
            place=title_city,
            date=visit_day,
            session=session,
        )
