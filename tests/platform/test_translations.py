"""Every UI string is translated into every language, and not just copied from English."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted((Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.po")) + sorted(
    Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/django.po")
)
# Words that are the same in the other language (names of organisations, "Thai" in Malay…).
SAME_IN_TRANSLATION_LIMIT = 0.15


def test_there_are_catalogues_for_every_language():
    languages = {path.parent.parent.name for path in CATALOGUES}
    assert languages == {code for code, _ in settings.LANGUAGES} - {"en"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalogue_is_fully_translated(path):
    po = polib.pofile(str(path))
    entries = [e for e in po if not e.obsolete]
    untranslated = [e.msgid for e in entries if not e.translated()]
    assert untranslated == []
    same = [e.msgid for e in entries if e.msgstr and e.msgstr == e.msgid]
    assert len(same) <= max(2, SAME_IN_TRANSLATION_LIMIT * len(entries)), same


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_plural_entries_have_as_many_forms_as_the_language(path):
    """A catalogue whose header says one plural form (id, ms, th) carries one per entry:
    `msgfmt --check` refuses the file otherwise."""
    import re

    po = polib.pofile(str(path))
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    assert match, "no Plural-Forms header"
    forms = int(match.group(1))
    wrong = [e.msgid for e in po if e.msgid_plural and len(e.msgstr_plural) != forms]
    assert wrong == []
