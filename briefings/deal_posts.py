"""The Slack messages a merge or a split plans in a deal's posts, through the outbox: an edit of
the deal's top-level post, a note in its thread, and a merged deal's old post pointing at the
thread it lives on in.

Each idempotency key names the deal and a `tag` for the change (`merge:<source>`,
`split:<new deal>`), which happens once, so keys never collide with the pipeline's own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from briefings.briefing import Briefing, MessageKind, make_briefing
from briefings.models import Deal, Status
from briefings.regrouping import Told
from briefings.store.outbox import enqueue_payload


def edit_root(session: Session, deal: Deal, lead: Told, channel: str,
              previous: Status | None, tag: str, now: datetime) -> None:
    """chat.update of the deal's post in `channel` to show the deal as it now is."""
    story, verdict = lead
    briefing = make_briefing(MessageKind.EDIT_ROOT, deal, story, verdict, previous)
    kind = MessageKind.EDIT_ROOT
    enqueue_payload(session, f"{kind.value}|{deal.key}|{tag}|{channel}", kind, channel,
                    briefing.to_json(), now, deal_key=deal.key, story_id=story.id)


def edit_shown(session: Session, deal: Deal, shown: Briefing, channel: str,
               previous: Status | None, tag: str, now: datetime) -> None:
    """chat.update of the deal's post in `channel`, keeping the story it shows, to show the
    deal as it now is (a merge joins parties and may change the status or the call)."""
    call = deal.set_by is not None
    briefing = replace(
        shown, kind=MessageKind.EDIT_ROOT, deal_key=deal.key, status=deal.status,
        previous_status=previous, parties=deal.parties, chips=deal.chips, subject=deal.subject,
        set_by=deal.set_by.name if deal.set_by else None,
        call_reason=shown.call_reason if call else "", replaces="")
    kind = MessageKind.EDIT_ROOT
    enqueue_payload(session, f"{kind.value}|{deal.key}|{tag}|{channel}", kind, channel,
                    briefing.to_json(), now, deal_key=deal.key, story_id=briefing.story_id)


def note(session: Session, deal_key: str, channel: str, text: str, tag: str,
         now: datetime) -> None:
    """A reply in the deal's thread, in the bot's words (escaped when rendered)."""
    kind = MessageKind.NOTE
    enqueue_payload(session, f"{kind.value}|{deal_key}|{tag}|{channel}", kind, channel,
                    {"text": text}, now, deal_key=deal_key)


def pointer(session: Session, deal_key: str, channel: str, ts: str, text: str, tag: str,
            now: datetime) -> None:
    """chat.update of the post at `ts` (a merged deal's) to point at `deal_key`'s thread here.
    The row is the surviving deal's, so it waits for that deal's post in the channel."""
    kind = MessageKind.MERGED_ROOT
    enqueue_payload(session, f"{kind.value}|{deal_key}|{tag}|{channel}", kind, channel,
                    {"ts": ts, "text": text}, now, deal_key=deal_key)
