"""The MERGE and SPLIT corrections: a person says a tracked deal is the same as another, or that
one of its stories is a deal of its own. Stories, history and threads move; nothing is lost.

Merge folds `deal_key` into `target`: its stories, status history and followers join the
target, it keeps `merged_into` (and leaves lists, search, grouping and the digest), and each
channel keeps one post for the merged deal (`briefings.store.regrouping`): the source's old post
is edited to point at the target's thread, or becomes the target's post where the target has
none. A target that was itself merged is followed to the deal it lives on in; merging a deal
with itself (or with a deal merged into it), with an unknown or "not a deal" deal, or a deal
already merged, is refused. The merged status is decided in `briefings.regrouping`.

Split moves story `story_id` out of `deal_key` (followed if merged) into a new deal, posted as a
new top-level post in every channel whose filters want it (a person's explicit act: the flood
caps do not hold it back); the old deal is refolded from its remaining stories. A deal's only
story, or a story not in the deal, cannot be split out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from sqlalchemy.orm import Session

from briefings import deal_posts
from briefings.briefing import Briefing, MessageKind, make_briefing
from briefings.config import Config
from briefings.corrections import Applied, Correction, CorrectionRefused
from briefings.deals import apply_story, title
from briefings.follow_dms import plan_follow_dms
from briefings.models import ChangeKind, Deal, Status, StatusChange
from briefings.planning import PlannedMessage, wants
from briefings.regrouping import (
    Told,
    lead_story,
    merge_note,
    merged_deal,
    pointer_text,
    split_key,
    split_note,
    without_story,
)
from briefings.store import follows, outbox
from briefings.store import regrouping as moves
from briefings.store.deals import (
    add_status_change,
    get_deal,
    live_deal,
    lock_deal,
    lock_live_deal,
    save_deal,
)


def merge(session: Session, config: Config, correction: Correction) -> Applied:
    """Fold the correction's deal into its target; returns the target's key."""
    source, target = _merge_pair(session, correction)
    merged = merged_deal(target, source)
    _join(session, source, merged, correction, target.status)
    threads = moves.merge_threads(session, source.key, target.key,
                                  why=f"superseded: merged into {target.key}")
    _plan_merge(session, correction, source, target, merged, threads)
    return Applied(target.key, f"Merged {title(source)} into {title(merged)}.")


def _plan_merge(session: Session, correction: Correction, source: Deal, target: Deal,
                merged: Deal, threads: moves.MergedThreads) -> None:
    """Edit each surviving post to show the merged deal and say so in its thread (the status
    it showed was the target's, or the source's where the target adopted the post); point the
    source's other posts at the target's thread."""
    tag, now = f"merge:{source.key}", correction.at
    posts = outbox.shown_briefings(session, target.key)
    shown = {**dict.fromkeys(threads.kept, target), **dict.fromkeys(threads.adopted, source)}
    for channel, was in sorted(shown.items()):
        if channel in posts:
            previous = was.status if merged.status is not was.status else None
            deal_posts.edit_shown(session, merged, Briefing.from_json(posts[channel]), channel,
                                  previous, tag, now)
        note = merge_note(correction.by, source, correction.reason, was.status, merged)
        deal_posts.note(session, target.key, channel, note, tag, now)
    pointer = pointer_text(correction.by, merged, correction.reason)
    for channel, ts in threads.pointers:
        deal_posts.pointer(session, target.key, channel, ts, pointer, tag, now)


def _merge_pair(session: Session, correction: Correction) -> tuple[Deal, Deal]:
    """The source and the live target, both locked (in key order, so two merges of the same
    pair cannot deadlock), or CorrectionRefused."""
    if not correction.target:
        raise CorrectionRefused("Choose the deal this one is the same as.")
    found = live_deal(session, correction.target)
    if found is None:
        raise CorrectionRefused("The deal to merge into is not tracked (any more).")
    if found.key == correction.deal_key:
        raise CorrectionRefused("These are one deal already.")
    locked = {key: lock_deal(session, key) for key in sorted({correction.deal_key, found.key})}
    source = _usable(locked[correction.deal_key], "This deal")
    target = _usable(locked[found.key], "The deal to merge into")
    _not_sending(session, (source.key, target.key))
    return source, target


def _usable(deal: Deal | None, what: str) -> Deal:
    """The deal, unless it cannot take part in a merge or a split (the lock read it afresh)."""
    if deal is None:
        raise CorrectionRefused(f"{what} is not tracked (any more).")
    if deal.merged_into is not None:
        raise CorrectionRefused(f"{what} ({title(deal)}) was already merged into another deal.")
    if deal.hidden:
        raise CorrectionRefused(f"{what} ({title(deal)}) is marked not a deal.")
    return deal


def _not_sending(session: Session, keys: Collection[str]) -> None:
    """A message in flight could land in the old thread after the move: wait for it."""
    if moves.in_flight(session, keys):
        raise CorrectionRefused("A message about this deal is being posted right now; "
                                "try again in a minute.")


def _join(session: Session, source: Deal, merged: Deal, correction: Correction,
          target_status: Status) -> None:
    """Move the source's stories, history and followers to the target, save both deals and
    record the merge in both histories (naming the other deal)."""
    moves.move_stories(session, source.key, merged.key)
    moves.move_history(session, source.key, merged.key)
    save_deal(session, merged)
    add_status_change(session, merged.key,
                      _entry(correction, merged.status, ChangeKind.MERGE, source.key))
    # The target's followers (and its companies') hear of a change from the target's status;
    # the source's then follow the target, from the status they last heard of.
    plan_follow_dms(session, merged, target_status, is_new=False, now=correction.at)
    follows.repoint(session, source.key, merged.key)
    hidden = replace(source, merged_into=merged.key)
    save_deal(session, hidden)
    plan_follow_dms(session, hidden, source.status, is_new=False, now=correction.at)
    add_status_change(session, source.key,
                      _entry(correction, source.status, ChangeKind.MERGE, merged.key))


def _entry(correction: Correction, status: Status, kind: ChangeKind, other: str,
           story_id: str = "") -> StatusChange:
    return StatusChange(status, correction.at, story_id, "", "", kind=kind, by=correction.by,
                        reason=correction.reason, other_deal=other)


def split(session: Session, config: Config, correction: Correction) -> Applied:
    """Move the correction's story into a deal of its own; returns the new deal's key."""
    deal = _split_deal(session, correction)
    told = moves.deal_stories(session, deal.key)
    moved = next((item for item in told if item[0].id == correction.story_id), None)
    rest = [item for item in told if item[0].id != correction.story_id]
    if moved is None:
        raise CorrectionRefused(f"That story is not part of {title(deal)}.")
    if not rest:
        raise CorrectionRefused(f"That story is the only one of {title(deal)}: "
                                "there is nothing to split it from.")
    new = _open_split(session, correction, deal, moved)
    left = without_story(deal, rest)
    save_deal(session, left)
    plan_follow_dms(session, left, deal.status, is_new=False, now=correction.at)
    add_status_change(session, deal.key, _entry(correction, left.status, ChangeKind.SPLIT,
                                                new.key, moved[0].id))
    moves.drop_story_replies(session, deal.key, moved[0].id, f"moved into {new.key}")
    _plan_split(session, config, correction, deal, left, rest, new, moved)
    return Applied(new.key, f"Moved “{moved[0].title}” into a deal of its own.")


def _split_deal(session: Session, correction: Correction) -> Deal:
    """The deal to split, locked: the one the post's deal lives on in, if it was merged."""
    if not correction.story_id:
        raise CorrectionRefused("Choose the story to move into a deal of its own.")
    deal = _usable(lock_live_deal(session, correction.deal_key), "This deal")
    _not_sending(session, (deal.key,))
    return deal


