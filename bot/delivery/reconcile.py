"""Finding a message that an uncertain attempt may already have posted, by its metadata.

Read-only Web API calls (`conversations.history` / `.replies` with `include_all_metadata`), so
looking is always safe; only when the message is surely absent is it posted again. The lookup
stays inside what Slack allows every app, including the non-Marketplace regime of 1 read a
minute and 15 messages a page (https://docs.slack.dev/reference/methods/conversations.history):
it asks only for the window around the attempts' claims (`oldest` a minute before the first
that may have posted, `latest` a minute after the last one's send lease, `inclusive`), 15 to a
page: with the flood caps holding a channel to a dozen new posts an hour, one page normally
suffices.

A bot reads only channels it is a member of (`not_in_channel` otherwise, although
`chat:write.public` let it post there): the lookup then joins the public channel
(https://docs.slack.dev/reference/methods/conversations.join) and reads again. A lookup that
still cannot read, or runs out of pages, is `unverified`: never "absent", so it can never cause
a second post.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.delivery.messages import UPDATE_KINDS
from bot.delivery.outcomes import api_error_code
from bot.delivery.policy import SEND_LEASE
from briefings.outbox_values import OutboxMessage

log = logging.getLogger(__name__)

PAGE_SIZE = 15  # the most the non-Marketplace regime returns
MAX_PAGES = 3
SKEW = timedelta(minutes=1)  # our clock against Slack's
SEND_WINDOW = SEND_LEASE  # a send's message lands within its claim's lease, or it is dead
UNREADABLE = frozenset({"not_in_channel", "channel_not_found", "missing_scope",
                        "thread_not_found", "is_archived", "no_permission",
                        "restricted_action", "method_not_supported_for_channel_type"})


@dataclass(frozen=True, slots=True)
class Lookup:
    """What Slack showed: the message's `ts`, surely absent, or `unverified` with why."""

    ts: str | None = None
    unverified: str | None = None

    @property
    def absent(self) -> bool:
        return self.ts is None and self.unverified is None


def find_posted(client: WebClient, row: OutboxMessage, thread_ts: str | None) -> Lookup:
    """Look for this row's message around its last claim. Raises the Slack or connection error
    of a read that may succeed later (429, 5xx, timeout, a token problem)."""
    if row.kind in UPDATE_KINDS and thread_ts is not None:
        return Lookup()  # repeating chat.update with the same content is harmless
    last = row.last_claimed_at or row.created_at
    window = _window(min(row.uncertain_since or last, last), last)
    try:
        return _search(client, row, thread_ts, window)
    except SlackApiError as exc:
        code = api_error_code(exc)
        if code == "not_in_channel" and _joined(client, row.channel):
            return _search(client, row, thread_ts, window)
        if code in UNREADABLE:
            return _unreadable(row, code)
        raise


def _unreadable(row: OutboxMessage, code: str) -> Lookup:
    reason = f"unverified: may be posted, but the bot cannot read {row.channel} ({code})"
    log.error("message %s: %s", row.idem_key, reason)
    return Lookup(unverified=reason)


def _joined(client: WebClient, channel: str) -> bool:
    try:
        client.conversations_join(channel=channel)
    except SlackApiError as exc:
        log.warning("could not join %s to look for a message: %s", channel, api_error_code(exc))
        return False
    log.info("joined %s to look for a message there", channel)
    return True


def _window(first: datetime, last: datetime) -> tuple[str, str]:
    """From a minute before the first claim that may have posted to the latest's end."""
    oldest, latest = first - SKEW, last + SEND_WINDOW + SKEW
    return f"{oldest.timestamp():.6f}", f"{latest.timestamp():.6f}"


def _search(client: WebClient, row: OutboxMessage, thread_ts: str | None,
            window: tuple[str, str]) -> Lookup:
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        page = _page(client, row.channel, thread_ts, window, cursor)
        for message in page.get("messages") or []:
            if _is_for(message, row):
                log.info("found %s already posted in %s as %s", row.idem_key, row.channel,
                         message.get("ts"))
                return Lookup(ts=str(message["ts"]))
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not page.get("has_more") or not cursor:
            return Lookup()
    reason = f"unverified: more than {MAX_PAGES * PAGE_SIZE} messages around the attempt"
    log.error("message %s: %s", row.idem_key, reason)
    return Lookup(unverified=reason)


def _page(client: WebClient, channel: str, thread_ts: str | None, window: tuple[str, str],
          cursor: str | None) -> SlackResponse:
    oldest, latest = window
    if thread_ts:
        return client.conversations_replies(
            channel=channel, ts=thread_ts, oldest=oldest, latest=latest, inclusive=True,
            limit=PAGE_SIZE, cursor=cursor, include_all_metadata=True)
    return client.conversations_history(
        channel=channel, oldest=oldest, latest=latest, inclusive=True, limit=PAGE_SIZE,
        cursor=cursor, include_all_metadata=True)


def _is_for(message: dict[str, Any], row: OutboxMessage) -> bool:
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    if payload.get("outbox_key") == row.idem_key:
        return True
    return (row.story_id is not None and payload.get("story_id") == row.story_id
            and payload.get("kind") == row.kind and payload.get("deal_key") == row.deal_key)
