"""What a merge or a split makes of the deals, as pure functions: the merged deal, the deal left
when a story moves out, the new deal's key, and the words its Slack messages say.

The merged status: a person's call that stands on either deal wins (the more recent call, if
both have one), since a merge is no new evidence against it. Otherwise the transition table
decides, as if the deal whose status changed last were a later story about the other
(`TRANSITIONS[(earlier, later)]`): a confirmation outranks a rumour, and between a confirmation
and a denial the later word wins. The evidence joined is that of the deals showing the status
the merged deal shows (a denial's quotes under a CONFIRMED badge would mislead).

The deal left after a split is refolded from its remaining stored stories (the pipeline's own
`apply_story`, in order), unless a person's call stands, which keeps its status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from briefings.deals import TRANSITIONS, apply_story, title
from briefings.models import Deal, Person, Status, Story, Verdict
from briefings.triage.grouping import new_deal_key

Told = tuple[Story, Verdict]
KEY_MAX = 200  # deals.key is a String(200)
_READABLE_MAX = 180  # room for the story tag, ":split" and a counter
_END = re.compile(r"[.!?…]$")


def merged_deal(target: Deal, source: Deal) -> Deal:
    """`target` with `source` folded in: parties, chips and evidence joined, the status by the
    rule in this module's doc, the earliest first sight and the latest activity."""
    calls = [deal for deal in (target, source) if deal.set_by is not None]
    if calls:
        lead = max(calls, key=lambda deal: deal.status_since)
        status = lead.status
    else:
        earlier, later = sorted((target, source), key=lambda deal: deal.status_since)
        status = TRANSITIONS[(earlier.status, later.status)]
        lead = later if later.status is status else earlier
    showing = [deal for deal in (target, source) if deal.status is status]
    return replace(
        target,
        parties=tuple(sorted({*target.parties, *source.parties}, key=str.lower)),
        chips=tuple(dict.fromkeys((*target.chips, *source.chips))),
        status=status, status_since=lead.status_since, set_by=lead.set_by,
        summary=lead.summary or target.summary,
        evidence=tuple(dict.fromkeys(e for deal in showing for e in deal.evidence)),
        first_seen=min(target.first_seen, source.first_seen),
        last_activity=max(target.last_activity, source.last_activity),
        history=(),
    )


def fold(key: str, told: Sequence[Told]) -> Deal:
    """The deal these stories make, folded in order as the pipeline folds them."""
    deal: Deal | None = None
    for story, verdict in told:
        if verdict.status is not None:
            deal = apply_story(deal, story, replace(verdict, deal_key=key, relevant=True)).deal
    if deal is None:
        raise ValueError(f"no story with a status to fold into {key}")
    return deal


def without_story(deal: Deal, rest: Sequence[Told]) -> Deal:
    """The deal once a story moved out: parties, chips and dates from the stories left, and
    their status unless a person's call stands."""
    folded = fold(deal.key, rest)
    kept = replace(deal, parties=folded.parties, chips=folded.chips,
                   first_seen=folded.first_seen, last_activity=folded.last_activity)
    if deal.set_by is not None:
        return kept
    return replace(kept, status=folded.status, status_since=folded.status_since,
                   evidence=folded.evidence, summary=folded.summary)


def split_key(verdict: Verdict, story: Story, taken: Callable[[str], bool]) -> str:
    """A deterministic key for a story's own deal: the grouping's readable key (parties,
    subject, month, story hash) cut to fit, marked `:split` so it never equals the key of the
    deal the story opened, and counted on while taken (a story split out again)."""
    readable, _, tag = new_deal_key(verdict, story).rpartition(":")
    head = f"{readable[:_READABLE_MAX]}:{tag}:split"
    key, count = head, 1
    while taken(key):
        count += 1
        key = f"{head}{count}"
    return key


def lead_story(deal: Deal, told: Sequence[Told]) -> Told | None:
    """The story a deal's post shows: the latest reporting the deal's status, else the latest."""
    showing = [item for item in told if item[1].status is deal.status] or list(told)
    return showing[-1] if showing else None


def merge_note(by: Person, source: Deal, reason: str, before: Status, merged: Deal) -> str:
    """The note in the merged deal's thread."""
    return _said(f"{by.name} merged {title(source)} into this deal", reason,
                 _now(before, merged.status))


def split_note(by: Person, story: Story, reason: str, before: Status, left: Deal) -> str:
    """The note in the old deal's thread when one of its stories moves out."""
    return _said(f"{by.name} moved “{story.title}” into a deal of its own", reason,
                 _now(before, left.status))


def pointer_text(by: Person, merged: Deal, reason: str) -> str:
    """What a merged deal's old post says instead (delivery adds the link to the thread)."""
    return _said(f"This deal was merged into {title(merged)} by {by.name}", reason, "")


def _said(head: str, reason: str, after: str) -> str:
    reason = reason.strip()
    text = f"{head}: {reason}" if reason else head
    text = text if _END.search(text) else f"{text}."
    return f"{text} {after}".strip()


def _now(before: Status, after: Status) -> str:
    return "" if after is before else f"The deal is now {after.value.upper()}."
