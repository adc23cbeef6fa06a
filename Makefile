# Shortcuts for the commands in README. `make test` is what CI runs after lint and types.
.PHONY: setup native pure demo test lint types bench

setup:
	python3.11 -m venv .venv && .venv/bin/pip install -q -e ".[dev]"

# Recompile the triage in place after editing briefings/triage/ (what `pip install -e .` does);
# --force: an edit that leaves the generated C as it was (a comment) must still date the build.
native:
	.venv/bin/python setup.py --quiet build_ext --inplace --force

# Drop the compiled triage and run its sources (`pip install -e .` compiles it again).
pure:
	rm -f briefings/triage/*.so briefings_triage__mypyc*.so

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
