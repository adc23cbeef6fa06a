"""What Slack must show after a person's call on a deal: each channel's post of the deal edited
to the new status with "set by @name" (or to say it is not a deal), a note in each thread, and
the deal's first post in a channel whose filters want it only now.

Only the deal's top-level posts are edited: they carry the deal's badge and every later edit.
Broadcast status-change replies stay as they were sent, the record of what each story said at
the time; the thread note, last in the thread, says what the person changed and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from briefings.briefing import Briefing, MessageKind, make_briefing
from briefings.config import ChannelConfig
from briefings.models import Deal, StatusChange
from briefings.planning import PlannedMessage, wants
from briefings.regrouping import lead_story
from briefings.store import outbox
from briefings.store.regrouping import deal_stories


def plan_call(session: Session, before: Deal, after: Deal, change: StatusChange,
              change_id: int) -> int:
    """Plan the edit and the note for every channel with the deal's post; returns how many
    posts will be edited. Keys carry the history entry's id, so each call is planned once."""
    note = note_text(before, after, change)
    shown = outbox.shown_briefings(session, after.key)
    for channel, payload in shown.items():
        briefing = called_briefing(Briefing.from_json(payload), before, after, change)
        outbox.enqueue_payload(
            session, f"{MessageKind.EDIT_ROOT.value}|{after.key}|call-{change_id}|{channel}",
            MessageKind.EDIT_ROOT, channel, briefing.to_json(), change.at,
            deal_key=after.key, story_id=briefing.story_id)
        outbox.enqueue_payload(
            session, f"{MessageKind.NOTE.value}|{after.key}|call-{change_id}|{channel}",
            MessageKind.NOTE, channel, {"text": note}, change.at, deal_key=after.key)
    return len(shown)


def plan_new_posts(session: Session, channels: Sequence[ChannelConfig], after: Deal,
                   change: StatusChange) -> int:
    """A channel whose filters want the deal only now (a confirmed-only channel, once a person
    confirms a rumour) gets its post, as a story's confirmation would give it: the story that
    best shows the deal, with the person's call. Returns how many posts were planned."""
    rooted = outbox.threaded_channels(session, after.key)
    wanted = [c.id for c in channels
              if c.id not in rooted and not after.hidden and wants(c, after.status, after.parties)]
    lead = lead_story(after, deal_stories(session, after.key)) if wanted else None
    if lead is None:
        return 0
    story, verdict = lead
    briefing = replace(make_briefing(MessageKind.NEW_DEAL, after, story, verdict, None),
                       set_by=change.by.name if change.by else None, call_reason=change.reason)
    return sum(outbox.enqueue(session, PlannedMessage(MessageKind.NEW_DEAL, channel, briefing),
                              change.at) for channel in wanted)


def called_briefing(shown: Briefing, before: Deal, after: Deal, change: StatusChange
                    ) -> Briefing:
    """The post's briefing as it is shown, re-rendered with the person's call."""
    return replace(
        shown, kind=MessageKind.EDIT_ROOT, status=after.status,
        previous_status=before.status if before.status is not after.status else None,
        set_by=change.by.name if change.by else None, call_reason=change.reason,
        not_a_deal=after.hidden, replaces="")


def note_text(before: Deal, after: Deal, change: StatusChange) -> str:
    """ "dana marked this CONFIRMED (was UNCONFIRMED): <reason>", plain text (escaped when
    delivered, like every note)."""
    name = change.by.name if change.by else "Someone"
    why = f": {change.reason.rstrip('. ')}" if change.reason.strip() else ""
    if after.hidden:
        return (f"{name} marked this not a deal{why}. It leaves /deal-status lists and the "
                "weekly digest.")
    if before.hidden:
        was = " (it was marked not a deal)"
    elif before.status is not after.status:
        was = f" (was {before.status.value.upper()})"
    else:
        was = " (as the bot had it)" if before.set_by is None else ""
    return f"{name} marked this {after.status.value.upper()}{was}{why}"
