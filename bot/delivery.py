"""Delivery: send due outbox messages to Slack, mark them sent with their `ts`, or retry later.

Each message is claimed (`sending`) in its own transaction before the call and marked after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.render.briefing import SlackMessage, render
from briefings.briefing import Briefing, MessageKind
from briefings.store import outbox
from briefings.store.database import transaction
from briefings.store.tables import OutboxRow

log = logging.getLogger(__name__)

PERMANENT_ERRORS = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "invalid_blocks", "invalid_auth",
    "account_inactive", "token_revoked", "msg_too_long", "no_text", "invalid_metadata_format",
    "message_not_found", "cant_update_message", "missing_scope", "restricted_action",
})
MAX_ATTEMPTS = 8
WAIT_FOR_ROOT = timedelta(seconds=5)


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


class Deliverer:
    """Sends what the outbox holds, in planning order."""

    def __init__(self, sessions: sessionmaker[Session], client: WebClient,
                 clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._client = client
        self._clock = clock

    def deliver_due(self, limit: int = 200) -> DeliveryReport:
        report = DeliveryReport()
        with transaction(self._sessions) as session:
            rows = outbox.due(session, self._clock(), limit)
        for row in rows:
            self._deliver(row, report)
        return report

    def _deliver(self, row: OutboxRow, report: DeliveryReport) -> None:
        with transaction(self._sessions) as session:
            thread = outbox.thread_of(session, row.deal_key or "", row.channel)
            needs_root = row.kind != MessageKind.NEW_DEAL.value
            if needs_root and thread is None and outbox.threaded_channels(
                    session, row.deal_key or "") >= {row.channel}:
                outbox.retry_later(session, row.id, WAIT_FOR_ROOT, "waiting for the deal's post",
                                   self._clock())
                return
            if not outbox.claim(session, row.id):
                return
        if row.kind == MessageKind.DIGEST.value:
            self._deliver_digest(row, report)
            return
        briefing = Briefing.from_json(row.payload)
        try:
            ts = self._send(row, render(briefing), thread.ts if thread else None)
        except SlackApiError as exc:
            self._on_error(row, str(exc.response.get("error")), exc.response.status_code, report)
            return
        except SlackClientError as exc:
            self._on_error(row, f"{type(exc).__name__}: {exc}", None, report)
            return
        with transaction(self._sessions) as session:
            outbox.mark_sent(session, row.id, ts, self._clock())
            if row.kind in (MessageKind.NEW_DEAL.value, MessageKind.EDIT_ROOT.value):
                outbox.record_thread(session, briefing.deal_key, row.channel,
                                     ts, briefing.status.value, briefing.story_id)
        report.sent += 1

    def _deliver_digest(self, row: OutboxRow, report: DeliveryReport) -> None:
        """Digests are rendered when planned (a snapshot of the week); send them as they are."""
        try:
            response = self._client.chat_postMessage(
                channel=row.channel, text=row.payload["text"], blocks=row.payload["blocks"],
                unfurl_links=False, unfurl_media=False)
        except SlackApiError as exc:
            self._on_error(row, str(exc.response.get("error")), exc.response.status_code, report)
            return
        except SlackClientError as exc:
            self._on_error(row, f"{type(exc).__name__}: {exc}", None, report)
            return
        with transaction(self._sessions) as session:
            outbox.mark_sent(session, row.id, str(response["ts"]), self._clock())
        report.sent += 1

    def _send(self, row: OutboxRow, message: SlackMessage, thread_ts: str | None) -> str:
        if row.kind == MessageKind.EDIT_ROOT.value and thread_ts:
            response = self._client.chat_update(
                channel=row.channel, ts=thread_ts, text=message.text, blocks=message.blocks,
                parse="none", metadata=message.metadata)
        else:
            response = self._client.chat_postMessage(
                channel=row.channel, text=message.text, blocks=message.blocks,
                thread_ts=thread_ts, reply_broadcast=message.broadcast or None,
                unfurl_links=False, unfurl_media=False, metadata=message.metadata)
        return str(response["ts"])

    def _on_error(self, row: OutboxRow, error: str, status: int | None,
                  report: DeliveryReport) -> None:
        now = self._clock()
        with transaction(self._sessions) as session:
            if error in PERMANENT_ERRORS or row.attempts + 1 >= MAX_ATTEMPTS:
                log.error("message %s to %s failed for good: %s", row.idem_key, row.channel, error)
                outbox.mark_failed(session, row.id, error)
                report.failed += 1
                return
            delay = timedelta(seconds=min(600, 2 ** (row.attempts + 1)))
            log.warning("message %s to %s will be retried in %s: %s (HTTP %s)",
                        row.idem_key, row.channel, delay, error, status)
            outbox.retry_later(session, row.id, delay, error, now)
            report.retried += 1
