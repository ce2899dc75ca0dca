"""Throwaway PostgreSQL, Redis and Celery worker processes for integration tests and benchmarks.

Each server lives in its own temporary folder on a free loopback port and is stopped by
its owner. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def wait_until(predicate, timeout: float = 30.0, interval: float = 0.05) -> bool:
    """Poll `predicate` until it is true (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def _pg_binary(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} was not found; install PostgreSQL 15")
    return found


@dataclass
class PostgresServer:
    base: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="platform-pg-")))
    port: int = field(default_factory=free_port)
    user: str = "postgres"

    @property
    def _as(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> PostgresServer:
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
        data = self.base / "data"
        subprocess.run(
            [
                *self._as,
                _pg_binary("initdb"),
                "-D",
                str(data),
                "-U",
                self.user,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        self._ctl(
            "start",
            "-w",
            "-t",
            "30",
            "-l",
            str(self.base / "server.log"),
            "-o",
            f"-p {self.port} -h 127.0.0.1 -k {self.base} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
        )
        return self

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self._as, _pg_binary("pg_ctl"), "-D", str(self.base / "data"), *args],
            check=True,
            capture_output=True,
        )

    def restart(self) -> None:
        self._ctl("restart", "-w", "-m", "fast", "-t", "30", "-l", str(self.base / "server.log"))

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            self._ctl("stop", "-m", "immediate", "-w")
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, name: str) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{name}"


@dataclass
class RedisServer:
    base: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="platform-redis-")))
    port: int = field(default_factory=free_port)
    # Keep the data across a restart (an append-only file in `base`), as the compose file's
    # Redis does: stop(cleanup=False), then start a RedisServer on the same base and port.
    persistent: bool = False
    process: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes" if self.persistent else "no",
                "--dir",
                str(self.base),
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self, cleanup: bool = True) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        if cleanup:
            shutil.rmtree(self.base, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


@dataclass
class CeleryWorker:
    """A real `celery worker` process, with the production settings module unless told."""

    env: dict[str, str]
    concurrency: int = 2
    settings_module: str = "platform_site.settings"
    log: Path = field(
        default_factory=lambda: Path(tempfile.mkstemp(prefix="celery-", suffix=".log")[1])
    )
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> CeleryWorker:
        env = {**os.environ, **self.env, "DJANGO_SETTINGS_MODULE": self.settings_module}
        self._log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "platform_site",
                "worker",
                "-l",
                "info",
                "-c",
                str(self.concurrency),
                "-P",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"test-{os.getpid()}-{free_port()}@localhost",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited early:\n{self.log.read_text()[-4000:]}")
            if "ready." in self.log.read_text(errors="replace"):
                return self
            time.sleep(0.2)
        raise TimeoutError(f"celery worker not ready:\n{self.log.read_text()[-4000:]}")

    def kill(self) -> None:
        """SIGKILL the whole process group, as a machine dying mid-task would."""
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "_log_file", None):
            self._log_file.close()
