"""Attribution without a name: pseudonyms used as speakers, descriptions that fit one person.

Under the Chatham House Rule no speaker is attributed, whether by name (the checker's
terms), by pseudonym, or by a description that fits exactly one person present.

A pseudonym as a speaker: a pseudonym (of anyone on the platform), capitalised and not
part of a place ("the River", "Mekong River"), with a verb of speaking after it in the same
sentence in any of the four languages ("River shared…", "River, who…, said…", "Kestrel
menjelaskan…"), a source word before it ("according to River", "menurut River", "kata
River") or a possessive or colon after it ("River's words", "River: …"). A pseudonym that
is not an everyday word is already a name to the checker; this catches the ones that are
("River", "Hope"). Spelt with gaps or invisible characters ("R.i.v.e.r said", "Ri ver
said", "River\u200b said", full-width letters) it is still the pseudonym, from 5 letters
(`participants.protection.spelled_spans`). A Latin pseudonym spelt in Thai script
("ริเวอร์") is not recognised.

A description that fits one person, decided sentence by sentence:
- the people present are the convening's invitees who have not declined;
- a sentence describes a person when it has a person word: words of someone's position
  (two of them, or the only one), a sector word for people ("official", "academic",
  "pegawai", "นักวิชาการ"…) or an organisation's name;
- the attributes it mentions are read off: countries (names in every language and the
  demonyms in `DEMONYMS`), sectors, positions (a person matches when two words of their
  position, or its only word, are in the sentence, one of them a role word such as
  "lead" or "officer": "case management worked" is a topic), organisations;
- the people present who fit every mentioned attribute are counted; exactly one is a
  match ("The Malaysian case management lead explained…" with one Malaysian whose
  position is "Case Management Lead"); two or more is a description of a group.
Where it stops: one sentence at a time (no reasoning across sentences), only the recorded
attributes (not gender, age, appearance, history or what someone said before), positions
as stored (English) by whole words, sector words and demonyms from the lists below.
"""

from .descriptions import Present, country_terms, descriptions, people_present
from .found import Found
from .speakers import pseudonyms, speakers

__all__ = [
    "Found",
    "Present",
    "country_terms",
    "descriptions",
    "people_present",
    "pseudonyms",
    "speakers",
]
