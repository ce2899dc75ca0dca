"""`make bench`: page, query, PDF and delivery figures beside their limits, printed as a table.

For each data scale (1x and 10x demo data, `seed_demo --scale N`) it seeds a database in
a throwaway PostgreSQL (tests/servers.py), counts queries per page in-process
(bench/probe.py), serves the app with gunicorn on loopback (bench/settings.py adds a
constant view, the limit) and sends a bounded load: a fixed number of requests at a
fixed concurrency. Nothing leaves the machine. Figures, not pass/fail; the targets are
shown beside them.

    .venv/bin/python bench/run.py [--scales 1,10] [--requests 300] [--concurrency 4]

One function per measurement (`measure_pages`, `measure_five_year_pdf`,
`measure_pdf_limit`, `measure_pack_delivery`, `measure_noop_tasks`); a figure that
cannot be measured yet (its app has not landed) prints as n/a.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.integration.web import GunicornServer, collect_static  # noqa: E402
from tests.servers import PostgresServer  # noqa: E402

SETTINGS = "bench.settings"
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
P95_TARGET = {1: 3.0, 10: 4.0}  # page p95 at most this many times the constant view's


@dataclass
class PageFigures:
    label: str
    path: str | None = None
    status: int | None = None
    queries: int | None = None
    rps: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    errors: int = 0


@dataclass
class ScaleFigures:
    scale: int
    seconds_to_seed: float = 0.0
    pages: list[PageFigures] = field(default_factory=list)
    pdf_seconds: float | None = None
    pdf_peak_mb: float | None = None


# --- Environment --------------------------------------------------------------------------


def bench_env(*, database_url: str, var_dir: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "REQUIRE_STAFF_MFA": "false",
        "CELERY_BROKER_URL": "",
        "EMAIL_URL": "",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def create_database(pg: PostgresServer, name: str) -> str:
    import psycopg2

    connection = psycopg2.connect(host="127.0.0.1", port=pg.port, user=pg.user, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return pg.url(name)


def seed(env: dict[str, str], scale: int) -> float:
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--scale", str(scale))
    return time.perf_counter() - started


def probe(env: dict[str, str]) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "bench.probe"],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])["pages"]


# --- Measurements ----------------------------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def load(
    server: GunicornServer, path: str, cookies: dict, *, requests: int, concurrency: int
) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p95 ms, non-200 count) for `requests` GETs, `concurrency` at a time."""

    def one(_):
        started = time.perf_counter()
        status, _headers, _body = server.get(path, cookies=cookies)
        return time.perf_counter() - started, status

    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(min(requests, 2 * concurrency))))  # warm every worker
        started = time.perf_counter()
        results = list(pool.map(one, range(requests)))
        wall = time.perf_counter() - started
    latencies = [seconds * 1000 for seconds, _status in results]
    errors = sum(1 for _seconds, status in results if status != 200)
    return (
        requests / wall,
        _percentile(latencies, 0.50),
        _percentile(latencies, 0.95),
        errors,
    )


def measure_pages(
    env: dict[str, str], *, requests: int, concurrency: int, workers: int
) -> list[PageFigures]:
    """Query counts in-process, then the load through gunicorn for every page that answers 200."""
    figures = []
    server = GunicornServer(env=env, settings_module=SETTINGS, workers=workers).start()
    try:
        for row in probe(env):
            page = PageFigures(
                label=row["label"],
                path=row["path"],
                status=row["status"],
                queries=row.get("queries"),
            )
            if page.status == 200:
                page.rps, page.p50_ms, page.p95_ms, page.errors = load(
                    server,
                    page.path,
                    row["cookies"],
                    requests=requests,
                    concurrency=concurrency,
                )
            figures.append(page)
    finally:
        server.stop()
    return figures


def measure_five_year_pdf(env: dict[str, str]) -> tuple[float, float] | None:
    """(seconds, peak MB) to render the five-year summary PDF: n/a until outcomes lands.

    To add: a subprocess like measure_pdf_limit that calls the outcomes app's render
    service on this database and reports time and ru_maxrss.
    """
    return None


