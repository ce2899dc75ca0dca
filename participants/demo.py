"""Demo directory: member countries, fictional organisations and 157 fictional people.

Deterministic (one random.Random per country) and idempotent: countries key on ISO code,
organisations on name and country, participants on e-mail, so a second run adds nothing.
At --scale N each country gets N times as many people; the first 157 are the same.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

from django.utils import timezone

from accounts.models import User
from common.zones import propose_zone

from .models import Country, ExpertiseLevel, Organisation, Participant, Sector, Visibility

DEMO_PARTICIPANT_EMAIL = "participant@demo.example"

# code: (en, id, ms, th, member, joined_year)
COUNTRIES = {
    "AU": ("Australia", "Australia", "Australia", "ออสเตรเลีย", True, 2019),
    "ID": ("Indonesia", "Indonesia", "Indonesia", "อินโดนีเซีย", True, 2019),
    "MY": ("Malaysia", "Malaysia", "Malaysia", "มาเลเซีย", True, 2019),
    "NZ": ("New Zealand", "Selandia Baru", "New Zealand", "นิวซีแลนด์", True, 2019),
    "TH": ("Thailand", "Thailand", "Thailand", "ประเทศไทย", True, 2019),
    # Observers who join some discussions; nobody in the demo directory comes from them.
    "PH": ("Philippines", "Filipina", "Filipina", "ฟิลิปปินส์", False, None),
    "MX": ("Mexico", "Meksiko", "Mexico", "เม็กซิโก", False, None),
}

# People per member country at scale 1; the sum is the platform's 157.
PEOPLE_PER_COUNTRY = {"TH": 36, "ID": 34, "MY": 35, "AU": 27, "NZ": 25}
LANGUAGE = {"TH": "th", "ID": "id", "MY": "ms", "AU": "en", "NZ": "en"}

# Fictional organisations: (sector, name, e-mail domain).
GOV, CSO, ACA, INT, LIV = (
    Sector.GOVERNMENT,
    Sector.CIVIL_SOCIETY,
    Sector.ACADEMIA,
    Sector.INTERNATIONAL,
    Sector.LIVED_EXPERIENCE,
)
ORGANISATIONS = {
    "TH": [
        (GOV, "Bureau of Child Welfare Services", "bcws-th"),
        (GOV, "Provincial Migration Coordination Office", "pmco-th"),
        (CSO, "Sang Fah Children's Foundation", "sangfah"),
        (CSO, "Mekong Families Network", "mekongfamilies"),
        (ACA, "Institute for Migration Studies, Chao Phraya University", "cpu-ims"),
        (INT, "Regional Child Protection Office, Bangkok", "rcpo-bkk"),
        (LIV, "Sawang Lived Experience Circle", "sawang"),
    ],
    "ID": [
        (GOV, "Directorate for Child Protection Services", "dcps-id"),
        (GOV, "Immigration Policy Coordination Unit", "ipcu-id"),
        (CSO, "Yayasan Anak Nusantara", "anaknusantara"),
        (CSO, "Jaringan Keluarga Migran", "keluargamigran"),
        (ACA, "Centre for Refugee Studies, Universitas Merapi", "merapi-crs"),
        (INT, "Regional Child Protection Office, Jakarta", "rcpo-jkt"),
        (LIV, "Suara Harapan Collective", "suaraharapan"),
    ],
    "MY": [
        (GOV, "Child Welfare Coordination Division", "cwcd-my"),
        (GOV, "Office for Community Placement Pilots", "ocpp-my"),
        (CSO, "Persatuan Kanak-Kanak Selamat", "kanakselamat"),
        (CSO, "Rumah Teduh Foundation", "rumahteduh"),
        (ACA, "Migration Policy Lab, Universiti Tanjung", "tanjung-mpl"),
        (INT, "Regional Child Protection Office, Kuala Lumpur", "rcpo-kl"),
        (LIV, "Suara Belia Network", "suarabelia"),
    ],
    "AU": [
        (GOV, "Office of Community Alternatives", "oca-au"),
        (GOV, "State Child Safeguarding Unit", "scsu-au"),
        (CSO, "Southern Cross Refugee Legal Service", "scrls"),
        (CSO, "Harbour Families Project", "harbourfamilies"),
        (ACA, "Centre for Migration Law, Banksia University", "banksia-cml"),
        (INT, "Pacific Child Rights Office, Sydney", "pcro-syd"),
        (LIV, "Open Doors Lived Experience Alliance", "opendoors"),
    ],
    "NZ": [
        (GOV, "Community Settlement Policy Office", "cspo-nz"),
        (CSO, "Harbourlight Refugee Families Trust", "harbourlight"),
        (CSO, "Southern Lakes Legal Collective", "southernlakes"),
        (ACA, "Migration Research Unit, Kauri University", "kauri-mru"),
        (INT, "Pacific Regional Protection Office, Wellington", "prpo-wlg"),
        (LIV, "Bridges Lived Experience Network", "bridges"),
    ],
}

FIRST_NAMES = {
    "TH": "Siriporn Somchai Kanokwan Niran Pimchanok Arthit Wanida Thanawat Ratchanee Chaiwat "
    "Suda Prasert Malee Kittisak Nattaya Anucha Jiraporn Sompong Orathai Pichit Darunee "
    "Weerapong Sunisa Teerawat",
    "ID": "Ayu Budi Dewi Rizky Siti Agus Putri Hendra Wulan Fajar Rina Yusuf Indah Bayu Nur Eko "
    "Ratna Dimas Sari Arief Lina Gilang Maya Teguh",
    "AU": "Emma Liam Olivia Jack Chloe Lachlan Sophie Ryan Grace Daniel Mia Thomas Hannah Sam "
    "Isabella Callum Zoe Matthew Ella Nathan",
    "NZ": "Aroha James Mere Hemi Charlotte Tama Isla Oliver Ruby Wiremu Sophie Ben Anahera "
    "George Kiri Lucy Manaia Harriet",
}
FAMILY_NAMES = {
    "TH": "Boonmee Srisuk Chaiyaporn Wongsawat Thongdee Rattanakul Kaewmanee Phromma Sukprasert "
    "Jaidee Intharak Saengthong Pongpanich Kittikun Suwannarat Charoensuk",
    "ID": "Santoso Wibowo Lestari Hidayat Pratama Kurniawan Susanti Nugroho Rahmawati Siregar "
    "Saputra Handayani Simanjuntak Wijaya Setiawan Purnomo",
    "AU": "Mitchell Nguyen O'Brien Taylor Walker Clarke Patel Kelly Harris Ryan Campbell Murphy "
    "Fraser Kaur Bennett Sullivan",
    "NZ": "Ngata Smith Parata Wilson Thompson Tane Anderson Walker Reid Brown Tawhiri Kingi "
    "Morrison Herewini Stewart Cooper",
}
MALAYSIAN_NAMES = [
    # (given names, family or father's names, pattern)
    (
        "Aisyah Farid Nurul Hafiz Zulaikha Iskandar Syafiq Amirah Hakim Farah",
        "Ahmad Ismail Hassan Rahman Yusof Osman Karim Abdullah",
        "{first} binti {last}",
    ),
    (
        "Mei Ling|Wei Jie|Hui Min|Kok Wai|Siew Lan|Jia Hao|Pei Shan|Chee Keong",
        "Tan Lim Wong Lee Ong Chong Teoh",
        "{last} {first}",
    ),
    (
        "Priya Arjun Kavitha Suresh Deepa Ganesh Revathi Vikram",
        "Subramaniam Ramasamy Nair Pillai Krishnan Muthu",
        "{first} {last}",
    ),
]
MALE_MALAY = {"Farid", "Hafiz", "Iskandar", "Syafiq", "Hakim"}
PSEUDONYMS = {
    "TH": ["Fah", "Nok", "Dao", "Mek", "Rung", "Ploy", "Kaew", "Nam"],
    "ID": ["Bintang", "Melati", "Embun", "Senja", "Angin", "Pelangi", "Rembulan"],
    "MY": ["Teratai", "Kenanga", "Bayu", "Cempaka", "Seri", "Kasturi", "Mawar"],
    "AU": ["River", "Wren", "Kestrel", "Juniper", "Sparrow", "Willow"],
    "NZ": ["Kōwhai", "Tui", "Fern", "Harbour", "Ember", "Rata"],
}
POSITIONS = {
    GOV: [
        "Policy officer",
        "Senior policy adviser",
        "Deputy director",
        "Case management lead",
        "Child protection officer",
    ],
    CSO: [
        "Programme coordinator",
        "Executive director",
        "Caseworker",
        "Advocacy officer",
        "Legal adviser",
    ],
    ACA: ["Lecturer", "Associate professor", "Research fellow", "PhD researcher"],
    INT: ["Protection officer", "Child protection specialist", "Programme analyst"],
    LIV: ["Peer advocate", "Community organiser", "Youth representative", "Network coordinator"],
}
# Twenty slots per country, repeated: six government, six civil society, three academia,
# two international organisations, three lived-experience network.
SECTOR_PATTERN = [GOV] * 6 + [CSO] * 6 + [ACA] * 3 + [INT] * 2 + [LIV] * 3


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]+", "", ascii_text.lower())


def _name(rng: random.Random, code: str) -> tuple[str, str, str]:
    """(full name, given name, family name) plausible for the country; fictional."""
    if code == "MY":
        given, family, pattern = rng.choice(MALAYSIAN_NAMES)
        separator = "|" if "|" in given else " "
        first, last = rng.choice(given.split(separator)), rng.choice(family.split())
        if pattern.startswith("{first} binti") and first in MALE_MALAY:
            pattern = "{first} bin {last}"
        return pattern.format(first=first, last=last), first, last
    first, last = rng.choice(FIRST_NAMES[code].split()), rng.choice(FAMILY_NAMES[code].split())
    return f"{first} {last}", first, last


def seed_countries() -> dict[str, Country]:
    countries = {}
    for code, (en, id_, ms, th, member, joined) in COUNTRIES.items():
        country, _created = Country.objects.get_or_create(
            code=code,
            defaults={
                "name": en,
                "name_en": en,
                "name_ind": id_,  # modeltranslation names the Indonesian column name_ind
                "name_ms": ms,
                "name_th": th,
                "is_member": member,
                "joined_year": joined,
            },
        )
        countries[code] = country
    return countries


def seed_organisations(countries: dict[str, Country]) -> dict[str, list[tuple[Organisation, str]]]:
    by_country = {}
    for code, rows in ORGANISATIONS.items():
        by_country[code] = []
        for sector, name, domain in rows:
            organisation, _created = Organisation.objects.get_or_create(
                name=name, country=countries[code], defaults={"sector": sector}
            )
            by_country[code].append((organisation, domain))
    return by_country


def _consent_time(joined: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(joined, dt.time(10, 0)))


def _people(code: str, count: int, country, organisations) -> list[Participant]:
    rng = random.Random(f"participants-{code}")
    pattern = SECTOR_PATTERN[:]
    random.Random(f"sectors-{code}").shuffle(pattern)
    taken_names: set[str] = set()
    taken_emails: set[str] = set()
    pseudonyms = PSEUDONYMS[code]
    people = []
    for index in range(count):
        sector = pattern[index % len(pattern)]
        if code == "TH" and index == 0:
            sector = CSO  # the demo sign-in: a named Thai civil society participant
        for _attempt in range(20):
            full_name, first, last = _name(rng, code)
            if full_name not in taken_names:
                break
        taken_names.add(full_name)
        choices = [(o, d) for o, d in organisations[code] if o.sector == sector]
        organisation, domain = rng.choice(choices)
        email = f"{_slug(first)}.{_slug(last)}@{domain}.example"
        number = 2
        while email in taken_emails:
            email = f"{_slug(first)}.{_slug(last)}{number}@{domain}.example"
            number += 1
        taken_emails.add(email)
        if code == "TH" and index == 0:
            email = DEMO_PARTICIPANT_EMAIL

        lived = sector == LIV or (sector == CSO and rng.random() < 0.1)
        visibility = Visibility.NAMED
        roll = rng.random()
        if lived and not (code == "TH" and index == 0):
            if roll < 0.4:
                visibility = Visibility.PSEUDONYMOUS
            elif roll < 0.6:
                visibility = Visibility.HIDDEN
        display_name = full_name
        if visibility == Visibility.PSEUDONYMOUS:
            used = sum(1 for p in people if p.visibility == Visibility.PSEUDONYMOUS)
            display_name = pseudonyms[used % len(pseudonyms)]
            if used >= len(pseudonyms):
                display_name += f" {used // len(pseudonyms) + 1}"
        expertise = rng.choices(
            [ExpertiseLevel.NEW, ExpertiseLevel.EXPERIENCED, ExpertiseLevel.EXPERT],
            weights=[1, 2, 1],
        )[0]
        joined = dt.date(2019, 3, 1) + dt.timedelta(days=int(rng.triangular(0, 2000, 0)))
        consented = _consent_time(joined)
        careful = visibility != Visibility.NAMED
        consents = {
            "consent_contact": True,
            "consent_named_in_reports": not careful and rng.random() < 0.7,
            "consent_quoted": rng.random() < (0.3 if careful else 0.6),
            "consent_photographed": not careful and rng.random() < 0.5,
        }
        participant = Participant(
            full_name=full_name,
            display_name=display_name,
            email=email,
            visibility=visibility,
            preferred_language=LANGUAGE[code],
            time_zone=propose_zone(country_code=code),
            country=country,
            organisation=organisation,
            sector=sector,
            position=rng.choice(POSITIONS[sector]),
            expertise_level=expertise,
            lived_experience=lived,
            is_active=rng.random() > 0.08 or (code == "TH" and index == 0),
            joined_on=joined,
        )
        for field, value in consents.items():
            setattr(participant, field, value)
            # Lived-experience participants' refusals are recorded too, with the same date.
            if value or lived:
                setattr(participant, f"{field}_at", consented)
        people.append(participant)
    return people


def seed(*, scale: int = 1, stdout=None) -> list[Participant]:
    """Create what is missing; returns the participants created by this run."""
    countries = seed_countries()
    organisations = seed_organisations(countries)
    wanted = []
    for code, count in PEOPLE_PER_COUNTRY.items():
        wanted += _people(code, count * scale, countries[code], organisations)
    # Every address already there (no long IN list: scale 100 would pass 15,700 of them).
    existing = set(Participant.objects.values_list("email", flat=True))
    created = Participant.objects.bulk_create(
        [p for p in wanted if p.email not in existing], batch_size=500
    )
    user = User.objects.filter(email=DEMO_PARTICIPANT_EMAIL).first()
    if user is not None and not Participant.objects.filter(user=user).exists():
        Participant.objects.filter(email=DEMO_PARTICIPANT_EMAIL, user__isnull=True).update(
            user=user
        )
    if stdout is not None:
        stdout.write(
            f"participants: {len(created)} created, {len(wanted) - len(created)} already there"
        )
    return created
