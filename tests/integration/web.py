"""A real gunicorn process serving the app on a free loopback port, for fault, load and bench runs.

Like tests/servers.py: the owner starts and stops it. `collect_static` prepares the
manifest the production static storage needs (DEBUG off), once per folder.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
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


@dataclass
class Browser:
    """One person's browser against a GunicornServer: its own cookie jar and client address.

    Each browser may connect from its own loopback address (127.0.0.0/8 is all local on
    Linux), so per-IP limits such as allauth's sign-in rate limit see many people, as they
    would in production, rather than one machine hammering the login form.
    """

    server: GunicornServer
    source_ip: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, *, body: bytes | None = None, headers=None, timeout=30.0
    ) -> tuple[int, dict[str, str], str]:
        from http.cookies import SimpleCookie

        connection = http.client.HTTPConnection(
            "127.0.0.1", self.server.port, timeout=timeout, source_address=(self.source_ip, 0)
        )
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    for morsel in SimpleCookie(value).values():
                        if morsel["max-age"] == "0" or not morsel.value:
                            self.cookies.pop(morsel.key, None)
                        else:
                            self.cookies[morsel.key] = morsel.value
            return (
                response.status,
                dict(response.getheaders()),
                response.read().decode("utf-8", "replace"),
            )
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> tuple[int, dict[str, str], str]:
        return self.request("GET", path, **kwargs)

    def submit(self, path: str, data: dict[str, str], *, page: str | None = None, **kwargs):
        """POST a form as a browser would: with the CSRF token from the page that holds it
        (fetched first unless given)."""
        from urllib.parse import urlencode

        if page is None:
            status, _headers, page = self.get(path)
            assert status == 200, (path, status)
        fields = {"csrfmiddlewaretoken": csrf_token_in(page), **data}
        return self.request(
            "POST",
            path,
            body=urlencode(fields, doseq=True).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            **kwargs,
        )

    def sign_in_by_code(self, email: str, *, mail_dir: Path, timeout: float = 60.0) -> None:
        """Sign in as participants do: ask for a code, read it in the e-mail the server
        wrote (file backend in `mail_dir`), type it in."""
        status, _headers, page = self.get("/accounts/login/code/")
        assert status == 200, status
        status, _headers, _body = self.submit("/accounts/login/code/", {"email": email}, page=page)
        if status != 302:
            raise AssertionError(f"asking a code for {email} answered {status}")
        code = wait_for_login_code(mail_dir, email, timeout=timeout)
        # The CSRF secret lasts until sign-in, so the first page's token still serves.
        status, _headers, _body = self.submit(
            "/accounts/login/code/confirm/", {"code": code}, page=page
        )
        if status != 302:
            raise AssertionError(f"the code of {email} answered {status}")


def csrf_token_in(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise AssertionError("no CSRF token in the page")
    return match.group(1)


LOGIN_CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


class _LoginCodes:
    """Sign-in codes found so far in a mail folder, shared by the browsers waiting on it.

    One thread at a time scans, and each finished message is parsed once: fifty browsers
    polling must not cost fifty folder parses. A file may grow after it was read: Django's
    file backend names its file by the second and the backend object's id(), and a new
    backend in the same second can reuse a freed object's id, so it appends to a file
    another sign-in already wrote. Each file is therefore read on from where the last
    scan stopped.
    """

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.read_up_to: dict[Path, int] = {}
        self.codes: dict[str, str] = {}

    def scan(self, mail_dir: Path) -> None:
        import email
        import email.policy

        separator = "-" * 79
        with self.lock:
            for path in sorted(mail_dir.glob("*.log")):
                start = self.read_up_to.get(path, 0)
                try:
                    with path.open("rb") as handle:
                        handle.seek(start)
                        text = handle.read().decode("utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                end = text.rfind(separator)
                if end < 0:
                    continue  # nothing finished since the last scan
                finished = text[: end + len(separator)]
                self.read_up_to[path] = start + len(finished.encode("utf-8"))
                for chunk in finished.split(separator):
                    if not chunk.strip():
                        continue
                    message = email.message_from_string(
                        chunk.strip("\n"), policy=email.policy.default
                    )
                    body = message.get_body(preferencelist=("plain",))
                    found = LOGIN_CODE.search(body.get_content()) if body else None
                    if found:  # files are named in time order: the newest code wins
                        self.codes[str(message["To"])] = found.group(1)


_login_codes = _LoginCodes()


def wait_for_login_code(mail_dir: Path, email: str, *, timeout: float = 60.0) -> str:
    """The sign-in code in the newest e-mail to `email` the file backend wrote."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _login_codes.scan(mail_dir)
        code = _login_codes.codes.pop(email, None)
        if code:
            return code
        time.sleep(0.1)
    raise AssertionError(f"no sign-in code for {email} in {mail_dir}")