PDF_LIMIT_SCRIPT = r"""
import json, resource, time
from weasyprint import HTML
html = "<html><body><h1>One page</h1><p>" + "Peer learning. " * 200 + "</p></body></html>"
HTML(string=html).write_pdf()  # load fonts and modules once
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
HTML(string=html).write_pdf()
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_pdf_limit() -> tuple[float, float] | None:
    """A one-page WeasyPrint document: the limit for the five-year PDF."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", PDF_LIMIT_SCRIPT],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["seconds"], data["peak_mb"]


def measure_pack_delivery(env: dict[str, str]) -> float | None:
    """Briefing pack to every participant through Redis and a real worker, deliveries/s.

    n/a until briefings lands. To add: start RedisServer and CeleryWorker (tests/servers.py)
    with this env plus CELERY_BROKER_URL, send the pack with the briefings service, and time
    until every delivery row is marked sent.
    """
    return None


def start_worker(env: dict[str, str], log: Path, concurrency: int) -> subprocess.Popen:
    """A real `celery worker` with the bench settings (which import bench.tasks)."""
    process = subprocess.Popen(
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
            str(concurrency),
            "-P",
            "prefork",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-{os.getpid()}@localhost",
        ],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None or "ready." in log.read_text(errors="replace"):
            break
        time.sleep(0.2)
    if process.poll() is not None or "ready." not in log.read_text(errors="replace"):
        stop_worker(process)
        raise RuntimeError(f"bench worker did not start:\n{log.read_text()[-3000:]}")
    return process


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure_noop_tasks(env: dict[str, str], *, count: int, concurrency: int) -> float | None:
    """`count` no-op tasks through Redis and a real worker, tasks/s: the limit for packs."""
    import redis
    from celery import Celery

    from tests.servers import RedisServer

    broker = RedisServer().start()
    log = Path(env["VAR_DIR"]) / "noop-worker.log"
    worker = None
    try:
        worker = start_worker({**env, "CELERY_BROKER_URL": broker.url}, log, concurrency)
        sender = Celery(broker=broker.url)
        counter = "bench:noop"
        store = redis.Redis.from_url(broker.url)
        started = time.perf_counter()
        for _ in range(count):
            sender.send_task("bench.noop", kwargs={"counter": counter})
        deadline = time.monotonic() + 300
        while int(store.get(counter) or 0) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        done = int(store.get(counter) or 0)
        seconds = time.perf_counter() - started
        return done / seconds if done == count else None
    finally:
        if worker is not None:
            stop_worker(worker)
        broker.stop()


# --- Report ------------------------------------------------------------------------------------


def _fmt(value, spec: str = ".0f") -> str:
    return "n/a" if value is None else format(value, spec)


