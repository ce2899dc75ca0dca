"""Production configuration: compose file, environment list and Django's deploy checks agree."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

BASE = Path(settings.BASE_DIR)


def settings_variables() -> set[str]:
    """Every environment variable the settings module reads."""
    source = (BASE / "platform_site" / "settings.py").read_text()
    found = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', source))
    found |= set(re.findall(r'env\.\w+\("([A-Z0-9_]+)"', source))
    return found


def env_example_variables() -> set[str]:
    names = set()
    for line in (BASE / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z0-9_]+)=", line)
        if match:
            names.add(match.group(1))
    return names


def test_env_example_lists_exactly_the_settings_variables():
    assert settings_variables() == env_example_variables()


def test_compose_has_the_production_services():
    compose = yaml.safe_load((BASE / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A platform_site worker")
    assert services["beat"]["command"].startswith("celery -A platform_site beat")
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"


def test_compose_configures_the_app_only_through_known_settings():
    compose = yaml.safe_load((BASE / "docker-compose.yml").read_text())
    known = settings_variables()
    for name in ("web", "worker", "beat"):
        environment = compose["services"][name]["environment"]
        assert set(environment) <= known, set(environment) - known
        # The things production cannot do without are set from the environment.
        for required in (
            "SECRET_KEY",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "ALLOWED_HOSTS",
            "EMAIL_URL",
        ):
            assert environment[required], required
        assert environment["DEBUG"] == "false"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")
        # One cache for all processes: rate limits and used TOTP codes must not split per worker.
        assert environment["CACHE_URL"].startswith("redis://redis:")
        assert environment["CACHE_URL"] != environment["CELERY_BROKER_URL"]


def test_check_deploy_with_production_settings_reports_nothing(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x8#f2kL9!qP0zR7vW3mN6bT1yU4iO5aS8dF2gH7jK0lZ9xC3vB6nM1qW4eR7tY0u",
        "ALLOWED_HOSTS": "platform.example.org",
        "VAR_DIR": str(tmp_path),
        "REQUIRE_STAFF_MFA": "",
        "SECURE_SSL_REDIRECT": "",
        "SECURE_HSTS_SECONDS": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
