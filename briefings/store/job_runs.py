"""The job-run ledger: one row per (job, period), so a restart neither skips nor repeats a run.

A run is claimed before it starts and finished after; an unfinished claim older than `stale_after`
(its process died mid-run) may be taken over. On PostgreSQL and SQLite alike the primary key makes
two claimants of the same period collide instead of both running.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from briefings.store.tables import JobRunRow


def claim(session: Session, job: str, period: str, now: datetime,
          stale_after: timedelta) -> bool:
    """Take the run of `job` for `period`; False if it ran or is running elsewhere."""
    row = session.get(JobRunRow, (job, period))
    if row is None:
        session.add(JobRunRow(job=job, period=period, started_at=now, finished_at=None))
        session.flush()
        return True
    if row.finished_at is not None or now - row.started_at < stale_after:
        return False
    row.started_at = now
    return True


def finish(session: Session, job: str, period: str, now: datetime) -> None:
    session.execute(update(JobRunRow).where(JobRunRow.job == job, JobRunRow.period == period)
                    .values(finished_at=now))


def release(session: Session, job: str, period: str) -> None:
    """Give back an unfinished claim (a run cut short by SIGTERM), so the next process takes the
    period at once rather than after `stale_after`."""
    session.execute(delete(JobRunRow).where(JobRunRow.job == job, JobRunRow.period == period,
                                            JobRunRow.finished_at.is_(None)))


def record(session: Session, job: str, period: str, now: datetime) -> None:
    """Note a run that happened inside the caller's transaction (claimed and finished at once)."""
    row = session.get(JobRunRow, (job, period))
    if row is None:
        session.add(JobRunRow(job=job, period=period, started_at=now, finished_at=now))
    elif row.finished_at is None:
        row.finished_at = now
    session.flush()


def has_run(session: Session, job: str, period: str) -> bool:
    query = select(JobRunRow.finished_at).where(JobRunRow.job == job, JobRunRow.period == period)
    return session.scalar(query) is not None


def prune(session: Session, job: str, before: datetime) -> int:
    """Forget finished runs that started before `before` (old poll periods); returns how many."""
    result = session.execute(delete(JobRunRow).where(
        JobRunRow.job == job, JobRunRow.started_at < before, JobRunRow.finished_at.is_not(None)))
    return int(result.rowcount)  # type: ignore[attr-defined]
