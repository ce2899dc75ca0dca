"""The words of identity protection: why someone is protected (`Reason`), the forms
in which a name is met (`Form`), who reads (`Audience`), and the titles put before names."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

MIN_SINGLE_NAME_LETTERS = 3

MIN_NAME_PART_LETTERS = 4

MIN_TITLED_PART_LETTERS = 2

MIN_SKELETON = 3

# A short Thai name ("มาลี" for Malee: skeleton "ml") is a name only after a title ("คุณมาลี").
MIN_TITLED_SKELETON = 2

THAI_TITLES = ("คุณ", "นาย", "นางสาว", "นาง", "ดร.", "ดร", "อาจารย์", "ครู")

MAX_GRAM_WORDS = 4

# Titles people put before a name in notes, in the platform's four languages (normalised).
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "madam",
        "madame",
        "mister",
        "hon",
        "honourable",
        "khun",
        "nai",
        "nang",
        "nangsao",
        "ajarn",
        "ajahn",
        "achan",
        "kru",
        "phra",
        "pak",
        "bapak",
        "bu",
        "ibu",
        "saudara",
        "saudari",
        "sdr",
        "sdri",
        "encik",
        "en",
        "cik",
        "puan",
        "tuan",
        "datuk",
        "dato",
        "datin",
        "haji",
        "hajah",
        "hj",
        "yb",
    ]
)

# Words joining a name to an organisation: "X of the Y", "X from Y", "X (Y)".
_ORG_JOINERS = r"(?:,|\(|-|\u2013|of|from|at|with|dari|daripada|di|จาก|ของ)"


class Reason:
    HIDDEN = "hidden"
    PSEUDONYMOUS = "pseudonymous"
    NO_REPORT_CONSENT = "no_report_consent"
    ERASED = "erased"
    OTHER = "other"


REASON_LABELS = {
    Reason.HIDDEN: _("a hidden person"),
    Reason.PSEUDONYMOUS: _("the real name of a pseudonymous person"),
    Reason.NO_REPORT_CONSENT: _("a person who has not agreed to be named"),
    Reason.ERASED: _("a person whose data was erased"),
    Reason.OTHER: _("another person"),
}


class Form:
    NAME = "name"
    NAME_PART = "name_part"
    TITLED = "titled"
    INITIAL = "initial"
    INITIALS = "initials"
    ORGANISATION = "organisation"
    OTHER_SCRIPT = "other_script"
    ROMANISED = "romanised"
    KEEP = "keep"


class Audience:
    PARTICIPANTS = "participants"  # what any participant may read
    REPORTS = "reports"  # reports: only consenting named people may be named
    EVERYONE = "everyone"  # a person's own data: nobody else is named at all


def reason_label(reason: str) -> str:
    return str(REASON_LABELS.get(reason, ""))


reason_label_lazy = lazy(reason_label, str)
