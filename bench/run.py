"""`make bench`: page, query, PDF and delivery figures beside their limits, printed as a table.

For each data scale (1x and 10x demo data, `seed_demo --scale N`) it seeds a database in
a throwaway PostgreSQL (tests/servers.py), counts queries per page in-process
(bench/probe.py), serves the app with gunicorn on loopback against that PostgreSQL and a
throwaway Redis as the shared cache (bench/settings.py adds a constant view, the limit)
and sends a bounded load: a fixed number of requests at a fixed concurrency. Every
request is a full render: there is no page cache. On the first scale it then plays "RSVP
day" (bench/rsvp.py): 150 participants replying and reading their convening page while 5
staff browse the replies list and the directory, with the constant view asked under the
same load. Nothing leaves the machine. Figures, not pass/fail; the targets are shown
beside them.

    .venv/bin/python bench/run.py [--scales 1,10] [--requests 200] [--concurrency 4] [--keep]

One function per measurement (`measure_pages`, `measure_rsvp_day`,
`measure_five_year_pdf`, `measure_pdf_limit`, `measure_pack_delivery`,
`measure_noop_tasks`); a figure that cannot be measured yet prints as n/a.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.rsvp import (  # noqa: E402
    CONSTANT_PAUSE,
    PARTICIPANT_PAUSE,
    STAFF_PAUSE,
    RsvpFigures,
    rsvp_day,
)
from tests.integration.web import GunicornServer, collect_static  # noqa: E402
from tests.servers import PostgresServer, RedisServer  # noqa: E402

SETTINGS = "bench.settings"
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
ROUNDS = 5  # each page's requests are spread over this many turns through all pages
# Every page's p95 at most this many times the constant view's, at every scale and under
# the RSVP-day load.
P95_TARGET = 5.0
RSVP_DEADLINE = 300.0  # seconds: RSVP day stops there, finished or not


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


def bench_env(*, database_url: str, var_dir: Path, cache_url: str = "") -> dict[str, str]:
    return {
        "CACHE_URL": cache_url,
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
    """Paths, cookies and the queries of each page."""
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


@dataclass
class Samples:
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the timed batches
    errors: int = 0


def load(
    server: GunicornServer, path: str, cookies: dict, *, requests: int, concurrency: int
) -> Samples:
    """`requests` GETs, `concurrency` at a time, after one untimed GET per slot."""

    def one(_):
        started = time.perf_counter()
        status, _headers, _body = server.get(path, cookies=cookies)
        return time.perf_counter() - started, status

    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(min(requests, concurrency))))  # warm the connections' paths
        started = time.perf_counter()
        results = list(pool.map(one, range(requests)))
        wall = time.perf_counter() - started
    return Samples(
        latencies_ms=[seconds * 1000 for seconds, _status in results],
        seconds=wall,
        errors=sum(1 for _seconds, status in results if status != 200),
    )


def _rounds(
    server: GunicornServer, measured: list, *, requests: int, concurrency: int, rounds: int
) -> dict[str, Samples]:
    samples = {page.label: Samples() for page, _row in measured}
    per_round = [requests // rounds + (1 if i < requests % rounds else 0) for i in range(rounds)]
    for count in per_round:
        for page, row in measured:
            batch = load(server, page.path, row["cookies"], requests=count, concurrency=concurrency)
            total = samples[page.label]
            total.latencies_ms += batch.latencies_ms
            total.seconds += batch.seconds
            total.errors += batch.errors
    return samples


def measure_pages(
    env: dict[str, str], *, requests: int, concurrency: int, workers: int, rounds: int = ROUNDS
) -> list[PageFigures]:
    """Query counts in-process, then the load through gunicorn for every page that answers 200.

    The requests are sent in `rounds` rounds that take every page in turn, the constant
    view included, so a burst of other work on the machine falls on all pages alike
    rather than on whichever page was being measured at the time. Every request is a
    full render (the session is read through the shared cache, as in production).
    """
    rows = probe(env)
    figures = [
        PageFigures(
            label=row["label"], path=row["path"], status=row["status"], queries=row.get("queries")
        )
        for row in rows
    ]
    measured = [(page, row) for page, row in zip(figures, rows, strict=True) if page.status == 200]
    server = GunicornServer(env=env, settings_module=SETTINGS, workers=workers).start()
    try:
        samples = _rounds(
            server, measured, requests=requests, concurrency=concurrency, rounds=rounds
        )
    finally:
        server.stop()
    for page, _row in measured:
        total = samples[page.label]
        page.rps = len(total.latencies_ms) / total.seconds
        page.p50_ms = _percentile(total.latencies_ms, 0.50)
        page.p95_ms = _percentile(total.latencies_ms, 0.95)
        page.errors = total.errors
    return figures


def measure_rsvp_day(env: dict[str, str], *, workers: int, in_flight: int) -> RsvpFigures | None:
    """RSVP day (bench/rsvp.py) on this scale's database, through gunicorn."""
    try:
        plan = _json_from("bench.rsvp", env, "prepare", timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"RSVP day could not be prepared: {getattr(exc, 'stderr', '')}", file=sys.stderr)
        return None
    if plan.get("convening") is None:
        return None
    server = GunicornServer(env=env, settings_module=SETTINGS, workers=workers).start()
    try:
        return rsvp_day(server, plan, in_flight=in_flight, deadline=RSVP_DEADLINE)
    finally:
        server.stop()


