"""Settings for benchmark runs: the production settings plus a constant view (bench/urls.py).

bench/run.py sets the environment (DATABASE_URL of a throwaway PostgreSQL, DEBUG off).
"""

from platform_site.settings import *  # noqa: F403
from platform_site.settings import LOGGING

ROOT_URLCONF = "bench.urls"
# The demo staff accounts have no TOTP; the middleware still runs its other checks.
REQUIRE_STAFF_MFA = False
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
CELERY_IMPORTS = ("bench.tasks",)
