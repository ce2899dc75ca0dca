"""Write translations into .po catalogues from a JSON file.

Usage: python scripts/po_fill.py LOCALE_DIR TRANSLATIONS.json
The JSON maps a msgid (prefix "context\u0004" for pgettext) to {"id": …, "ms": …, "th": …};
for plural entries the value per language is a list [singular, plural]. Entries not in
the JSON are left as they are; fuzzy flags on filled entries are cleared.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib


def main(locale_dir: str, json_path: str) -> None:
    table = json.loads(Path(json_path).read_text(encoding="utf-8"))
    for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po")):
        language = po_path.parent.parent.name
        po = polib.pofile(str(po_path))
        filled = 0
        for entry in po:
            key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
            value = table.get(key, {}).get(language)
            if not value:
                continue
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value, value]
                for index in entry.msgstr_plural:
                    entry.msgstr_plural[index] = forms[min(index, len(forms) - 1)]
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
        po.save()
        missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
        print(f"{po_path}: filled {filled}, untranslated {len(missing)}")
        for msgid in missing[:20]:
            print("   missing:", msgid[:80])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
