"""One date style per language (FORMAT_MODULE_PATH): "30 Nov 2026", day, short month, year.

Django's own formats differ by language and from each other ("Nov. 30, 2026" in English
beside "30 Nov 2026" typed into templates); every page, e-mail and report prints a day as
DATE_FORMAT and a moment as DATETIME_FORMAT, so each language shows dates one way.
"""
