"""Start many calls at the same moment (a barrier), for tests of limits that must hold
under concurrent attempts."""

from __future__ import annotations

import threading
from collections.abc import Callable


def all_at_once(count: int, attempt: Callable[[int], object]) -> list[object]:
    """Run ``attempt(n)`` for n in range(count), all released together; their results
    (or the exception each raised), in no particular order."""
    outcomes: list[object] = []
    lock = threading.Lock()
    start = threading.Barrier(count)

    def run(n: int) -> None:
        start.wait()
        try:
            result: object = attempt(n)
        except Exception as error:  # the caller inspects what each attempt raised
            result = error
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
