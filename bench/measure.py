"""One function per measurement: pages under load, RSVP day, the five-year PDF and its
limit, a briefing pack's delivery and the no-op task rate (its limit)."""

from __future__ import annotations

import concurrent.futures
import json
import subprocess
import sys
import time
from pathlib import Path

import redis
from celery import Celery

from bench.environment import BASE_DIR, SETTINGS, json_from, probe
from bench.figures import (
    ROUNDS,
    RSVP_DEADLINE,
    DeliveryFigures,
    PageFigures,
    Samples,
    percentile,
)
from bench.rsvp import RsvpFigures, rsvp_day
from tests.integration.web import GunicornServer
from tests.servers import CeleryWorker, RedisServer


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
        page.p50_ms = percentile(total.latencies_ms, 0.50)
        page.p95_ms = percentile(total.latencies_ms, 0.95)
        page.errors = total.errors
    return figures


def measure_rsvp_day(env: dict[str, str], *, workers: int, in_flight: int) -> RsvpFigures | None:
    """RSVP day (bench/rsvp.py) on this scale's database, through gunicorn."""
    try:
        plan = json_from("bench.rsvp", env, "prepare", timeout=600)
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


def measure_five_year_pdf(env: dict[str, str]) -> tuple[float, float] | None:
    """(seconds, peak MB) to render the five-year summary PDF, in a process of its own."""
    try:
        data = json_from("bench.five_year", env, timeout=300)
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


def measure_pack_delivery(env: dict[str, str], *, concurrency: int) -> DeliveryFigures:
    """A briefing pack to every active participant, then as many no-op tasks (the limit).

    Both go through the same Redis and the same real worker (bench/pack.py sends the pack
    with the briefings service; `measure_noop_tasks` sends the no-ops); rates are items
    per second from the first message queued to the last one done.
    """
    figures = DeliveryFigures()
    broker = RedisServer().start()
    env = {**env, "CELERY_BROKER_URL": broker.url}
    log = Path(env["VAR_DIR"]) / "bench-worker.log"
    worker = None
    try:
        pack = json_from("bench.pack", env, "prepare")["pack"]
        # bench.settings imports bench.tasks, so this worker also runs the no-op tasks.
        worker = CeleryWorker(
            env=env, concurrency=concurrency, log=log, settings_module=SETTINGS
        ).start()
        sent = json_from("bench.pack", env, "send", str(pack))
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
