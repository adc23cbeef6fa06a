# Shortcuts for the commands in README. `make test` is what CI runs after lint and types.
.PHONY: setup demo test lint types bench

setup:
	python3.11 -m venv .venv && .venv/bin/pip install -q -e ".[dev]"

demo:
	.venv/bin/python -m bot demo

test:
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check .

types:
	.venv/bin/mypy

bench:
	for b in benchmarks/eval_triage.py benchmarks/bench_*.py; do .venv/bin/python $$b || exit 1; done
