"""The weekly digest's content: what changed in the tracked deals during one local week. Pure.

The store gathers `WeekFacts` for a window; `compose_digest` sorts them into the sections a reader
scans (new, confirmed, denied, reversals, most reported, long unconfirmed) with counts at the top,
then the week's corrections by people (deal, status, who, why).
Statuses are as of the window's end, so a past week reads as it was; `now_status` flags later news.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from briefings.digest_window import DigestWindow
from briefings.models import ChangeKind, Deal, Status, StatusChange

STALE_AFTER = timedelta(weeks=4)
MOST_REPORTED = 5


class SectionKind(enum.StrEnum):
    NEW = "new"  # first reported this week, still unconfirmed at its end
    CONFIRMED = "confirmed"  # rumour (or new report) confirmed this week
    DENIED = "denied"  # rumour (or new report) denied this week
    OTHER = "other"  # reversals: confirmed -> denied, denied -> confirmed
    MOST_REPORTED = "most_reported"  # by distinct outlets this week
    STALE = "stale"  # unconfirmed for 4+ weeks at the week's end


@dataclass(frozen=True, slots=True)
class DealActivity:
    """One deal's week: its outlets, story count and best source; `deal` carries its history."""

    deal: Deal
    outlets: frozenset[str] = frozenset()
    stories: int = 0
    source_link: str = ""
    source_outlet: str = ""


@dataclass(frozen=True, slots=True)
class WeekFacts:
    """What the store knows about a window: deals with stories or status changes in it, and
    deals still unconfirmed for 4+ weeks at its end; `held_back`: channel -> the deals whose
    new-deal post a flood cap held back there in the window (each listed in a roll-up)."""

    window: DigestWindow
    active: tuple[DealActivity, ...]
    stale: tuple[DealActivity, ...]
    held_back: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DigestLine:
    """One deal as a digest line; strings are raw, escaped when rendered."""

    deal_key: str
    status: Status
    now_status: Status | None
    parties: tuple[str, ...]
    subject: str
    source_link: str
    source_outlet: str
    outlets: int
    first_seen: datetime


@dataclass(frozen=True, slots=True)
class DigestCorrection:
    """A person's call on a deal this week; strings are raw, escaped when rendered."""

    deal_key: str
    parties: tuple[str, ...]
    subject: str
    status: Status
    not_a_deal: bool
    by: str
    reason: str
    at: datetime


CALL_KINDS = (ChangeKind.CORRECTION, ChangeKind.NOT_A_DEAL)


@dataclass(frozen=True, slots=True)
class DigestSection:
    kind: SectionKind
    lines: tuple[DigestLine, ...]


@dataclass(frozen=True, slots=True)
class DigestCounts:
    new: int
    confirmed: int
    denied: int
    other: int
    stale: int
    deals: int
    stories: int
    outlets: int
    held_back: int = 0  # new deals the flood caps held back from the channel this week


@dataclass(frozen=True, slots=True)
class DigestContent:
    window: DigestWindow
    counts: DigestCounts
    sections: tuple[DigestSection, ...]
    corrections: tuple[DigestCorrection, ...] = ()

    @property
    def quiet(self) -> bool:
        """No deal news at all this week: the digest says so instead of staying silent."""
        return self.counts.deals == 0


def status_at(history: Sequence[StatusChange], instant: datetime) -> Status | None:
    """The status the history shows just before `instant`, or None if the deal did not exist.
    Equal times resolve to the later entry, as the history is in recording order."""
    latest: StatusChange | None = None
    for change in history:
        if change.at < instant and (latest is None or change.at >= latest.at):
            latest = change
    return latest.status if latest else None


def classify(deal: Deal, window: DigestWindow) -> SectionKind | None:
    """Which status section a deal belongs to, from its history around the window."""
    if not any(window.contains(c.at) for c in deal.history):
        return None
    before, after = status_at(deal.history, window.start), status_at(deal.history, window.end)
    if after is None or before == after:
        return None
    if before is None and after is Status.UNCONFIRMED:
        return SectionKind.NEW
    if before in (None, Status.UNCONFIRMED):
        return SectionKind.CONFIRMED if after is Status.CONFIRMED else SectionKind.DENIED
    return SectionKind.OTHER


