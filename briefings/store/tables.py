"""The database schema as SQLAlchemy 2 typed tables. Alembic migrations in `migrations/` mirror it.

Times are stored as timezone-aware UTC (`UTCDateTime` restores tzinfo on SQLite, which drops it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """A DateTime that refuses naive values and always comes back aware in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON
    }


class FeedRow(Base):
    """A watched feed and its fetch state (validators, backoff, health)."""

    __tablename__ = "feeds"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    configured_url: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    next_check_at: Mapped[datetime | None]
    entries_seen: Mapped[int] = mapped_column(Integer, default=0)
    first_fetched_at: Mapped[datetime | None]
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class StoryRow(Base):
    """A story, stored once. `canonical_link` dedupes the same story seen in two feeds."""

    __tablename__ = "stories"
    # /deal-status reads a deal's first and latest reports by this index.
    __table_args__ = (Index("ix_stories_deal_published", "deal_key", "published_at"),)

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    feed: Mapped[str] = mapped_column(String(200), index=True)
    outlet: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(Text)
    canonical_link: Mapped[str | None] = mapped_column(String(700), unique=True)
    published_at: Mapped[datetime] = mapped_column(index=True)
    first_seen_at: Mapped[datetime]
    announce: Mapped[bool] = mapped_column(Boolean, default=True)
    relevant: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    status: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    deal_key: Mapped[str | None] = mapped_column(
        String(200), ForeignKey("deals.key"), index=True
    )
    verdict: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DealRow(Base):
    """A tracked deal: parties, subject and current status."""

    __tablename__ = "deals"
    # The App Home board lists each status's most recent deals by this index.
    __table_args__ = (Index("ix_deals_status_activity", "status", "last_activity_at"),)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    parties: Mapped[list[Any]] = mapped_column(default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    chips: Mapped[list[Any]] = mapped_column(default=list)
    kind: Mapped[str] = mapped_column(String(20), default="capacity", server_default="capacity")
    status: Mapped[str] = mapped_column(String(20), index=True)
    status_since: Mapped[datetime]
    first_seen_at: Mapped[datetime]
    last_activity_at: Mapped[datetime] = mapped_column(index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The person whose call the status is (a correction), until a party's own word replaces it.
    set_by_id: Mapped[str | None] = mapped_column(String(40))
    set_by_name: Mapped[str | None] = mapped_column(String(200))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    merged_into: Mapped[str | None] = mapped_column(String(200))


class DealStatusRow(Base):
    """One entry of a deal's status history, with the story or the person that caused it."""

    __tablename__ = "deal_status_history"
    # App Home lists the latest corrections by people, newest first, by this index.
    __table_args__ = (Index("ix_deal_status_history_kind", "kind", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    deal_key: Mapped[str] = mapped_column(String(200), ForeignKey("deals.key"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    story_id: Mapped[str] = mapped_column(String(200))
    outlet: Mapped[str] = mapped_column(String(200), default="")
    link: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    kind: Mapped[str] = mapped_column(String(20), default="story", server_default="story")
    by_id: Mapped[str | None] = mapped_column(String(40))
    by_name: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    other_deal: Mapped[str | None] = mapped_column(String(200))  # merge / split: the other deal


class DealThreadRow(Base):
    """Where a deal's top-level post lives in each channel, so later news lands in its thread."""

    __tablename__ = "deal_threads"

    deal_key: Mapped[str] = mapped_column(String(200), ForeignKey("deals.key"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    ts: Mapped[str] = mapped_column(String(40))
    status_shown: Mapped[str] = mapped_column(String(20))
    story_id: Mapped[str] = mapped_column(String(200))


class OutboxRow(Base):
    """A message to send: planned with an idempotency key, then sent and marked with its `ts`.

    States: pending -> sending -> sent | failed | skipped (held back by a flood cap); pending ->
    withdrawn (no longer wanted, see `briefings.store.outbox`).
    A row left in `sending` past its lease is an uncertain send, reconciled before any resend.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state_due", "state", "not_before"),
        Index("ix_outbox_deal_channel", "deal_key", "channel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idem_key: Mapped[str] = mapped_column(String(500), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(40), index=True)
    deal_key: Mapped[str | None] = mapped_column(String(200))
    story_id: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    ts: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    # Set when an attempt may have reached Slack (lost response, timeout, 5xx, crash while
    # `sending`): the next attempt first looks for the message in Slack before posting again.
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    claimed_at: Mapped[datetime | None]
    # The claim of the first attempt that may have reached Slack: the lookup searches from here
    # to the latest claim, however many lookups were put off (429) in between.
    uncertain_since: Mapped[datetime | None]
    # A held-back post: the idempotency key of the roll-up that listed it in the channel (None
    # until one has), so every held-back post is listed once, whichever cycle or crash it met.
    rolled_up_in: Mapped[str | None] = mapped_column(String(500))


class SentDigestRow(Base):
    """One weekly digest per channel per ISO week: the unique key is the promise."""

    __tablename__ = "sent_digests"
    __table_args__ = (UniqueConstraint("channel", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(40))
    week: Mapped[str] = mapped_column(String(10))
    planned_at: Mapped[datetime]


class JobRunRow(Base):
    """A periodic job's run for one period, so restarts and takeovers neither skip nor repeat it."""

    __tablename__ = "job_runs"

    job: Mapped[str] = mapped_column(String(100), primary_key=True)
    period: Mapped[str] = mapped_column(String(100), primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class LeaseRow(Base):
    """A named lease (the clock's leadership) with a holder and an expiry."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]


class SlackNoticeRow(Base):
    """A problem on the Slack side the clock found, by subject (`token`, or `channel:<id>`)."""

    __tablename__ = "slack_notices"

    subject: Mapped[str] = mapped_column(String(100), primary_key=True)
    problem: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime]


class FollowRow(Base):
    """A person following a company or a deal, to hear of its changes by direct message."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("user_id", "target_kind", "target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(40), index=True)
    target_kind: Mapped[str] = mapped_column(String(10))  # "company" or "deal"
    target: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime]
