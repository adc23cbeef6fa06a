"""One outbox row's delivery: claim it, send it, mark it sent with its `ts`; or wait, check and
retry, or record why it failed.

Each row is claimed (`sending`) in its own transaction before the Slack call and marked after it.
A row an attempt may have posted (lost response, timeout, 5xx, crash) is marked `uncertain`, and
its next attempt first looks for it in Slack by metadata. A lookup Slack refuses for the moment
(429) waits for the workspace's read gate; one that cannot be done at all leaves the row
`unverified`, never posted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.messages import THREADED_KINDS, as_new_root, outgoing, send
from bot.delivery.outcomes import CONNECTION_ERRORS, Kind, Outcome, classify
from bot.delivery.pacing import ChannelPacer
from bot.delivery.policy import decide
from bot.delivery.read_gate import ReadGate
from bot.delivery.reconcile import Lookup, find_posted
from bot.delivery.report import DeliveryReport
from bot.delivery.token_pause import TokenPause
from briefings.briefing import MessageKind
from briefings.outbox_values import OutboxMessage
from briefings.store import outbox
from briefings.store.database import transaction

log = logging.getLogger(__name__)

RECORDS_THREAD = (MessageKind.NEW_DEAL.value, MessageKind.EDIT_ROOT.value)


class RowSender:
    """Delivers single rows, keeping thread order and the channel's pacing."""

    def __init__(self, sessions: sessionmaker[Session], client: WebClient,
                 clock: Callable[[], datetime], pacer: ChannelPacer,
                 token: TokenPause, reads: ReadGate | None = None) -> None:
        self._sessions = sessions
        self._client = client
        self._clock = clock
        self._pacer = pacer
        self._token = token
        self._reads = reads or ReadGate()

    def deliver(self, row: OutboxMessage, report: DeliveryReport) -> None:
        """Send one due row unless an earlier message of its deal and channel is unsent."""
        with transaction(self._sessions) as session:
            if outbox.earlier_open(session, row):
                report.deferred += 1
                return
            if row.uncertain and not self._reads.open(self._clock()):
                assert self._reads.until is not None
                outbox.postpone(session, row.id, self._reads.until)
                report.postponed += 1
                return
            thread, new_root = None, False
            if row.kind in THREADED_KINDS:
                thread = outbox.thread_of(session, row.deal_key or "", row.channel)
                new_root = (thread is None and row.kind != MessageKind.MERGED_ROOT.value
                            and outbox.root_was_posted(session, row.deal_key or "", row.channel))
                if thread is None and not new_root:
                    self._fail_orphan(session, row, report)
                    return
            if not outbox.claim(session, row.id, self._clock()):
                return
        self._attempt(row, thread.ts if thread else None, report, new_root=new_root)

    def _fail_orphan(self, session: Session, row: OutboxMessage, report: DeliveryReport) -> None:
        """A reply whose deal post never made it to the channel cannot go anywhere."""
        reason = "no deal post to reply to: " + outbox.root_error(session, row.deal_key or "",
                                                                   row.channel)
        log.error("message %s to %s failed: %s", row.idem_key, row.channel, reason)
        outbox.mark_failed(session, row.id, reason)
        report.failed += 1

    def _attempt(self, row: OutboxMessage, thread_ts: str | None, report: DeliveryReport,
                 *, new_root: bool = False) -> None:
        """Send (after looking, if uncertain). `new_root`: the deal's post here was deleted, so
        this message goes top-level, says so, and becomes the deal's post."""
        try:
            message = as_new_root(outgoing(row)) if new_root else outgoing(row)
        except Exception as exc:  # a rendering bug or a bad payload must not stop the queue
            log.exception("could not render %s", row.idem_key)
            self._on_error(row, Outcome(Kind.PERMANENT, f"could not render: {exc}"[:300]), report)
            return
        lookup = self._look(row, thread_ts, report) if row.uncertain else Lookup()
        if lookup is None:
            return
        if lookup.unverified is not None:
            with transaction(self._sessions) as session:
                outbox.mark_unverified(session, row.id, lookup.unverified)
            report.unverified += 1
            return
        if lookup.ts is not None:
            report.found += 1
            ts = lookup.ts
        else:
            try:
                self._pacer.wrote(row.channel, self._clock())
                ts = send(self._client, row, message, thread_ts)
            except (SlackClientError, *CONNECTION_ERRORS) as exc:
                self._on_error(row, classify(exc, self._clock()), report)
                return
        self._mark_sent(row, ts, new_root)
        report.sent += 1

    def _look(self, row: OutboxMessage, thread_ts: str | None,
              report: DeliveryReport) -> Lookup | None:
        """The lookup, or None when it must wait (the row is rescheduled)."""
        try:
            return find_posted(self._client, row, thread_ts)
        except (SlackClientError, *CONNECTION_ERRORS) as exc:
            self._on_read_error(row, classify(exc, self._clock()), report)
            return None

    def _on_read_error(self, row: OutboxMessage, outcome: Outcome,
                       report: DeliveryReport) -> None:
        """A lookup that may work later: a 429 closes the read gate for the workspace (the
        channel's other messages go on); giving up leaves the row unverified, not failed."""
        if outcome.kind is Kind.TOKEN:
            self._keep_for_token(row, outcome, report)
            return
        now = self._clock()
        decision = decide(outcome, row.attempts + 1, row.created_at, now)
        with transaction(self._sessions) as session:
            if decision.failed is not None:
                reason = f"unverified: could not look for it in Slack: {decision.failed}"
                log.error("message %s to %s: %s", row.idem_key, row.channel, reason)
                outbox.mark_unverified(session, row.id, reason)
                report.unverified += 1
                return
            assert decision.retry_at is not None
            if outcome.kind is Kind.RATE_LIMITED:
                self._reads.close_until(decision.retry_at)
                report.rate_limited += 1
            else:
                report.retried += 1
            log.warning("lookup of %s in %s retried at %s: %s", row.idem_key, row.channel,
                        decision.retry_at.isoformat(timespec="seconds"), outcome.reason)
            outbox.retry_later(session, row.id, decision.retry_at, outcome.reason,
                               uncertain=True)

    def _mark_sent(self, row: OutboxMessage, ts: str, new_root: bool = False) -> None:
        with transaction(self._sessions) as session:
            outbox.mark_sent(session, row.id, ts, self._clock())
            if (row.kind in RECORDS_THREAD or new_root) and row.deal_key and row.story_id:
                outbox.record_thread(session, row.deal_key, row.channel, ts,
                                     str(row.payload.get("status")), row.story_id)

    def _keep_for_token(self, row: OutboxMessage, outcome: Outcome,
                        report: DeliveryReport) -> None:
        """Back to pending as it was (the attempt not counted): the token, not the message, is
        at fault."""
        with transaction(self._sessions) as session:
            outbox.unclaim(session, row.id)
        report.paused += 1
        self._token.pause(outcome.reason)

    def _forget_deleted_root(self, row: OutboxMessage, report: DeliveryReport) -> None:
        """chat.update found the deal's post deleted: forget the thread and give the edit back,
        so it goes out as the deal's new post, saying the earlier one was removed."""
        log.warning("the post of deal %s in %s was deleted in Slack; its next message starts "
                    "a new thread", row.deal_key, row.channel)
        with transaction(self._sessions) as session:
            outbox.forget_thread(session, row.deal_key or "", row.channel)
            outbox.unclaim(session, row.id)
        report.retried += 1

    def _on_error(self, row: OutboxMessage, outcome: Outcome, report: DeliveryReport) -> None:
        if outcome.kind is Kind.TOKEN:
            self._keep_for_token(row, outcome, report)
            return
        if outcome.kind is Kind.ROOT_DELETED and row.kind == MessageKind.EDIT_ROOT.value:
            self._forget_deleted_root(row, report)
            return
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
