"""The values that flow through the pipeline: Story -> Verdict -> Deal -> planned messages.

All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Status(enum.StrEnum):
    """Confirmation status of a deal as a story reports it."""

    UNCONFIRMED = "unconfirmed"
    CONFIRMED = "confirmed"
    DENIED = "denied"


class Use(enum.StrEnum):
    """What the compute in a deal is for, when the story says."""

    INFERENCE = "inference"
    TRAINING = "training"
    BOTH = "both"
    UNKNOWN = "unknown"


class DealKind(enum.StrEnum):
    """What a deal supplies; grouping keeps deals of different kinds apart."""

    CHIPS = "chips"
    CAPACITY = "capacity"
    MEMORY = "memory"
    MANUFACTURING = "manufacturing"


@dataclass(frozen=True, slots=True)
class Story:
    """One feed entry, cleaned: text is plain (no HTML), times are UTC."""

    id: str
    feed: str
    outlet: str
    title: str
    text: str
    link: str
    published: datetime
    first_seen: datetime
    official_for: tuple[str, ...] = ()
    canonical_link: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the triage decided about one story, and why (`reasons`: the rules that decided it,
    for `triage --explain` and for anyone asking why a story was left out)."""

    relevant: bool
    score: float
    parties: tuple[str, ...] = ()
    chips: tuple[str, ...] = ()
    use: Use = Use.UNKNOWN
    value: str | None = None
    capacity: str | None = None
    status: Status | None = None
    evidence: tuple[str, ...] = ()
    summary: str = ""
    subject: str = ""
    kind: DealKind = DealKind.CAPACITY
    deal_key: str | None = None
    separate: bool = False  # the story says its deal is apart from an earlier one
    # a party's own word (its newsroom, or a confirmation or denial it gave itself): the only
    # kind of story that may replace a person's call on the deal's status
    on_record: bool = False
    reasons: tuple[str, ...] = ()

    @staticmethod
    def irrelevant(score: float = 0.0, summary: str = "",
                   reasons: tuple[str, ...] = ()) -> Verdict:
        """A verdict for a story that is not deal news."""
        return Verdict(relevant=False, score=score, summary=summary, reasons=reasons)


class ChangeKind(enum.StrEnum):
    """What made an entry of a deal's status history: a story, or a person in Slack."""

    STORY = "story"  # a story reported the status
    CORRECTION = "correction"  # a person set the status
    NOT_A_DEAL = "not_a_deal"  # a person said the deal is not deal news
    MERGE = "merge"  # a person said two tracked deals are one
    SPLIT = "split"  # a person moved a story out into a deal of its own


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who corrected the bot: a Slack user ID and the name shown (never a mention)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One step in a deal's status history, with the story or the person that caused it."""

    status: Status
    at: datetime
    story_id: str
    outlet: str
    link: str
    evidence: tuple[str, ...] = ()
    kind: ChangeKind = ChangeKind.STORY
    by: Person | None = None
    reason: str = ""
    other_deal: str | None = None  # MERGE / SPLIT: the deal merged in or out, split off or from


@dataclass(frozen=True, slots=True)
class Deal:
    """A tracked deal: the stories about one real-world agreement or rumour, and its status."""

    key: str
    parties: tuple[str, ...]
    subject: str
    chips: tuple[str, ...]
    status: Status
    status_since: datetime
    first_seen: datetime
    last_activity: datetime
    summary: str = ""
    evidence: tuple[str, ...] = ()
    history: tuple[StatusChange, ...] = field(default=())
    kind: DealKind = DealKind.CAPACITY
    set_by: Person | None = None  # the person whose call the status is, while it stands
    hidden: bool = False  # a person said it is not a deal: out of lists and the digest
    merged_into: str | None = None  # the deal a person merged this one into
