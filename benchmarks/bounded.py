"""Bounded runs for benchmarks that start processes and databases: a whole-run deadline, and
SIGTERM, both raise in the main thread, so the `finally` blocks still stop the children and
drop the scratch database (the default actions would kill us and leave both behind; SIGINT is
already KeyboardInterrupt, except in a background job, where the shell ignores it)."""

from __future__ import annotations

import signal


def deadline(seconds: int) -> None:
    """Raise TimeoutError in the main thread after `seconds`, and SystemExit on SIGTERM."""
    signal.signal(signal.SIGALRM, _expired)
    signal.signal(signal.SIGTERM, _terminated)
    signal.alarm(seconds)


def _expired(_signum: int, _frame: object) -> None:
    raise TimeoutError("the benchmark ran past its deadline")


def _terminated(_signum: int, _frame: object) -> None:
    raise SystemExit(143)