def _json_from(module: str, env: dict[str, str], *args: str, timeout: float = 900) -> dict:
    """Run `python -m module args` with this env; the JSON object on its last stdout line."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_five_year_pdf(env: dict[str, str]) -> tuple[float, float] | None:
    """(seconds, peak MB) to render the five-year summary PDF, in a process of its own."""
    try:
        data = _json_from("bench.five_year", env, timeout=300)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"five-year PDF failed: {getattr(exc, 'stderr', '')}", file=sys.stderr)
        return None
    return data["seconds"], data["peak_mb"]


PDF_LIMIT_SCRIPT = r"""
import json, resource, time
from weasyprint import HTML
html = "<html><body><h1>One page</h1><p>" + "Peer learning. " * 200 + "</p></body></html>"
HTML(string=html).write_pdf()  # load fonts and modules once
times = []
for _ in range(3):
    started = time.perf_counter()
    HTML(string=html).write_pdf()
    times.append(time.perf_counter() - started)
seconds = sorted(times)[1]
print(json.dumps({"seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_pdf_limit() -> tuple[float, float] | None:
    """A one-page WeasyPrint document, the median of three renders: the limit for the five-year PDF."""
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


@dataclass
class DeliveryFigures:
    count: int = 0
    pack_rate: float | None = None  # deliveries/s
    noop_rate: float | None = None  # no-op tasks/s, the limit


def measure_pack_delivery(env: dict[str, str], *, concurrency: int) -> DeliveryFigures:
    """A briefing pack to every active participant, then as many no-op tasks (the limit).

    Both go through the same Redis and the same real worker (bench/pack.py sends the pack
    with the briefings service; `measure_noop_tasks` sends the no-ops); rates are items
    per second from the first message queued to the last one done.
    """
    from tests.servers import CeleryWorker

    figures = DeliveryFigures()
    broker = RedisServer().start()
    env = {**env, "CELERY_BROKER_URL": broker.url}
    log = Path(env["VAR_DIR"]) / "bench-worker.log"
    worker = None
    try:
        pack = _json_from("bench.pack", env, "prepare")["pack"]
        # bench.settings imports bench.tasks, so this worker also runs the no-op tasks.
        worker = CeleryWorker(
            env=env, concurrency=concurrency, log=log, settings_module=SETTINGS
        ).start()
        sent = _json_from("bench.pack", env, "send", str(pack))
        figures.count = sent["count"]
        if sent["count"] and sent["sent"] == sent["count"]:
            figures.pack_rate = sent["count"] / sent["seconds"]
        else:
            print(f"pack: {sent} (see {log})", file=sys.stderr)
        figures.noop_rate = measure_noop_tasks(broker.url, count=figures.count or 1)
    finally:
        if worker is not None:
            worker.stop()
        broker.stop()
    return figures


def measure_noop_tasks(broker_url: str, *, count: int) -> float | None:
    """`count` no-op tasks through Redis and the running worker, tasks/s: the limit for packs."""
    import redis
    from celery import Celery

    sender = Celery(broker=broker_url)
    counter = "bench:noop"
    store = redis.Redis.from_url(broker_url)
    store.delete(counter)
    started = time.perf_counter()
    for _ in range(count):
        sender.send_task("bench.noop", kwargs={"counter": counter})
    deadline = time.monotonic() + 300
    while int(store.get(counter) or 0) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    done = int(store.get(counter) or 0)
    seconds = time.perf_counter() - started
    return done / seconds if done == count else None


# --- Report ------------------------------------------------------------------------------------

PDF_SECONDS_TARGET = 5.0  # the five-year PDF at 1x; at larger scales under PDF_GROWTH_TARGET x that
PDF_GROWTH_TARGET = 2.0
PACK_TARGET = 1 / 3  # the pack's delivery rate at least this fraction of the no-op rate
COLUMNS = ("measure", "scale", "figure", "limit", "figure / limit", "target", "met")


def _fmt(value, spec: str = ".0f") -> str:
    return "n/a" if value is None else format(value, spec)


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "NO")


def _latency_row(
    measure: str,
    scale: str,
    *,
    p50: float | None,
    p95: float | None,
    detail: str,
    errors: int,
    limit_p50: float | None,
    limit_p95: float | None,
) -> tuple[str, ...]:
    """A page's p95 (and p50) beside the constant view's, measured in the same run."""
    ratio = p95 / limit_p95 if p95 is not None and limit_p95 else None
    shown_errors = f", {errors} non-200" if errors else ""
    return (
        measure,
        scale,
        f"{_fmt(p95, '.1f')} ms (p50 {_fmt(p50, '.1f')}, {detail}{shown_errors})",
        f"{_fmt(limit_p95, '.1f')} ms (constant view p95; p50 {_fmt(limit_p50, '.1f')})",
        f"{_fmt(ratio, '.2f')}x",
        f"p95 <= {P95_TARGET:g}x",
        _met(None if ratio is None else ratio <= P95_TARGET and not errors),
    )


RSVP_PAGES = (
    "convening page",
    "reply page",
    "reply (POST)",
    "replies list",
    "participant directory",
)


def rsvp_rows(rsvp: RsvpFigures | None) -> list[tuple[str, ...]]:
    """RSVP day: each page's p95 under the load beside the constant view's under the same load."""
    scale = "RSVP day"
    if rsvp is None:
        return [(f"RSVP day: {label} p95", scale, "n/a", "", "", "", "n/a") for label in RSVP_PAGES]
    constant = rsvp.latencies_ms.get("constant view (limit)") or []
    limit_p50 = _percentile(constant, 0.50) if constant else None
    limit_p95 = _percentile(constant, 0.95) if constant else None
    rows = []
    for label in RSVP_PAGES:
        samples = rsvp.latencies_ms.get(label) or []
        rows.append(
            _latency_row(
                f"RSVP day: {label} p95",
                scale,
                p50=_percentile(samples, 0.50) if samples else None,
                p95=_percentile(samples, 0.95) if samples else None,
                detail=f"{len(samples)} requests",
                errors=rsvp.errors.get(label, 0),
                limit_p50=limit_p50,
                limit_p95=limit_p95,
            )
        )
    finished = rsvp.replies_saved == rsvp.participants and not rsvp.timed_out
    rows.append(
        (
            "RSVP day: replies saved",
            scale,
            f"{rsvp.replies_saved} of {rsvp.participants} in {rsvp.seconds:.0f} s",
            f"{rsvp.participants} participants ({rsvp.in_flight} at a time), {rsvp.staff} staff",
            "",
            f"all, within {RSVP_DEADLINE:g} s",
            _met(finished),
        )
    )
    return rows


def report_rows(
    scales: list[ScaleFigures],
    *,
    pdf_limit: tuple[float, float] | None,
    delivery: DeliveryFigures,
    rsvp: RsvpFigures | None = None,
) -> list[tuple[str, ...]]:
    """Every figure beside its limit and target, one row each (see COLUMNS)."""
    rows: list[tuple[str, ...]] = []
    for figures in scales:
        constant = next((p for p in figures.pages if p.path == "/bench/constant/"), None)
        limit_p95 = constant.p95_ms if constant and constant.status == 200 else None
        limit_p50 = constant.p50_ms if constant and constant.status == 200 else None
        for page in figures.pages:
            scale = f"{figures.scale}x"
            if page is constant:
                continue
            if page.status != 200:
                shown = "n/a" if page.status is None else f"HTTP {page.status}"
                rows.append((f"{page.label}: p95", scale, shown, "", "", "", "n/a"))
                continue
            rows.append(
                _latency_row(
                    f"{page.label}: p95",
                    scale,
                    p50=page.p50_ms,
                    p95=page.p95_ms,
                    detail=f"{_fmt(page.rps)} req/s",
                    errors=page.errors,
                    limit_p50=limit_p50,
                    limit_p95=limit_p95,
                )
            )
    if scales:
        labels = [p.label for p in scales[0].pages if p.path != "/bench/constant/"]
        for label in labels:
            counts = [next((p.queries for p in s.pages if p.label == label), None) for s in scales]
            known = [c for c in counts if c is not None]
            rows.append(
                (
                    f"{label}: queries",
                    " / ".join(f"{s.scale}x" for s in scales),
                    " / ".join(_fmt(c, "d") for c in counts),
                    "",
                    "",
                    "identical at every scale",
                    _met(
                        len(set(known)) == 1
                        if len(known) == len(counts) and len(counts) > 1
                        else None
                    ),
                )
            )

    rows += rsvp_rows(rsvp)

    limit_seconds, limit_peak = pdf_limit if pdf_limit else (None, None)
    base_seconds = scales[0].pdf_seconds if scales else None
    for index, figures in enumerate(scales):
        seconds = figures.pdf_seconds
        if index == 0:
            target, ok = (
                f"< {PDF_SECONDS_TARGET:g} s",
                (None if seconds is None else seconds < PDF_SECONDS_TARGET),
            )
        else:
            # "under 2x that": under twice 5 s, and under twice the 1x time (no growth).
            growth = None if base_seconds is None else PDF_GROWTH_TARGET * base_seconds
            cap = PDF_GROWTH_TARGET * PDF_SECONDS_TARGET
            target = (
                f"< {cap:g} s and < {PDF_GROWTH_TARGET:g}x the {scales[0].scale}x time "
                f"({_fmt(growth, '.2f')} s)"
            )
            ok = None if seconds is None or growth is None else seconds < min(cap, growth)
        ratio = seconds / limit_seconds if seconds is not None and limit_seconds else None
        rows.append(
            (
                "five-year summary PDF: render time",
                f"{figures.scale}x",
                f"{_fmt(seconds, '.2f')} s",
                f"{_fmt(limit_seconds, '.2f')} s (one-page WeasyPrint document)",
                f"{_fmt(ratio, '.0f')}x",
                target,
                _met(ok),
            )
        )
    for figures in scales:
        peak = figures.pdf_peak_mb
        ratio = peak / limit_peak if peak is not None and limit_peak else None
        rows.append(
            (
                "five-year summary PDF: peak memory",
                f"{figures.scale}x",
                f"{_fmt(peak)} MB",
                f"{_fmt(limit_peak)} MB (one-page WeasyPrint document)",
                f"{_fmt(ratio, '.1f')}x",
                "",
                "",
            )
        )

    ratio = (
        delivery.pack_rate / delivery.noop_rate
        if delivery.pack_rate and delivery.noop_rate
        else None
    )
    rows.append(
        (
            f"briefing pack to {delivery.count} participants",
            f"{scales[-1].scale}x" if scales else "",
            f"{_fmt(delivery.pack_rate, '.1f')} deliveries/s",
            f"{_fmt(delivery.noop_rate, '.1f')} no-op tasks/s ({delivery.count} tasks)",
            f"{_fmt(ratio, '.2f')}",
            ">= 0.33 of the no-op rate",
            _met(None if ratio is None else ratio >= PACK_TARGET),
        )
    )
    return rows


def render_table(rows: list[tuple[str, ...]]) -> str:
    """A Markdown table, padded so it also reads as plain text."""
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]

    def line(cells) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    divider = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(COLUMNS), divider, *(line(r) for r in rows)]) + "\n"


