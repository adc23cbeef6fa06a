"""One outbox row as the Slack call that delivers it: briefings are rendered here, digests arrive
pre-rendered, and both go through the same post/update path."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.delivery.outcomes import api_error_code
from bot.render.briefing import SECTION_MAX, render
from bot.render.escape import fit, link
from bot.render.follow_dm import EVENT_TYPE as FOLLOW_DM_EVENT_TYPE
from bot.render.follow_dm import follow_dm_blocks, follow_dm_text
from bot.render.rollup import EVENT_TYPE as ROLLUP_EVENT_TYPE
from bot.render.rollup import fallback_text, rollup_blocks
from briefings.briefing import Briefing, MessageKind
from briefings.follow_dms import FollowDm
from briefings.outbox_values import OutboxMessage
from briefings.rollup import Rollup

log = logging.getLogger(__name__)

DIGEST_EVENT_TYPE = "deal_digest"
NOTE_EVENT_TYPE = "deal_note"
POINTER_EVENT_TYPE = "deal_pointer"
THREAD_LINK = "Open the deal's thread"
REMOVED_NOTE = ("The earlier post about this deal was removed from this channel, so this "
                "message starts a new thread for it.")
THREADED_KINDS = frozenset({MessageKind.REPORT.value, MessageKind.STATUS_CHANGE.value,
                            MessageKind.EDIT_ROOT.value, MessageKind.NOTE.value,
                            MessageKind.MERGED_ROOT.value})
# chat.update of a post we made: repeating one is harmless, so an uncertain one is not looked up
UPDATE_KINDS = frozenset({MessageKind.EDIT_ROOT.value, MessageKind.MERGED_ROOT.value})


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message ready to send: escaped, within limits, JSON-ready."""

    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any]
    broadcast: bool = False


def outgoing(row: OutboxMessage) -> Outgoing:
    """Render a row. Metadata always carries the row's idempotency key, so an uncertain send can
    be recognised in Slack later. Raises SlackObjectFormationError on invalid blocks."""
    if row.kind == MessageKind.DIGEST.value:
        return _digest(row)
    if row.kind in (MessageKind.NOTE.value, MessageKind.MERGED_ROOT.value):
        return _note(row)
    if row.kind == MessageKind.ROLLUP.value:
        return _rollup(row)
    if row.kind == MessageKind.FOLLOW_DM.value:
        return _follow_dm(row)
    message = render(Briefing.from_json(row.payload))
    given = message.metadata.to_dict()
    metadata = _metadata(row, given["event_type"], given["event_payload"])
    return Outgoing(message.text, message.blocks_json(), metadata, message.broadcast)


def _digest(row: OutboxMessage) -> Outgoing:
    given = row.payload.get("metadata") or {}
    metadata = _metadata(row, given.get("event_type", DIGEST_EVENT_TYPE),
                         given.get("event_payload", {}))
    return Outgoing(str(row.payload["text"]), list(row.payload["blocks"]), metadata)


def _note(row: OutboxMessage) -> Outgoing:
    """A thread note, or a merged deal's old post pointing at the deal it was merged into: the
    core's plain words (which may quote a person's reason) escaped."""
    text = fit(str(row.payload["text"]), SECTION_MAX)
    block = SectionBlock(text=MarkdownTextObject(text=text, verbatim=True)).to_dict()
    event_type = NOTE_EVENT_TYPE if row.kind == MessageKind.NOTE.value else POINTER_EVENT_TYPE
    return Outgoing(text, [block], _metadata(row, event_type, {"deal_key": row.deal_key or ""}))


def _rollup(row: OutboxMessage) -> Outgoing:
    """The flood caps' roll-up, top-level in the channel, rendered and escaped from plain data."""
    rollup = Rollup.from_json(row.payload)
    blocks = [block.to_dict() for block in rollup_blocks(rollup)]
    metadata = _metadata(row, ROLLUP_EVENT_TYPE, {"held_back": rollup.total})
    return Outgoing(fallback_text(rollup), blocks, metadata)


def _follow_dm(row: OutboxMessage) -> Outgoing:
    """A follower's DM; posted in the DM the deliverer opened (`bot.delivery.dm_channels`)."""
    dm = FollowDm.from_json(row.payload)
    blocks = [block.to_dict() for block in follow_dm_blocks(dm)]
    metadata = _metadata(row, FOLLOW_DM_EVENT_TYPE, {"deal_key": dm.deal_key})
    return Outgoing(follow_dm_text(dm), blocks, metadata)


def _metadata(row: OutboxMessage, event_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Message metadata whose payload also carries the row's idempotency key, by which an
    uncertain send is found in Slack later."""
    return {"event_type": event_type, "event_payload": {**payload, "outbox_key": row.idem_key}}


def as_new_root(message: Outgoing) -> Outgoing:
    """The message posted top-level in place of a deal post someone deleted, saying so."""
    note = ContextBlock(elements=[MarkdownTextObject(text=f"_{REMOVED_NOTE}_")]).to_dict()
    return Outgoing(f"{REMOVED_NOTE} {message.text}", [note, *message.blocks], message.metadata)


def send(client: WebClient, row: OutboxMessage, message: Outgoing, thread_ts: str | None) -> str:
    """Post (or, for a root edit with a root to edit, update) and return the message's `ts`.
    Never sets `link_names`; `parse="none"` on updates; link and media previews off so feed URLs
    cannot unfurl. A pointer updates the merged deal's old post (its `ts` in the payload) and
    links the thread at `thread_ts`."""
    if row.kind == MessageKind.MERGED_ROOT.value:
        message = with_thread_link(message, permalink(client, row.channel, thread_ts))
        thread_ts = str(row.payload["ts"])
    if row.kind in UPDATE_KINDS and thread_ts is not None:
        response = client.chat_update(
            channel=row.channel, ts=thread_ts, text=message.text, blocks=message.blocks,
            parse="none", metadata=message.metadata)
    else:
        response = client.chat_postMessage(
            channel=row.channel, text=message.text, blocks=message.blocks,
            thread_ts=thread_ts, reply_broadcast=message.broadcast or None,
            unfurl_links=False, unfurl_media=False, metadata=message.metadata)
    return str(response["ts"])


def permalink(client: WebClient, channel: str, ts: str | None) -> str | None:
    """chat.getPermalink for a post (https://docs.slack.dev/reference/methods/chat.getPermalink:
    `message_not_found` for a post that is gone). A refusal leaves the pointer without a link
    (its words name the deal); a connection error raises, as a send's would."""
    if ts is None:
        return None
    try:
        return str(client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
    except SlackApiError as exc:
        log.warning("no permalink for %s in %s: %s", ts, channel, api_error_code(exc))
        return None


def with_thread_link(message: Outgoing, url: str | None) -> Outgoing:
    """The message with a link to a thread under it (none without a URL)."""
    if url is None:
        return message
    block = ContextBlock(elements=[MarkdownTextObject(text=link(url, THREAD_LINK))]).to_dict()
    return Outgoing(message.text, [*message.blocks, block], message.metadata, message.broadcast)
