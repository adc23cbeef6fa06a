"""Leadership for the clock: exactly one process runs the scheduled jobs.

Two mechanisms behind one interface:
- SQLite: a lease row with an expiry, renewed by the holder; a follower takes over once it lapses.
- PostgreSQL: a session-level advisory lock held on a dedicated connection; it is released by the
  server the moment the holder's connection dies, so takeover is immediate. The lease row is still
  written as a heartbeat for `python -m bot status`.
"""

from __future__ import annotations

import logging
import zlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select, text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from briefings.store.tables import LeaseRow

log = logging.getLogger(__name__)
LAPSED = datetime(1970, 1, 1, tzinfo=UTC)


def try_take_lease(session: Session, name: str, holder: str, now: datetime,
                   ttl: timedelta) -> bool:
    """Take or renew the lease if it is free, lapsed, or already ours. Commit after."""
    renewed = session.execute(
        update(LeaseRow)
        .where(LeaseRow.name == name, (LeaseRow.holder == holder) | (LeaseRow.expires_at < now))
        .values(holder=holder, expires_at=now + ttl, heartbeat_at=now)
    )
    if renewed.rowcount:  # type: ignore[attr-defined]
        return True
    try:
        with session.begin_nested():
            session.execute(insert(LeaseRow).values(name=name, holder=holder,
                                                    expires_at=now + ttl, heartbeat_at=now))
    except IntegrityError:
        return False
    return True


def write_heartbeat(session: Session, name: str, holder: str, now: datetime,
                    ttl: timedelta) -> None:
    """Record `holder` as the lease's holder unconditionally (used under an advisory lock)."""
    row = session.get(LeaseRow, name)
    if row is None:
        session.add(LeaseRow(name=name, holder=holder, expires_at=now + ttl, heartbeat_at=now))
        return
    row.holder, row.expires_at, row.heartbeat_at = holder, now + ttl, now


def release_lease(session: Session, name: str, holder: str) -> None:
    """Give the lease up at once (graceful shutdown), if we hold it."""
    session.execute(
        update(LeaseRow).where(LeaseRow.name == name, LeaseRow.holder == holder)
        .values(expires_at=LAPSED)
    )


def lease_holder(session: Session, name: str) -> LeaseRow | None:
    """The lease row (holder, expiry, last heartbeat), for status output."""
    return session.scalar(select(LeaseRow).where(LeaseRow.name == name))


class AdvisoryLock:
    """A PostgreSQL session advisory lock on its own connection, held until released or closed."""

    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        self._key = zlib.crc32(name.encode())
        self._connection: Connection | None = None

    @property
    def held(self) -> bool:
        return self._connection is not None

    def try_acquire(self) -> bool:
        if self._connection is not None:
            return True
        connection = self._engine.connect()
        got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key})
        if got.scalar():
            connection.commit()
            self._connection = connection
            return True
        connection.rollback()
        connection.close()
        return False

    def still_held(self) -> bool:
        """False if the lock's connection has died (then the lock is gone too)."""
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
        except (SQLAlchemyError, OSError):  # any failure means the lock is lost
            log.warning("lost the advisory lock's connection")
            self._connection = None
            return False
        return True

    def release(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._key})
            self._connection.commit()
        finally:
            self._connection.close()
            self._connection = None
