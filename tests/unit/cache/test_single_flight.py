"""Cache.local computes a value once when several threads ask for it at the same moment."""

from __future__ import annotations

import threading
import time

from dashboard.cache.versioned import Cache

THREADS = 6


def test_flight001_threads_asking_at_once_wait_for_one_computation():
    cache = Cache.in_memory()
    calls: list[str] = []
    start = threading.Barrier(THREADS)

    def compute() -> dict[str, int]:
        calls.append(threading.current_thread().name)
        time.sleep(0.2)  # long enough that every other thread asks while this one computes
        # A computation may itself ask for another key.
        inner = cache.local("v1", "inner", "same", lambda: {"inner": 1})
        return {"graph": 42, **inner}

    results: list[dict[str, int]] = []

    def ask() -> None:
        start.wait()
        results.append(cache.local("v1", "graph", "same", compute))

    threads = [threading.Thread(target=ask, name=f"t{i}") for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(calls) == 1
    assert results == [{"graph": 42, "inner": 1}] * THREADS
    assert cache.status()["views"]["graph"] == {"hits": THREADS - 1, "misses": 1}
    assert cache._computing.held() == 0


def test_flight002_other_keys_are_computed_side_by_side():
    cache = Cache.in_memory()
    inside = threading.Barrier(2, timeout=5)

    def compute(name: str):
        # Both computations must be running at once to pass the barrier.
        return lambda: (inside.wait(), name)[1]

    results: dict[str, str] = {}
    threads = [
        threading.Thread(
            target=lambda n=name: results.update({n: cache.local("v1", "view", n, compute(n))})
        )
        for name in ("a", "b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {"a": "a", "b": "b"}
