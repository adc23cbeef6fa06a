"""Jobs run only in the clock that leads: a second clock started by mistake stays a follower.

Leadership itself (advisory lock on PostgreSQL, lease row on SQLite) is `briefings.leadership`;
this gate asks it before every job run and on a heartbeat, and steps down on shutdown so a
follower can take over at once. The per-period ledgers still guard each job should two overlap.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime

from briefings.errors import StoreError
from briefings.leadership import Leadership

log = logging.getLogger(__name__)


class LeaderGate:
    def __init__(self, leadership: Leadership, clock: Callable[[], datetime]) -> None:
        self._leadership = leadership
        self._clock = clock

    def leading(self) -> bool:
        """Take or renew leadership; a database error means not leading, for now."""
        try:
            return self._leadership.check(self._clock())
        except StoreError as exc:
            log.warning("leadership check failed; running no jobs until it succeeds: %s", exc)
            return False

    def guard(self, job: Callable[[], object]) -> Callable[[], None]:
        """`job`, run only while leading."""

        @functools.wraps(job)
        def run() -> None:
            if self.leading():
                job()

        return run

    def release(self) -> None:
        try:
            self._leadership.release()
        except StoreError as exc:  # the lease lapses by itself after its ttl
            log.warning("could not release leadership: %s", exc)
