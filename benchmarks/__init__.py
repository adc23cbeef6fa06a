"""Benchmarks and fault figures; run each module with `python -m benchmarks.NAME`."""