def _open_split(session: Session, correction: Correction, old: Deal, moved: Told) -> Deal:
    """The new deal, opened by the moved story as the pipeline would open it."""
    story, verdict = moved
    key = split_key(verdict, story, lambda k: get_deal(session, k) is not None)
    update = apply_story(None, story, replace(verdict, deal_key=key, relevant=True))
    save_deal(session, update.deal)
    if update.change is not None:
        add_status_change(session, key, update.change)
    add_status_change(session, key, _entry(correction, update.deal.status, ChangeKind.SPLIT,
                                           old.key, story.id))
    moves.move_story(session, story.id, key)
    plan_follow_dms(session, update.deal, None, is_new=True, now=correction.at)
    return update.deal


def _plan_split(session: Session, config: Config, correction: Correction, old: Deal,
                left: Deal, rest: list[Told], new: Deal, moved: Told) -> None:
    """Edit the old deal's posts and say what moved in their threads; post the new deal where
    it is wanted."""
    tag, now = f"split:{new.key}", correction.at
    lead = lead_story(left, rest)
    previous = old.status if left.status is not old.status else None
    note = split_note(correction.by, moved[0], correction.reason, old.status, left)
    for channel in sorted(moves.roots(session, old.key)):
        if lead is not None:
            deal_posts.edit_root(session, left, lead, channel, previous, tag, now)
        deal_posts.note(session, old.key, channel, note, tag, now)
    story, verdict = moved
    briefing = make_briefing(MessageKind.NEW_DEAL, new, story, verdict, None)
    for wanted in config.briefings.channels:
        if wants(wanted, new.status, new.parties):
            outbox.enqueue(session, PlannedMessage(MessageKind.NEW_DEAL, wanted.id, briefing),
                           now)
