"""How a relevant story changes its deal: the status transition table and the deal update.

Pure: takes the deal as stored (or None) and returns the new deal plus what changed. A person's
call on the status (`Deal.set_by`) stands against every later story except a party's own word
(`Verdict.on_record`), which replaces it and says whose call it replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefings.models import ChangeKind, Deal, Status, StatusChange, Story, Verdict

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
    """The deal after a story, and whether the story opened it or changed its status;
    `replaced` is the person's call a party's own word replaced (who, which status, when)."""

    deal: Deal
    is_new: bool
    previous: Status | None
    change: StatusChange | None
    replaced: StatusChange | None = None

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
    merged = _merge(current, story, verdict)
    new_status = _next_status(current, verdict)
    if new_status == current.status:
        return DealUpdate(merged, is_new=False, previous=current.status, change=None)
    changed = replace(merged, status=new_status, status_since=story.published,
                      evidence=verdict.evidence, summary=verdict.summary or merged.summary,
                      set_by=None)
    replaced = person_call(current)
    if replaced is not None:
        change = replace(change, reason=replaces_text(replaced))
    return DealUpdate(changed, is_new=False, previous=current.status, change=change,
                      replaced=replaced)


def _next_status(current: Deal, verdict: Verdict) -> Status:
    """By the table; but while a person's call stands only a party's own word moves it."""
    assert verdict.status is not None
    if current.set_by is None:
        return TRANSITIONS[(current.status, verdict.status)]
    return verdict.status if verdict.on_record else current.status


def person_call(deal: Deal) -> StatusChange | None:
    """The person's call the deal's status is, as a history entry, if one stands."""
    if deal.set_by is None:
        return None
    return StatusChange(deal.status, deal.status_since, "", "", "", kind=ChangeKind.CORRECTION,
                        by=deal.set_by)


def replaces_text(call: StatusChange) -> str:
    """ "replaces dana's UNCONFIRMED call of 7 Dec": raw text, escaped where shown."""
    name = call.by.name if call.by else "a person"
    return (f"replaces {name}'s {call.status.value.upper()} call of "
            f"{call.at.day} {call.at:%b %Y}")


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
