"""Which process is the clock: a leader lease that a second clock waits on and takes over.

`Leadership.check(now)` is called on every tick: it takes or renews leadership and says whether
this process may run the jobs. On PostgreSQL leadership is an advisory lock (freed by the server
when the holder dies); on SQLite it is a lease row that lapses `ttl` after the last renewal.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from briefings.store.database import transaction
from briefings.store.leases import (
    AdvisoryLock,
    lease_holder,
    release_lease,
    try_take_lease,
    write_heartbeat,
)

log = logging.getLogger(__name__)
CLOCK_LEASE = "clock"


def holder_id() -> str:
    """Who we are, in status output: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Leadership:
    """One named leadership, held by at most one process at a time."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Session], *,
                 name: str = CLOCK_LEASE, holder: str | None = None,
                 ttl: timedelta = timedelta(seconds=60)) -> None:
        self._sessions = sessions
        self._name = name
        self.holder = holder or holder_id()
        self.ttl = ttl
        is_pg = engine.dialect.name == "postgresql"
        self._lock = AdvisoryLock(engine, f"deal-briefings:{name}") if is_pg else None
        self._leading: bool | None = None  # None until the first check, which is always logged

    def check(self, now: datetime) -> bool:
        """Take or keep leadership; True while this process leads."""
        leading = self._check_lock() and self._renew_lease(now)
        if leading != self._leading:
            if leading:
                log.info("%s took leadership of %r", self.holder, self._name)
            else:
                log.info("%s follows: %s leads %r; this process takes over if it stops",
                         self.holder, self._leader(), self._name)
        self._leading = leading
        return leading

    def _leader(self) -> str:
        with transaction(self._sessions) as session:
            lease = lease_holder(session, self._name)
        return lease.holder if lease is not None else "another process"

    def _check_lock(self) -> bool:
        if self._lock is None:
            return True
        return self._lock.still_held() or self._lock.try_acquire()

    def _renew_lease(self, now: datetime) -> bool:
        with transaction(self._sessions) as session:
            if self._lock is not None:  # the lock decides; the row is a heartbeat for status
                write_heartbeat(session, self._name, self.holder, now, self.ttl)
                return True
            return try_take_lease(session, self._name, self.holder, now, self.ttl)

    def release(self) -> None:
        """Step down (graceful shutdown) so a follower can take over at once."""
        with transaction(self._sessions) as session:
            release_lease(session, self._name, self.holder)
        if self._lock is not None:
            self._lock.release()
        if self._leading:
            log.info("%s released leadership of %r", self.holder, self._name)
        self._leading = False
