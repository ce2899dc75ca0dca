"""Corrections to Django's own translations of short month names.

Django's Malay catalogue leaves the short form of March as "Mar", but Malay writes
"Mac" (Django's full Malay name is already "Mac"). These markers put Django's msgids into
the shared catalogue, where LOCALE_PATHS lets them win over Django's; each language's
entry repeats Django's own abbreviation except where it was wrong.
"""

from django.utils.translation import gettext_noop

SHORT_MONTHS = [gettext_noop("mar")]
