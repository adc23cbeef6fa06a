"""The delivery loop: claim a due outbox row, send it, mark it sent with its `ts`; or wait, check
and retry, or record why it failed.

Each row is claimed (`sending`) in its own transaction before the Slack call and marked after it.
A row an attempt may have posted (lost response, timeout, 5xx, crash) is marked `uncertain`, and
its next attempt first looks for it in Slack by metadata.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.messages import THREADED_KINDS, outgoing, send
from bot.delivery.outcomes import CONNECTION_ERRORS, Kind, Outcome, classify
from bot.delivery.pacing import ChannelPacer
from bot.delivery.reconcile import find_posted
from briefings.briefing import MessageKind
from briefings.store import outbox
from briefings.store.database import transaction
from briefings.store.tables import OutboxRow

log = logging.getLogger(__name__)

SEND_LEASE = timedelta(seconds=60)  # longer than any HTTP timeout: older `sending` rows crashed
GIVE_UP_AFTER = timedelta(hours=24)  # transient failures stop being retried after this
UNKNOWN_ERROR_ATTEMPTS = 2  # an unfamiliar `ok: false` error is retried once
MAX_BACKOFF_SECONDS = 300
RECORDS_THREAD = (MessageKind.NEW_DEAL.value, MessageKind.EDIT_ROOT.value)


@dataclass
class DeliveryReport:
    """What delivery passes did; `found` counts uncertain sends found already posted."""

    sent: int = 0
    found: int = 0
    retried: int = 0
    rate_limited: int = 0
    failed: int = 0
    deferred: int = 0
    recovered: int = 0

    def add(self, other: DeliveryReport) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def progressed(self) -> int:
        return self.sent + self.found + self.retried + self.rate_limited + self.failed


class Deliverer:
    """Sends what the outbox holds, in planning order, paced per channel."""

    def __init__(self, sessions: sessionmaker[Session], client: WebClient,
                 clock: Callable[[], datetime], *, sleep: Callable[[float], None] = time.sleep,
                 pacer: ChannelPacer | None = None, lease: timedelta = SEND_LEASE) -> None:
        self._sessions = sessions
        self._client = client
        self._clock = clock
        self._sleep = sleep
        self._pacer = pacer or ChannelPacer()
        self._lease = lease

    def deliver_due(self, limit: int = 200) -> DeliveryReport:
        """One pass over the due rows; rows of a paced channel wait for a later pass."""
        report = DeliveryReport()
        now = self._clock()
        with transaction(self._sessions) as session:
            report.recovered = outbox.requeue_stale(session, now - self._lease, now)
            rows = outbox.due(session, now, limit)
        if report.recovered:
            log.warning("%d messages were interrupted mid-send; checking Slack before resending",
                        report.recovered)
        for row in rows:
            self._deliver(row, report)
        return report

    def drain(self, max_wait: float = 120.0) -> DeliveryReport:
        """Pass after pass, sleeping out pacing and retry delays, until nothing is due within
        `max_wait` seconds (what `poll --once` uses to finish its cycle's messages)."""
        total = DeliveryReport()
        while True:
            report = self.deliver_due()
            total.add(report)
            wake = self._next_wake(bool(report.progressed))
            if wake is None:
                return total
            delay = (wake - self._clock()).total_seconds()
            if delay > max_wait:
                return total
            if delay > 0:
                self._sleep(delay)

    def _next_wake(self, progressed: bool) -> datetime | None:
        now = self._clock()
        with transaction(self._sessions) as session:
            due_at = outbox.next_due_at(session)
        if due_at is None:
            return None
        if due_at <= now and progressed:
            return now
        times = [t for t in (self._pacer.next_ready(now), due_at) if t is not None and t > now]
        return min(times, default=None)

    def _deliver(self, row: OutboxRow, report: DeliveryReport) -> None:
        if not self._pacer.ready(row.channel, self._clock()):
            report.deferred += 1
            return
        with transaction(self._sessions) as session:
            if outbox.earlier_open(session, row):
                report.deferred += 1
                return
            thread = None
            if row.kind in THREADED_KINDS:
                thread = outbox.thread_of(session, row.deal_key or "", row.channel)
                if thread is None:
                    self._fail_orphan(session, row, report)
                    return
            if not outbox.claim(session, row.id, self._clock()):
                return
        self._attempt(row, thread.ts if thread else None, report)

    def _fail_orphan(self, session: Session, row: OutboxRow, report: DeliveryReport) -> None:
        """A reply whose deal post never made it to the channel cannot go anywhere."""
        reason = "no deal post to reply to: " + outbox.root_error(session, row.deal_key or "",
                                                                   row.channel)
        log.error("message %s to %s failed: %s", row.idem_key, row.channel, reason)
        outbox.mark_failed(session, row.id, reason)
        report.failed += 1

    def _attempt(self, row: OutboxRow, thread_ts: str | None, report: DeliveryReport) -> None:
        try:
            message = outgoing(row)
        except (SlackClientError, KeyError, TypeError, ValueError) as exc:
            self._on_error(row, Outcome(Kind.PERMANENT, f"could not render: {exc}"[:300]), report)
            return
        try:
            ts = find_posted(self._client, row, thread_ts) if row.uncertain else None
            if ts is None:
                self._pacer.wrote(row.channel, self._clock())
                ts = send(self._client, row, message, thread_ts)
            else:
                report.found += 1
        except (SlackClientError, *CONNECTION_ERRORS) as exc:
            self._on_error(row, classify(exc, self._clock()), report)
            return
        self._mark_sent(row, ts)
        report.sent += 1

    def _mark_sent(self, row: OutboxRow, ts: str) -> None:
        with transaction(self._sessions) as session:
            outbox.mark_sent(session, row.id, ts, self._clock())
            if row.kind in RECORDS_THREAD and row.deal_key and row.story_id:
                outbox.record_thread(session, row.deal_key, row.channel, ts,
                                     str(row.payload.get("status")), row.story_id)

    def _on_error(self, row: OutboxRow, outcome: Outcome, report: DeliveryReport) -> None:
        now = self._clock()
        attempts = row.attempts + 1
        permanent = outcome.kind is Kind.PERMANENT or (
            outcome.kind is Kind.UNKNOWN and attempts >= UNKNOWN_ERROR_ATTEMPTS)
        expired = now - row.created_at > GIVE_UP_AFTER
        with transaction(self._sessions) as session:
            if permanent or expired:
                reason = outcome.reason if permanent else f"gave up: {outcome.reason}"
                log.error("message %s to %s failed: %s", row.idem_key, row.channel, reason)
                outbox.mark_failed(session, row.id, reason)
                report.failed += 1
                return
            until = now + self._delay(outcome, attempts)
            if outcome.kind is Kind.RATE_LIMITED:
                self._pacer.hold(row.channel, until)
                report.rate_limited += 1
            else:
                report.retried += 1
            log.warning("message %s to %s retried at %s: %s", row.idem_key, row.channel,
                        until.isoformat(timespec="seconds"), outcome.reason)
            outbox.retry_later(session, row.id, until, outcome.reason,
                               uncertain=outcome.kind is Kind.UNCERTAIN)

    @staticmethod
    def _delay(outcome: Outcome, attempts: int) -> timedelta:
        if outcome.kind is Kind.RATE_LIMITED:
            return timedelta(seconds=outcome.wait_seconds)
        return timedelta(seconds=min(MAX_BACKOFF_SECONDS, 2 ** attempts))