def compose_digest(facts: WeekFacts, wants: Callable[[Deal, Status], bool] | None = None,
                   channel: str | None = None) -> DigestContent:
    """Sections and counts for a week; `wants` narrows it to what one channel follows, and
    `channel` counts the posts held back there (every channel's, when None)."""
    window = facts.window
    active = [a for a in facts.active if _wanted(a, window, wants)]
    stale = [a for a in facts.stale if _wanted(a, window, wants)]
    by_kind: dict[SectionKind, list[DigestLine]] = {kind: [] for kind in SectionKind}
    for activity in sorted(active, key=_rank):
        kind = classify(activity.deal, window)
        if kind is not None:
            by_kind[kind].append(_line(_with_change_source(activity, window), window))
    reported = sorted((a for a in active if len(a.outlets) > 1), key=_rank)[:MOST_REPORTED]
    by_kind[SectionKind.MOST_REPORTED] = [_line(a, window) for a in reported]
    by_kind[SectionKind.STALE] = [_line(a, window) for a in sorted(stale, key=_rank)]
    sections = tuple(DigestSection(k, tuple(lines)) for k, lines in by_kind.items() if lines)
    counts = replace(_counts(active, by_kind), held_back=len(_held_back(facts, channel)))
    return DigestContent(window, counts, sections, corrections(active, window))


def _held_back(facts: WeekFacts, channel: str | None) -> frozenset[str]:
    if channel is not None:
        return facts.held_back.get(channel, frozenset())
    return frozenset().union(*facts.held_back.values())


def corrections(active: Sequence[DealActivity], window: DigestWindow
                ) -> tuple[DigestCorrection, ...]:
    """People's calls on the week's deals, in the order they were made."""
    found = [DigestCorrection(a.deal.key, a.deal.parties, a.deal.subject, c.status,
                              c.kind is ChangeKind.NOT_A_DEAL, c.by.name, c.reason, c.at)
             for a in active for c in a.deal.history
             if c.kind in CALL_KINDS and c.by is not None and window.contains(c.at)]
    return tuple(sorted(found, key=lambda c: (c.at, c.deal_key)))


def _wanted(activity: DealActivity, window: DigestWindow,
            wants: Callable[[Deal, Status], bool] | None) -> bool:
    status = status_at(activity.deal.history, window.end) or activity.deal.status
    return wants is None or wants(activity.deal, status)


def _rank(activity: DealActivity) -> tuple[int, int, float, str]:
    """Most outlets first, then most stories, then most recent, then key for a stable order."""
    deal = activity.deal
    return (-len(activity.outlets), -activity.stories, -deal.last_activity.timestamp(), deal.key)


def _with_change_source(activity: DealActivity, window: DigestWindow) -> DealActivity:
    """For a status line the best source is the story that set the status."""
    changes = [c for c in activity.deal.history if window.contains(c.at) and c.link]
    if not changes:
        return activity
    last = max(changes, key=lambda c: c.at)
    return replace(activity, source_link=last.link, source_outlet=last.outlet)


def _line(activity: DealActivity, window: DigestWindow) -> DigestLine:
    deal = activity.deal
    status = status_at(deal.history, window.end) or deal.status
    return DigestLine(
        deal_key=deal.key, status=status, now_status=deal.status if deal.status != status else None,
        parties=deal.parties, subject=deal.subject, source_link=activity.source_link,
        source_outlet=activity.source_outlet, outlets=len(activity.outlets),
        first_seen=deal.first_seen,
    )


def _counts(active: list[DealActivity], by_kind: dict[SectionKind, list[DigestLine]]
            ) -> DigestCounts:
    outlets = {outlet for a in active for outlet in a.outlets}
    return DigestCounts(
        new=len(by_kind[SectionKind.NEW]), confirmed=len(by_kind[SectionKind.CONFIRMED]),
        denied=len(by_kind[SectionKind.DENIED]), other=len(by_kind[SectionKind.OTHER]),
        stale=len(by_kind[SectionKind.STALE]), deals=len(active),
        stories=sum(a.stories for a in active),
        outlets=len(outlets),
    )
