"""The delivery loop: claim a due outbox row, send it, mark it sent with its `ts`; or wait, check
and retry, or record why it failed.

Each row is claimed (`sending`) in its own transaction before the Slack call and marked after it.
A row an attempt may have posted (lost response, timeout, 5xx, crash) is marked `uncertain`, and
its next attempt first looks for it in Slack by metadata.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.messages import THREADED_KINDS, outgoing, send
from bot.delivery.outcomes import CONNECTION_ERRORS, Kind, Outcome, classify
from bot.delivery.pacing import ChannelPacer
from bot.delivery.policy import decide
from bot.delivery.reconcile import find_posted
from bot.delivery.report import DeliveryReport
from briefings.briefing import MessageKind
from briefings.store import outbox
from briefings.store.database import transaction
from briefings.store.tables import OutboxRow

log = logging.getLogger(__name__)

SEND_LEASE = timedelta(seconds=60)  # longer than any HTTP timeout: older `sending` rows crashed
PACING_BUDGET = 20.0  # seconds deliver_due may sleep for pacing before leaving the rest
RECORDS_THREAD = (MessageKind.NEW_DEAL.value, MessageKind.EDIT_ROOT.value)


class Deliverer:
    """Sends what the outbox holds, in planning order, paced per channel."""

    def __init__(self, sessions: sessionmaker[Session], client: WebClient,
                 clock: Callable[[], datetime], *, sleep: Callable[[float], object] | None = None,
                 pacer: ChannelPacer | None = None, lease: timedelta = SEND_LEASE) -> None:
        self._sessions = sessions
        self._client = client
        self._clock = clock
        self._stopping = threading.Event()
        self._sleep = sleep or self._stopping.wait
        self._pacer = pacer or ChannelPacer()
        self._lease = lease

    def stop(self) -> None:
        """Finish the message in flight, then return (for SIGTERM): the rest stay pending."""
        self._stopping.set()

    def deliver_due(self, limit: int = 50, budget: float = PACING_BUDGET) -> DeliveryReport:
        """Deliver what is due now: passes over the channels repeat while a paced channel still
        has due messages, sleeping out the pacing for up to `budget` seconds in all. A clock that
        did not move during a pass (a test's frozen clock) ends it after one pass."""
        total = DeliveryReport()
        while not self._stopping.is_set():
            started = self._clock()
            report = self._pass(limit)
            total.add(report)
            gate = self._pacer.next_ready(self._clock()) if report.deferred else None
            if gate is None or self._clock() == started:
                break
            wait = (gate - self._clock()).total_seconds()
            if wait > budget:
                break
            self._sleep(wait)
            budget -= wait
        return total

    def _pass(self, limit: int) -> DeliveryReport:
        """Each channel with due rows, in planning order, as far as its pacing allows."""
        report = DeliveryReport()
        now = self._clock()
        with transaction(self._sessions) as session:
            report.recovered = outbox.requeue_stale(session, now - self._lease, now)
            channels = outbox.due_channels(session, now)
        if report.recovered:
            log.warning("%d messages were interrupted mid-send; checking Slack before resending",
                        report.recovered)
        for channel in channels:
            self._deliver_channel(channel, now, limit, report)
        return report

    def _deliver_channel(self, channel: str, now: datetime, limit: int,
                         report: DeliveryReport) -> None:
        with transaction(self._sessions) as session:
            rows = outbox.due(session, now, limit, channel=channel)
        for row in rows:
            if self._stopping.is_set():
                return
            if not self._pacer.ready(channel, self._clock()):
                report.deferred += 1
                return
            self._deliver(row, report)

    def drain(self, max_wait: float = 120.0) -> DeliveryReport:
        """Pass after pass, sleeping out pacing and retry delays, until nothing is due within
        `max_wait` seconds (what `poll --once` uses to finish its cycle's messages)."""
        total = DeliveryReport()
        while not self._stopping.is_set():
            report = self._pass(limit=50)
            total.add(report)
            wake = self._next_wake(bool(report.progressed))
            if wake is None:
                return total
            delay = (wake - self._clock()).total_seconds()
            if delay > max_wait:
                return total
            if delay > 0:
                self._sleep(delay)
        return total

    def _next_wake(self, progressed: bool) -> datetime | None:
        """When the next pass can do something: now (if the last one did), when a paced channel
        opens, or when a retry falls due; None when nothing is pending."""
        now = self._clock()
        with transaction(self._sessions) as session:
            first, later = outbox.next_due_at(session), outbox.next_due_at(session, after=now)
        if first is None:
            return None
        if first <= now and progressed:
            return now
        return min((t for t in (self._pacer.next_ready(now), later) if t is not None),
                   default=None)

    def _deliver(self, row: OutboxRow, report: DeliveryReport) -> None:
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
        except Exception as exc:  # a rendering bug or a bad payload must not stop the queue
            log.exception("could not render %s", row.idem_key)
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
        decision = decide(outcome, row.attempts + 1, row.created_at, now)
        with transaction(self._sessions) as session:
            if decision.failed is not None:
                log.error("message %s to %s failed: %s", row.idem_key, row.channel,
                          decision.failed)
                outbox.mark_failed(session, row.id, decision.failed)
                report.failed += 1
                return
            assert decision.retry_at is not None
            if decision.hold_channel:
                self._pacer.hold(row.channel, decision.retry_at)
                report.rate_limited += 1
            else:
                report.retried += 1
            log.warning("message %s to %s retried at %s: %s", row.idem_key, row.channel,
                        decision.retry_at.isoformat(timespec="seconds"), outcome.reason)
            outbox.retry_later(session, row.id, decision.retry_at, outcome.reason,
                               uncertain=decision.uncertain)