def print_report(
    scales: list[ScaleFigures],
    *,
    pdf_limit: tuple[float, float] | None,
    delivery: DeliveryFigures,
    args,
    command: str = "make bench",
    rsvp: RsvpFigures | None = None,
) -> str:
    """Print the table (with how it was measured) and return the same text."""
    rows = report_rows(scales, pdf_limit=pdf_limit, delivery=delivery, rsvp=rsvp)
    met = [r[-1] for r in rows if r[-1] in ("yes", "NO", "n/a")]
    seeding = ", ".join(f"{s.scale}x {s.seconds_to_seed:.0f} s" for s in scales)
    text = (
        f"Benchmark: `{command}` on {os.cpu_count()} cores, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Pages: {args.requests} GETs "
        f"each in {ROUNDS} rounds, {args.concurrency} in flight, gunicorn with {args.workers} "
        "workers on 127.0.0.1 against PostgreSQL, Redis as the shared cache (sessions); "
        "every request is a full render (there is no page cache); "
        "the limit is an anonymous GET of a view returning a constant through the "
        "same middleware, measured in the same rounds. "
        f"RSVP day (on the {scales[0].scale if scales else 1}x data): "
        f"{getattr(args, 'rsvp_in_flight', 8)} participants at a time open their "
        "convening page, the reply form, reply and read their page again, while 5 staff "
        "browse the replies list and the directory and one client asks for the constant "
        f"view, all through the same gunicorn, pausing {PARTICIPANT_PAUSE:g} s / "
        f"{STAFF_PAUSE:g} s / {CONSTANT_PAUSE:g} s between pages; "
        f"pack and no-op tasks through Redis and a {args.worker_concurrency}-process worker; "
        "PDF times are the median of 3 renders. "
        f"Seeding: {seeding or 'none'}.\n\n"
        + render_table(rows)
        + f"\nTargets met: {met.count('yes')} of {len(met)}"
        + (f" ({met.count('n/a')} not measured)" if "n/a" in met else "")
        + ".\n"
    )
    sys.stdout.write(text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10", help="demo data scales, e.g. 1,10")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers")
    parser.add_argument(
        "--worker-concurrency", type=int, default=os.cpu_count() or 2, help="worker processes"
    )
    parser.add_argument(
        "--rsvp-in-flight", type=int, default=8, help="RSVP day: participants at a time"
    )
    parser.add_argument("--keep", action="store_true", help="keep var/bench/run-*: logs, mail")
    parser.add_argument("--out", default=str(BASE_DIR / "bench" / "out" / "latest.md"))
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]

    work = BASE_DIR / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    results: list[ScaleFigures] = []
    delivery = DeliveryFigures()
    rsvp: RsvpFigures | None = None
    pg = PostgresServer().start()
    cache = RedisServer().start()  # the shared cache, as in production (CACHE_URL)
    cache_url = cache.url.replace("/0", "/1")
    try:
        env0 = bench_env(database_url=pg.url("postgres"), var_dir=var_dir, cache_url=cache_url)
        collect_static(env0, settings_module=SETTINGS)
        env = env0
        for scale in scales:
            env = bench_env(
                database_url=create_database(pg, f"bench_{scale}x"),
                var_dir=var_dir,
                cache_url=cache_url,
            )
            print(f"seeding {scale}x demo data…", file=sys.stderr, flush=True)
            figures = ScaleFigures(scale=scale, seconds_to_seed=seed(env, scale))
            print(f"measuring pages at {scale}x…", file=sys.stderr, flush=True)
            figures.pages = measure_pages(
                env, requests=args.requests, concurrency=args.concurrency, workers=args.workers
            )
            if not results:
                print(f"RSVP day on the {scale}x data…", file=sys.stderr, flush=True)
                rsvp = measure_rsvp_day(env, workers=args.workers, in_flight=args.rsvp_in_flight)
            print(f"rendering the five-year PDF at {scale}x…", file=sys.stderr, flush=True)
            pdf = measure_five_year_pdf(env)
            if pdf:
                figures.pdf_seconds, figures.pdf_peak_mb = pdf
            results.append(figures)
        pdf_limit = measure_pdf_limit()
        print("delivering a pack and no-op tasks through Redis…", file=sys.stderr, flush=True)
        delivery = measure_pack_delivery(env, concurrency=args.worker_concurrency)
    finally:
        pg.stop()
        cache.stop()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)  # mostly the pack's e-mail files
    # make exports MAKELEVEL to what it runs; otherwise show the command line as typed.
    ran = ["python", *sys.argv] if argv is None else ["bench/run.py", *argv]
    command = "make bench" if os.environ.get("MAKELEVEL") and len(ran) == 2 else " ".join(ran)
    text = print_report(
        results, pdf_limit=pdf_limit, delivery=delivery, args=args, command=command, rsvp=rsvp
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
