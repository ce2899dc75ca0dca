"""A real gunicorn process serving the app on a free loopback port, for fault, load and bench runs.

Like tests/servers.py: the owner starts and stops it. `collect_static` prepares the
manifest the production static storage needs (DEBUG off), once per folder.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import BASE_DIR, free_port, wait_for_port


def collect_static(env: dict[str, str], settings_module: str = "platform_site.settings") -> None:
    """Run collectstatic with this environment (its VAR_DIR receives static/)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": settings_module},
        check=True,
        capture_output=True,
        timeout=120,
    )


@dataclass
class GunicornServer:
    """gunicorn with the given environment (DATABASE_URL, SECRET_KEY, VAR_DIR…)."""

    env: dict[str, str]
    settings_module: str = "platform_site.settings"
    app: str = "platform_site.wsgi:application"
    workers: int = 2
    threads: int = 1
    port: int = field(default_factory=free_port)
    log: Path = field(
        default_factory=lambda: Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])
    )
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> GunicornServer:
        env = {
            **os.environ,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            **self.env,
            "DJANGO_SETTINGS_MODULE": self.settings_module,
        }
        self._log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                self.app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--error-logfile",
                "-",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_port(self.port, timeout=timeout)
        except TimeoutError:
            self.stop()
            raise RuntimeError(f"gunicorn did not start:\n{self.log_text()[-4000:]}") from None
        return self

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "_log_file", None):
            self._log_file.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str] | None = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30.0,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request on a fresh connection: (status, headers, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, **kwargs)

    def post(
        self, path: str, data: dict[str, str], *, cookies: dict[str, str], **kwargs
    ) -> tuple[int, dict[str, str], bytes]:
        """A form POST; `cookies` from session_cookie_for carry the CSRF secret it needs."""
        from urllib.parse import urlencode

        fields = {"csrfmiddlewaretoken": cookies.get("csrftoken", ""), **data}
        return self.request(
            "POST",
            path,
            cookies=cookies,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            **kwargs,
        )


def session_cookie_for(user) -> dict[str, str]:
    """Cookies of a signed-in browser for `user`: the session (in the shared database) and
    a CSRF secret, so `GunicornServer.post` can send forms."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        # Django accepts the unmasked secret as the form token (plain HTTP: no referer check).
        settings.CSRF_COOKIE_NAME: _get_new_csrf_string(),
    }
