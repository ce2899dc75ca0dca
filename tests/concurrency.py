"""Work run in several threads at once, for the tests that race writers against each other
(two beats, several phones, a double click): every thread waits at a barrier, so the
writes really overlap, and each closes its own database connection when done."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def at_once(work: Callable[[int], T], count: int = 2) -> tuple[list[T], list[BaseException]]:
    """Run `work(0)` … `work(count - 1)` in `count` threads at once: (what they returned,
    what they raised). A thread's failure is returned, for the test to assert none."""
    barrier = threading.Barrier(count)
    results: list[T] = []
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(work(index))
        except BaseException as exc:  # returned: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors
