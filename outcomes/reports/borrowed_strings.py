"""Strings other apps own, repeated here so the report's catalogue has them.

The participants and convenings apps own these strings (descriptions of people, sector,
session and format labels); they are repeated here so a report in Thai, Malay or
Indonesian prints them in that language even before those catalogues have them (an
earlier app's translation wins when both exist). Nothing imports this module: only
the message extraction reads it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

if False:  # pragma: no cover
    _("a government official from %(country)s")
    _("a civil society leader from %(country)s")
    _("an academic from %(country)s")
    _("an international organisation representative in %(country)s")
    _("a person with lived experience from %(country)s")
    _("a participant from %(country)s")
    _("the region")
    _("Government")
    _("Civil society")
    _("Academia")
    _("International organisation")
    _("Lived-experience network")
    _("Presentation")
    _("Group discussion")
    _("Informal time")
    _("Site visit")
    _("Lived-experience session")
    pgettext("agenda session kind", "Briefing")
    _("In person")
    _("Online")
    _("Hybrid")
