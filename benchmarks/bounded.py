"""A whole-run deadline for benchmarks that start processes and databases: SIGALRM raises in the
main thread, so the `finally` blocks still stop the children and drop the scratch database
(the default SIGALRM action would kill us and leave both behind)."""

from __future__ import annotations

import signal


def deadline(seconds: int) -> None:
    """Raise TimeoutError in the main thread after `seconds`."""
    signal.signal(signal.SIGALRM, _expired)
    signal.alarm(seconds)


def _expired(_signum: int, _frame: object) -> None:
    raise TimeoutError("the benchmark ran past its deadline")
