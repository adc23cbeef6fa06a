"""Finding a message that an uncertain attempt may already have posted, by its metadata.

Read-only Web API calls (`conversations.history` / `.replies` with `include_all_metadata`), so
looking is always safe; only when the message is not found is it posted again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from slack_sdk import WebClient

from briefings.briefing import MessageKind
from briefings.store.tables import OutboxRow

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 5


def find_posted(client: WebClient, row: OutboxRow, thread_ts: str | None) -> str | None:
    """The `ts` of this row's message if Slack already holds it, else None.

    A root edit is never looked for: repeating `chat.update` with the same content is harmless.
    """
    if row.kind == MessageKind.EDIT_ROOT.value:
        return None
    for message in _messages(client, row.channel, thread_ts):
        if _is_for(message, row):
            log.info("found %s already posted in %s as %s", row.idem_key, row.channel,
                     message.get("ts"))
            return str(message["ts"])
    return None


def _is_for(message: dict[str, Any], row: OutboxRow) -> bool:
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    if payload.get("outbox_key") == row.idem_key:
        return True
    return (row.story_id is not None and payload.get("story_id") == row.story_id
            and payload.get("kind") == row.kind and payload.get("deal_key") == row.deal_key)


def _messages(client: WebClient, channel: str, thread_ts: str | None
              ) -> Iterator[dict[str, Any]]:
    """Newest history (or the whole thread), a bounded number of pages."""
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        if thread_ts:
            page = client.conversations_replies(channel=channel, ts=thread_ts, cursor=cursor,
                                                limit=PAGE_SIZE, include_all_metadata=True)
        else:
            page = client.conversations_history(channel=channel, cursor=cursor,
                                                limit=PAGE_SIZE, include_all_metadata=True)
        yield from page.get("messages") or []
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not page.get("has_more") or not cursor:
            return