def print_report(
    scales: list[ScaleFigures],
    *,
    pdf_limit: tuple[float, float] | None,
    pack_rate: float | None,
    noop_rate: float | None,
    args,
) -> None:
    out = sys.stdout
    out.write(
        f"\nPages: {args.requests} requests per page, {args.concurrency} at a time, "
        f"gunicorn with {args.workers} workers on 127.0.0.1\n"
    )
    header = (
        f"{'page':<24} {'scale':>5} {'status':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p95/limit':>9} {'target':>7} {'queries':>7}"
    )
    out.write(header + "\n" + "-" * len(header) + "\n")
    for figures in scales:
        constant = next((p for p in figures.pages if p.path == "/bench/constant/"), None)
        limit_p95 = constant.p95_ms if constant else None
        for page in figures.pages:
            status = str(page.status) if page.status is not None else "n/a"
            if page.status != 200:
                out.write(f"{page.label:<24} {figures.scale:>4}x {status:>6} {'n/a':>8}\n")
                continue
            ratio = page.p95_ms / limit_p95 if limit_p95 and page is not constant else None
            target = P95_TARGET.get(figures.scale)
            verdict = "" if ratio is None else ("ok" if target and ratio <= target else "OVER")
            out.write(
                f"{page.label:<24} {figures.scale:>4}x {status:>6} {_fmt(page.rps):>8} "
                f"{_fmt(page.p50_ms, '.1f'):>8} {_fmt(page.p95_ms, '.1f'):>8} "
                f"{_fmt(ratio, '.2f'):>9} {verdict:>7} {_fmt(page.queries, 'd'):>7}"
                + (f"  ({page.errors} non-200)" if page.errors else "")
                + "\n"
            )
    if len(scales) > 1:
        out.write("\nQueries per page, identical at every scale (target):\n")
        labels = [p.label for p in scales[0].pages]
        for label in labels:
            counts = [next((p.queries for p in s.pages if p.label == label), None) for s in scales]
            known = [c for c in counts if c is not None]
            same = "n/a" if not known else ("same" if len(set(known)) == 1 else "DIFFERENT")
            shown = " / ".join(_fmt(c, "d") for c in counts)
            out.write(f"  {label:<24} {shown:<14} {same}\n")

    out.write("\nFive-year summary PDF (target: under 5 s at 1x, under 2x that at 10x):\n")
    for figures in scales:
        out.write(
            f"  {figures.scale:>3}x  {_fmt(figures.pdf_seconds, '.2f')} s, "
            f"peak {_fmt(figures.pdf_peak_mb, '.0f')} MB\n"
        )
    seconds, peak = pdf_limit if pdf_limit else (None, None)
    out.write(
        f"  limit: one-page WeasyPrint document {_fmt(seconds, '.2f')} s, peak {_fmt(peak)} MB\n"
    )

    out.write("\nBriefing pack delivery (target: at least a third of the no-op rate):\n")
    ratio = pack_rate / noop_rate if pack_rate and noop_rate else None
    verdict = "" if ratio is None else ("ok" if ratio >= 1 / 3 else "UNDER")
    out.write(
        f"  pack {_fmt(pack_rate, '.1f')} deliveries/s ({_fmt(ratio, '.2f')} of the limit) {verdict}\n"
        f"  limit: {args.tasks} no-op tasks at {_fmt(noop_rate, '.1f')}/s through Redis and a "
        f"{args.worker_concurrency}-process worker\n"
    )
    out.write(
        "\nSeeding: " + ", ".join(f"{s.scale}x {s.seconds_to_seed:.0f} s" for s in scales) + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10", help="demo data scales, e.g. 1,10")
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers")
    parser.add_argument("--tasks", type=int, default=500, help="no-op tasks (pack limit)")
    parser.add_argument(
        "--worker-concurrency", type=int, default=os.cpu_count() or 2, help="worker processes"
    )
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]

    work = BASE_DIR / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    results: list[ScaleFigures] = []
    pg = PostgresServer().start()
    try:
        env0 = bench_env(database_url=pg.url("postgres"), var_dir=var_dir)
        collect_static(env0, settings_module=SETTINGS)
        for scale in scales:
            env = bench_env(database_url=create_database(pg, f"bench_{scale}x"), var_dir=var_dir)
            print(f"seeding {scale}x demo data…", file=sys.stderr, flush=True)
            figures = ScaleFigures(scale=scale, seconds_to_seed=seed(env, scale))
            print(f"measuring pages at {scale}x…", file=sys.stderr, flush=True)
            figures.pages = measure_pages(
                env, requests=args.requests, concurrency=args.concurrency, workers=args.workers
            )
            pdf = measure_five_year_pdf(env)
            if pdf:
                figures.pdf_seconds, figures.pdf_peak_mb = pdf
            results.append(figures)
        pack_rate = measure_pack_delivery(env0)
        print("measuring no-op tasks through Redis and a worker…", file=sys.stderr, flush=True)
        noop_rate = measure_noop_tasks(env, count=args.tasks, concurrency=args.worker_concurrency)
        pdf_limit = measure_pdf_limit()
    finally:
        pg.stop()
    print_report(results, pdf_limit=pdf_limit, pack_rate=pack_rate, noop_rate=noop_rate, args=args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
