from dashboard.cache.bounded import BoundedCache


def test_memo001_computes_once_and_forgets_the_least_recently_used():
    calls = []
    cache = BoundedCache(2)

    def compute(key):
        return lambda: calls.append(key) or key * 10

    assert cache.get(1, compute(1)) == 10 and cache.get(1, compute(1)) == 10
    cache.get(2, compute(2))
    cache.get(1, compute(1))  # 1 is now the most recent
    cache.get(3, compute(3))  # evicts 2
    cache.get(1, compute(1))
    cache.get(2, compute(2))
    assert calls == [1, 2, 3, 2]
