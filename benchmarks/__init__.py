"""Performance and load harness: `.venv/bin/python -m benchmarks.run` (see docs/performance.md)."""
