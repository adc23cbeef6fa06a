"""The delivery loops: passes over the channels with due messages, paced per channel, recovering
rows a crash left in `sending`; `deliver_due` for the clock's ticks, `drain` for `poll --once`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.pacing import ChannelPacer
from bot.delivery.policy import SEND_LEASE
from bot.delivery.report import DeliveryReport
from bot.delivery.rows import RowSender
from bot.delivery.token_pause import TokenPause
from briefings.store import outbox
from briefings.store.database import transaction

log = logging.getLogger(__name__)

PACING_BUDGET = 8.0  # seconds deliver_due may sleep for pacing: under the clock's 10 s tick


class Deliverer:
    """Sends what the outbox holds, in planning order, paced per channel."""

    def __init__(self, sessions: sessionmaker[Session], client: WebClient,
                 clock: Callable[[], datetime], *, sleep: Callable[[float], object] | None = None,
                 pacer: ChannelPacer | None = None, lease: timedelta = SEND_LEASE,
                 stopping: threading.Event | None = None) -> None:
        """`stopping`: an event a signal handler may set before this deliverer exists (see
        `stop`); a fresh one by default."""
        self._sessions = sessions
        self._client = client
        self._clock = clock
        self._stopping = stopping or threading.Event()
        self._sleep = sleep or self._stopping.wait
        self._pacer = pacer or ChannelPacer()
        self._lease = lease
        self.token = TokenPause(sessions, client, clock)
        self._rows = RowSender(sessions, client, clock, self._pacer, self.token)
        self._lock = threading.Lock()
        self._busy: set[str] = set()

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
        if not self.token.ready():
            return report
        now = self._clock()
        with transaction(self._sessions) as session:
            report.recovered = outbox.requeue_stale(session, now - self._lease, now)
            channels = outbox.due_channels(session, now)
        if report.recovered:
            log.warning("%d messages were interrupted mid-send; checking Slack before resending",
                        report.recovered)
        for channel in channels:
            if self.token.paused:
                break
            if self._take(channel):
                try:
                    self._deliver_channel(channel, now, limit, report)
                finally:
                    self._release(channel)
        return report

    def _take(self, channel: str) -> bool:
        """One thread per channel at a time (the clock's poll and deliver jobs share this
        deliverer), so pacing and thread order hold; a busy channel is left to its thread."""
        with self._lock:
            if channel in self._busy:
                return False
            self._busy.add(channel)
            return True

    def _release(self, channel: str) -> None:
        with self._lock:
            self._busy.discard(channel)

    def _deliver_channel(self, channel: str, now: datetime, limit: int,
                         report: DeliveryReport) -> None:
        with transaction(self._sessions) as session:
            rows = outbox.due(session, now, limit, channel=channel)
        for row in rows:
            if self._stopping.is_set() or self.token.paused:
                return
            if not self._pacer.ready(channel, self._clock()):
                report.deferred += 1
                return
            self._rows.deliver(row, report)

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
