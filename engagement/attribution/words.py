"""The vocabulary attribution is read with, in English, Malay, Indonesian and Thai: verbs of
speaking, sector words for people, demonyms, role words in positions, and the small words
a position is read without."""

from __future__ import annotations

from participants.models import Sector

SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "shared",
        "shares",
        "explained",
        "explains",
        "noted",
        "told",
        "tells",
        "argued",
        "argues",
        "described",
        "describes",
        "presented",
        "presents",
        "suggested",
        "suggests",
        "asked",
        "asks",
        "added",
        "adds",
        "stressed",
        "emphasised",
        "emphasized",
        "mentioned",
        "recalled",
        "reported",
        "proposed",
        "highlighted",
        "raised",
        "spoke",
        "speaks",
        "commented",
        "observed",
        "warned",
        "insisted",
        "acknowledged",
        "admitted",
        "recounted",
        "reflected",
        "questioned",
        "replied",
        "responded",
        "urged",
        "remarked",
        "pointed",
        "put",
        "berkata",
        "mengatakan",
        "menjelaskan",
        "menerangkan",
        "berbagi",
        "berkongsi",
        "menyampaikan",
        "bercerita",
        "menyatakan",
        "mencadangkan",
        "mengusulkan",
        "menekankan",
        "menyebut",
        "menyebutkan",
        "bertanya",
        "menegaskan",
        "menceritakan",
        "memaparkan",
        "mengongsikan",
        "berkata-kata",
    ]
)
THAI_SPEECH_VERBS = (
    "กล่าว",
    "เล่า",
    "อธิบาย",
    "แบ่งปัน",
    "บอก",
    "เสนอ",
    "ชี้แจง",
    "ถาม",
    "ระบุ",
    "เน้น",
    "ตอบ",
)

# Words that make a sentence about a person of that sector (normalised, any language).
SECTOR_WORDS = {
    Sector.GOVERNMENT: (
        "official officer government civil servant ministry minister pegawai pejabat "
        "pemerintah kerajaan kementerian รัฐบาล เจ้าหน้าที่ ข้าราชการ"
    ),
    Sector.CIVIL_SOCIETY: (
        "civil society ngo advocate activist lsm aktivis masyarakat sipil sivil "
        "ภาคประชาสังคม เอ็นจีโอ นักเคลื่อนไหว"
    ),
    Sector.ACADEMIA: (
        "academic researcher professor lecturer scholar akademisi akademik peneliti "
        "penyelidik pensyarah dosen นักวิชาการ อาจารย์ นักวิจัย"
    ),
    Sector.INTERNATIONAL: (
        "unicef unhcr iom un agency international organisation organization องค์การระหว่างประเทศ"
    ),
    Sector.LIVED_EXPERIENCE: (
        "lived experience former detainee survivor pengalaman ผู้มีประสบการณ์ อดีตผู้ถูกกักตัว"
    ),
}
# Adjectives of nationality by ISO code, in the four languages (normalised).
DEMONYMS = {
    "AU": "australian australians aussie ชาวออสเตรเลีย",
    "ID": "indonesian indonesians ชาวอินโดนีเซีย",
    "MY": "malaysian malaysians ชาวมาเลเซีย",
    "NZ": "kiwi new zealander new zealanders ชาวนิวซีแลนด์",
    "TH": "thai thais ชาวไทย คนไทย",
    "PH": "filipino filipina filipinos",
    "MX": "mexican mexicans mexicano mexicana",
}
# Words that make a position a person ("lead", "officer"): a position matches a sentence only
# with one of them, so "case management worked" is a topic, not the Case Management Lead.
ROLE_WORDS = frozenset(
    [
        "lead",
        "leader",
        "head",
        "director",
        "officer",
        "manager",
        "coordinator",
        "adviser",
        "advisor",
        "specialist",
        "analyst",
        "minister",
        "secretary",
        "chief",
        "deputy",
        "commissioner",
        "researcher",
        "lecturer",
        "professor",
        "founder",
        "chair",
        "president",
        "counsel",
        "lawyer",
        "worker",
        "official",
        "representative",
        "consultant",
        "assistant",
        "executive",
        "administrator",
        "inspector",
        "superintendent",
        "commander",
        "judge",
        "magistrate",
        "ambassador",
        "attache",
        "fellow",
        "scholar",
        "advocate",
        "organiser",
        "organizer",
        "facilitator",
        "trainer",
        "mentor",
        "pengarah",
        "ketua",
        "kepala",
        "pegawai",
        "penasihat",
        "menteri",
        "setiausaha",
        "sekretaris",
        "pengurus",
        "direktur",
        "ผู้อำนวยการ",
        "หัวหน้า",
        "เจ้าหน้าที่",
        "ที่ปรึกษา",
        "รัฐมนตรี",
        "เลขาธิการ",
        "ผู้จัดการ",
    ]
)
POSITION_STOP = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "a",
        "an",
        "to",
        "in",
        "on",
        "at",
        "dan",
        "untuk",
        "bagi",
        "yang",
        "di",
        "ke",
        "dari",
    ]
)
