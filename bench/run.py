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

The pieces: `bench/environment.py` (settings, databases, seeding, subprocesses),
`bench/measure.py` (one function per measurement: `measure_pages`, `measure_rsvp_day`,
`measure_five_year_pdf`, `measure_pdf_limit`, `measure_pack_delivery`,
`measure_noop_tasks`), `bench/figures.py` (what is measured) and `bench/report.py` (the
table); a figure that cannot be measured yet prints as n/a.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# Run as a script (`python bench/run.py`): the repository, not bench/, is where `bench`
# and `tests` are imported from.
sys.path.insert(0, str(BASE_DIR))

from bench.environment import SETTINGS, bench_env, create_database, seed  # noqa: E402
from bench.figures import DeliveryFigures, PageFigures, ScaleFigures  # noqa: E402
from bench.figures import percentile as _percentile  # noqa: E402
from bench.measure import (  # noqa: E402
    measure_five_year_pdf,
    measure_pack_delivery,
    measure_pages,
    measure_pdf_limit,
    measure_rsvp_day,
)
from bench.report import print_report  # noqa: E402
from bench.rsvp import RsvpFigures  # noqa: E402
from tests.integration.web import collect_static  # noqa: E402
from tests.servers import PostgresServer, RedisServer  # noqa: E402

# Importable from `bench.run` as before the split into environment, figures, measure and
# report.
__all__ = [
    "DeliveryFigures",
    "PageFigures",
    "ScaleFigures",
    "_percentile",
    "main",
    "print_report",
]


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
