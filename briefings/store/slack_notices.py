"""Problems on the Slack side, shared between processes: the clock records them, `status`,
`/healthz` and App Home read them. A subject holds one problem at a time; clearing it means the
problem is over."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from briefings.store.tables import SlackNoticeRow

TOKEN = "token"
CHANNEL_PREFIX = "channel:"


def record(session: Session, subject: str, problem: str, now: datetime) -> None:
    """Note `problem` for `subject`, keeping `since` while the problem stays the same."""
    row = session.get(SlackNoticeRow, subject)
    if row is None:
        session.add(SlackNoticeRow(subject=subject, problem=problem, since=now))
    elif row.problem != problem:
        row.problem, row.since = problem, now


def clear(session: Session, subject: str) -> None:
    session.execute(delete(SlackNoticeRow).where(SlackNoticeRow.subject == subject))


def clear_channels(session: Session) -> None:
    session.execute(delete(SlackNoticeRow)
                    .where(SlackNoticeRow.subject.startswith(CHANNEL_PREFIX)))


def token_problem(session: Session) -> tuple[str, datetime] | None:
    """Why delivery is paused, and since when; None when the token works."""
    row = session.get(SlackNoticeRow, TOKEN)
    return (row.problem, row.since) if row else None


def channel_problems(session: Session) -> dict[str, str]:
    """Channel id -> why the bot cannot post to it or read it."""
    query = select(SlackNoticeRow).where(SlackNoticeRow.subject.startswith(CHANNEL_PREFIX))
    return {row.subject[len(CHANNEL_PREFIX):]: row.problem for row in session.scalars(query)}


def problems(session: Session) -> list[str]:
    """Every recorded problem as one line for people: the token first, then channels."""
    token = token_problem(session)
    lines = [f"Delivery paused since {token[1]:%Y-%m-%d %H:%M} UTC: Slack refuses the bot "
             f"token ({token[0]})"] if token else []
    channels = sorted(channel_problems(session).items())
    return lines + [f"Channel {problem}" for _, problem in channels]
