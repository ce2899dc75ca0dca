"""Collect UI strings into .po files: one catalogue per app plus one for shared templates.

Each app keeps its own catalogue in `<app>/locale/` (its code and `templates/<app>/`), and
`locale/` holds the shared pages (base, sign-in, errors) and `accounts`. Separate files let
several people translate different areas without editing one huge file. Django's
makemessages sends everything under LOCALE_PATHS to one file, so it runs here on a
temporary tree of symlinks, without settings, once per catalogue.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

APPS = ["participants", "convenings", "briefings", "engagement", "outcomes"]
SHARED_SOURCES = ["accounts", "platform_site"]
SHARED_TEMPLATE_ENTRIES = [
    "base.html",
    "403.html",
    "404.html",
    "staff",
    "portal",
    "includes",
    "account",
    "allauth",
    "accounts",
    "mfa",
]


class Command(BaseCommand):
    help = "Update the .po catalogues (shared and per app) for every language but English."

    def add_arguments(self, parser):
        parser.add_argument(
            "--app", action="append", help="only this app (or 'shared'); repeatable"
        )

    def handle(self, *args, app=None, **options):
        base = Path(settings.BASE_DIR)
        targets = app or ["shared", *APPS]
        languages = [code for code, _name in settings.LANGUAGES if code != "en"]
        for target in targets:
            if target == "shared":
                locale = base / "locale"
                links = {name: base / name for name in SHARED_SOURCES}
                links.update(
                    {f"templates_{n}": base / "templates" / n for n in SHARED_TEMPLATE_ENTRIES}
                )
            else:
                locale = base / target / "locale"
                links = {target: base / target, "templates": base / "templates" / target}
            locale.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory() as tmp:
                for name, source in links.items():
                    if source.exists() and name != "locale":
                        os.symlink(source, Path(tmp) / name)
                os.symlink(locale, Path(tmp) / "locale")
                env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
                cmd = [
                    sys.executable,
                    "-m",
                    "django",
                    "makemessages",
                    "--symlinks",
                    "--no-obsolete",
                    "-e",
                    "html,txt,py",
                    # Any nested locale/ (such as accounts/locale, allauth's Malay) would
                    # otherwise capture its folder's strings; each catalogue is ours to say.
                    "-i",
                    "*/locale",
                    "-i",
                    "*/migrations",
                ]
                for code in languages:
                    cmd += ["-l", code]
                subprocess.run(cmd, cwd=tmp, env=env, check=True)
            self.stdout.write(f"updated {locale.relative_to(base)}")
