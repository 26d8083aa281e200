from dashboard.cache.backends import MemoryBackend
from dashboard.cache.keys import make_key


def _key(number: int) -> str:
    return make_key("memo", "v1", "test", number)


def test_memo001_keeps_entries_and_forgets_the_least_recently_used():
    cache = MemoryBackend(max_entries=2)
    cache.set(_key(1), 10)
    cache.set(_key(2), 20)
    assert cache.get(_key(1)) == 10  # 1 is now the most recent
    cache.set(_key(3), 30)  # evicts 2
    assert cache.get(_key(2)) is None
    assert cache.get(_key(1)) == 10 and cache.get(_key(3)) == 30


def test_memo002_the_byte_budget_evicts_the_oldest_but_keeps_the_newest():
    cache = MemoryBackend(max_entries=10, max_bytes=100)
    cache.set(_key(1), b"x" * 60)
    cache.set(_key(2), b"y" * 60)
    assert cache.get(_key(1)) is None and cache.get(_key(2)) == b"y" * 60
    cache.set(_key(3), b"z" * 500)  # alone over the budget: kept, the others go
    assert cache.get(_key(2)) is None and cache.get(_key(3)) == b"z" * 500
