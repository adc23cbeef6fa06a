"""Deal grouping: which tracked deal a relevant story belongs to, or a key for a new one.

Two stories are the same deal when they share at least two parties (a longer name counting as
the short one it starts with: "Toyota Motor" is "Toyota"), do not name different chips,
concern the same kind of supply (`Verdict.kind`: chips, capacity, memory, manufacturing) and are
close in time; the display subject plays no part. A rumour that follows a confirmed deal by more
than a month, or concerns another kind of supply, is a new deal (an expansion, a different
product), and so is a rumour half a year after the last report; a confirmation joins the talks
it ends up to a year on (talks in spring, the contract in autumn). A story that says its deal is
apart from an earlier one ("separate from", "in addition to", "complements", "builds on") needs
more than parties, kind and time to join a tracked deal: the chips must agree too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Final

from briefings.models import Deal, DealKind, Status, Story, Verdict
from briefings.triage.subject import family, generation

MATCH: Final = 0.0
CHIPS_AGREE, CHIPS_CLASH, KIND_AGREE, KIND_CLASH = 2.0, -3.0, 1.0, -1.0
NEW_RUMOUR, SEPARATE = -2.0, -1.0
FRESH_DAYS, STALE_DAYS, OLD_DAYS = 30, 90, 365
RUMOUR_DAYS: Final = 180  # a rumour this long after the last report is a new one
FRESH, STALE, OLD, ANCIENT = 1.0, 0.0, -1.0, -3.0  # by how far apart the reports are
_SLUG: Final = re.compile(r"[^a-z0-9]+")


def assign_deal_key(verdict: Verdict, story: Story, candidates: Sequence[Deal]) -> str:
    """Return the key of the candidate deal this story is about, else a new key.

    `candidates` are tracked deals sharing at least one party with the verdict.
    """
    scored = [(affinity(verdict, story.published, d), d.last_activity, d.key) for d in candidates]
    best = max(scored, default=None)
    if best is not None and best[0] >= MATCH:
        return best[2]
    return new_deal_key(verdict, story)


def affinity(verdict: Verdict, published: datetime, deal: Deal) -> float:
    """How strongly the story fits the deal; below MATCH it is another deal."""
    if _shared(verdict.parties, deal.parties) < 2:
        return float("-inf")
    days = abs((published - deal.last_activity).total_seconds()) / 86400
    kind = _kind(verdict.kind, deal.kind)
    total = _chips(verdict.chips, deal.chips) + kind + _time(days)
    rumour_after_deal = deal.status is Status.CONFIRMED and verdict.status is Status.UNCONFIRMED
    late_rumour = verdict.status is Status.UNCONFIRMED and days > RUMOUR_DAYS
    if late_rumour or (rumour_after_deal and (days > FRESH_DAYS or kind < 0)):
        total += NEW_RUMOUR
    if verdict.separate:
        total += SEPARATE
    return total


def _shared(ours: Sequence[str], theirs: Sequence[str]) -> int:
    """Parties both sides name, a longer name counting as the short one it starts with: a
    company the watch list does not know is written "Toyota" in one report and "Toyota Motor"
    in the next."""
    return sum(1 for a in ours if any(a == b or _extends(a, b) or _extends(b, a)
                                      for b in theirs))


def _extends(longer: str, short: str) -> bool:
    return longer.startswith(short + " ")


def _chips(ours: Sequence[str], theirs: Sequence[str]) -> float:
    if not ours or not theirs:
        return 0.0
    if not {family(c) for c in ours} & {family(c) for c in theirs}:
        return CHIPS_CLASH
    specific = {c for c in ours if generation(c)}, {c for c in theirs if generation(c)}
    same_family = {family(c) for c in specific[0]} & {family(c) for c in specific[1]}
    return CHIPS_CLASH if same_family and not specific[0] & specific[1] else CHIPS_AGREE


def _kind(ours: DealKind, theirs: DealKind) -> float:
    """Chips against chips is for the chips to settle; otherwise the same kind of supply agrees
    and another kind (memory vs capacity) clashes."""
    if ours is theirs:
        return 0.0 if ours is DealKind.CHIPS else KIND_AGREE
    return KIND_CLASH


def _time(days: float) -> float:
    """Reports weeks apart are one deal's coverage; more than a year apart, another deal's."""
    if days <= FRESH_DAYS:
        return FRESH
    if days <= STALE_DAYS:
        return STALE
    return OLD if days <= OLD_DAYS else ANCIENT


def new_deal_key(verdict: Verdict, story: Story) -> str:
    """A readable, stable key: parties, subject, the month first seen and a short story hash."""
    slug = "-".join(_SLUG.sub("", p.lower()) for p in verdict.parties)
    subject = _SLUG.sub("-", verdict.subject.lower()).strip("-")
    tag = hashlib.sha256(story.id.encode()).hexdigest()[:6]
    return f"{slug}:{subject}:{story.published:%Y-%m}:{tag}"
