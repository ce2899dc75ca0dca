"""Production configuration: compose file, environment list and Django's deploy checks agree."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

from tests import probes

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
    assert set(services) == {"proxy", "migrate", "web", "worker", "beat", "postgres", "redis"}
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
        # Exactly one proxy of ours stands in front (the `proxy` service).
        assert environment["TRUSTED_PROXY_COUNT"] == "1"


def test_migrations_run_once_per_deploy_before_web_worker_and_beat_start():
    services = compose()["services"]
    assert services["migrate"]["command"] == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("web", "worker", "beat"):
        assert "migrate" not in services[name]["command"], name
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_compose_backs_up_daily_to_a_kept_volume_with_a_required_key():
    from platform_site.celery import app

    services = compose()["services"]
    # Beat starts the backup; a worker runs it, so the worker holds the backups volume.
    assert app.conf.beat_schedule["operations-daily-backup"]["task"] == "operations.run_backup"
    for name in ("web", "worker"):
        environment = services[name]["environment"]
        assert environment["BACKUP_DIR"] == "/app/var/backups"
        assert "backups:/app/var/backups" in services[name]["volumes"]
        # No key, no start: a deployment cannot run without encrypted backups.
        assert environment["BACKUP_ENCRYPTION_KEY"].startswith("${BACKUP_ENCRYPTION_KEY:?")
    assert "backups" in compose()["volumes"]
    dockerfile = (BASE / "Dockerfile").read_text()
    assert "postgresql-client" in dockerfile  # pg_dump, pg_restore and psql
    assert "/app/var/backups" in dockerfile  # made by the image's user, so it can write


def test_check_deploy_with_production_settings_reports_nothing(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": probes.PRODUCTION_SECRET_KEY,
        "ALLOWED_HOSTS": "platform.example.org",
        "VAR_DIR": str(tmp_path),
        "REQUIRE_STAFF_MFA": "",
        "SECURE_SSL_REDIRECT": "",
        "SECURE_HSTS_SECONDS": "",
        "MFA_ENCRYPTION_KEY": "x9Lh1Qq0kB7sVb6n8fJt0cWm3yR2aE5uD4gT1oP9iZk=",
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


def compose() -> dict:
    return yaml.safe_load((BASE / "docker-compose.yml").read_text())


def compose_default(value: str) -> str:
    """The default of a `${NAME:-default}` value."""
    match = re.fullmatch(r"\$\{[A-Z0-9_]+:-([^}]*)\}", value)
    assert match, value
    return match.group(1)


def test_only_the_tls_proxy_is_reachable_from_outside():
    services = compose()["services"]
    proxy = services["proxy"]
    assert proxy["image"] == "caddy:2"
    assert set(proxy["ports"]) == {"80:80", "443:443", "443:443/udp"}
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    # Certificates survive a restart.
    assert any(volume.endswith(":/data") for volume in proxy["volumes"])
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    # Nothing else publishes a port: gunicorn is reached only through the proxy.
    for name, service in services.items():
        if name != "proxy":
            assert "ports" not in service, name


def test_the_caddyfile_serves_site_url_and_forwards_to_gunicorn():
    caddyfile = (BASE / "deploy" / "Caddyfile").read_text()
    lines = [line.strip() for line in caddyfile.splitlines() if not line.strip().startswith("#")]
    # The site address is SITE_URL itself: Caddy gets the certificate for its host.
    assert "{$SITE_URL} {" in lines
    assert "reverse_proxy web:8000" in lines
    assert "max_size {$REQUEST_BODY_MAX_BYTES}" in lines
    # No trusted_proxies: Caddy replaces a client's X-Forwarded-* headers with its own,
    # which is what TRUSTED_PROXY_COUNT=1 relies on.
    assert not any(line.startswith("trusted_proxies") for line in lines)
    assert caddyfile.count("{") == caddyfile.count("}")


def test_proxy_and_app_refuse_the_same_bodies():
    services = compose()["services"]
    proxy_limit = services["proxy"]["environment"]["REQUEST_BODY_MAX_BYTES"]
    assert proxy_limit == services["web"]["environment"]["REQUEST_BODY_MAX_BYTES"]
    assert (
        services["proxy"]["environment"]["SITE_URL"] == services["web"]["environment"]["SITE_URL"]
    )
    assert int(compose_default(proxy_limit)) == settings.REQUEST_BODY_MAX_BYTES


HEALTH_PROBE = r"""
import sys, threading
import django
django.setup()
from wsgiref.simple_server import WSGIRequestHandler, make_server
from django.core.wsgi import get_wsgi_application


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
threading.Thread(target=server.serve_forever, daemon=True).start()
# The compose healthcheck's own code, pointed at this server instead of port 8000.
exec(sys.argv[1].replace("127.0.0.1:8000", f"127.0.0.1:{server.server_port}"))
print("healthy")
"""


def test_the_web_healthcheck_passes_with_production_settings(tmp_path):
    test = compose()["services"]["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    env = probes.production_env(
        tmp_path,
        PYTHONPATH=str(BASE),
        SITE_URL="https://platform.example.org",
        TRUSTED_PROXY_COUNT="1",
        SECURE_SSL_REDIRECT="",
    )
    result = probes.run_python(HEALTH_PROBE, test[3], env=env, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "healthy"


def deploy_check(tmp_path, **overrides) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": probes.PRODUCTION_SECRET_KEY,
        "ALLOWED_HOSTS": "platform.example.org",
        "VAR_DIR": str(tmp_path),
        "MFA_ENCRYPTION_KEY": "",
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_requires_a_separate_mfa_key(tmp_path):
    # Without it the TOTP key comes from SECRET_KEY, and a new SECRET_KEY locks staff out.
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    assert "accounts.E001" in result.stderr + result.stdout


def test_a_malformed_mfa_key_is_refused_by_every_check(tmp_path):
    result = deploy_check(tmp_path, MFA_ENCRYPTION_KEY="not-a-key", DEBUG="true")
    assert result.returncode != 0
    assert "accounts.E002" in result.stderr + result.stdout


def test_gunicorns_access_log_is_json_without_the_query_string(tmp_path):
    """The directory search (?q=a name or an address) must not reach the logs: web's
    access line is one JSON record with the path only, like every other line."""
    import json
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.servers import free_port, wait_for_port

    # The compose command, with the address and one worker given on the command line
    # (flags win over gunicorn.conf.py).
    args = compose()["services"]["web"]["command"].split()
    port = free_port()
    args[1:1] = ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    env = {**os.environ, "DEBUG": "true", "VAR_DIR": str(tmp_path), "LOG_FORMAT": "json"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), *args[1:]],
        cwd=BASE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, timeout=60)
        url = f"http://127.0.0.1:{port}/healthz/?q=siriporn%40example.org&name=Siriporn"
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status in (200, 503)
        time.sleep(0.5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "siriporn" not in output.lower(), output
    access = [line for line in output.splitlines() if '"path"' in line]
    assert len(access) == 1, output
    record = json.loads(access[0])
    assert record["path"] == "/healthz/"
    assert record["method"] == "GET"


def gunicorn_settings(monkeypatch, **env) -> dict:
    """gunicorn.conf.py as gunicorn itself loads and validates it, under `env`."""
    import runpy

    from gunicorn.config import Config

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(BASE / "gunicorn.conf.py")).items():
        if name in config.settings:
            config.set(name, value)
    return {name: setting.get() for name, setting in config.settings.items()}


def test_gunicorn_believes_forwarded_headers_only_behind_a_proxy_of_ours(monkeypatch):
    # gunicorn's default believes X-Forwarded-Proto from loopback whatever the app says.
    assert gunicorn_settings(monkeypatch, TRUSTED_PROXY_COUNT="0")["forwarded_allow_ips"] == []
    # The proxy is another container, with no fixed address.
    behind = gunicorn_settings(monkeypatch, TRUSTED_PROXY_COUNT="1")
    assert behind["forwarded_allow_ips"] == ["*"]
    assert (behind["bind"], behind["workers"], behind["timeout"]) == (["0.0.0.0:8000"], 3, 60)


def test_compose_and_the_image_start_gunicorn_with_its_config_file():
    command = compose()["services"]["web"]["command"]
    assert command.startswith("gunicorn -c gunicorn.conf.py ")
    assert "--forwarded-allow-ips" not in command
    dockerfile = (BASE / "Dockerfile").read_text()
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py",' in dockerfile
