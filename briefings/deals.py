"""How a relevant story changes its deal: the status transition table and the deal update.

Pure: takes the deal as stored (or None) and returns the new deal plus what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefings.models import Deal, Status, StatusChange, Story, Verdict

U, C, D = Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED

# (current status, status the new story reports) -> the deal's status afterwards.
# A later hedged report never downgrades a confirmation; an official word overrides a rumour.
TRANSITIONS: dict[tuple[Status, Status], Status] = {
    (U, U): U,
    (U, C): C,
    (U, D): D,
    (C, U): C,
    (C, C): C,
    (C, D): D,
    (D, U): D,
    (D, C): C,
    (D, D): D,
}


@dataclass(frozen=True, slots=True)
class DealUpdate:
    """The deal after a story, and whether the story opened it or changed its status."""

    deal: Deal
    is_new: bool
    previous: Status | None
    change: StatusChange | None

    @property
    def status_changed(self) -> bool:
        return not self.is_new and self.change is not None


def apply_story(current: Deal | None, story: Story, verdict: Verdict) -> DealUpdate:
    """Fold one relevant story (with its deal_key set) into its deal."""
    if verdict.status is None or verdict.deal_key is None:
        raise ValueError("apply_story needs a relevant verdict with a status and a deal key")
    change = StatusChange(verdict.status, story.published, story.id, story.outlet, story.link,
                          verdict.evidence)
    if current is None:
        return DealUpdate(_open(story, verdict), is_new=True, previous=None, change=change)
    new_status = TRANSITIONS[(current.status, verdict.status)]
    merged = _merge(current, story, verdict)
    if new_status == current.status:
        return DealUpdate(merged, is_new=False, previous=current.status, change=None)
    changed = replace(merged, status=new_status, status_since=story.published,
                      evidence=verdict.evidence, summary=verdict.summary or merged.summary)
    return DealUpdate(changed, is_new=False, previous=current.status, change=change)


def _open(story: Story, verdict: Verdict) -> Deal:
    assert verdict.status is not None and verdict.deal_key is not None
    return Deal(
        key=verdict.deal_key,
        parties=verdict.parties,
        subject=verdict.subject,
        chips=verdict.chips,
        status=verdict.status,
        status_since=story.published,
        first_seen=story.published,
        last_activity=story.published,
        summary=verdict.summary,
        evidence=verdict.evidence,
        kind=verdict.kind,
    )


def _merge(current: Deal, story: Story, verdict: Verdict) -> Deal:
    parties = tuple(sorted({*current.parties, *verdict.parties}, key=str.lower))
    chips = tuple(dict.fromkeys((*current.chips, *verdict.chips)))
    return replace(
        current,
        parties=parties,
        chips=chips,
        last_activity=max(current.last_activity, story.published),
    )


def title(deal: Deal) -> str:
    """`Anthropic + Microsoft: Maia`, raw (escape at the point of use)."""
    parties = " + ".join(deal.parties) or "Unknown parties"
    return f"{parties}: {deal.subject}" if deal.subject else parties
