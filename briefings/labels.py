"""The team's own labels: a story of a deal a person corrected, labelled the way the devset is
(`relevant`, `status`, `parties`, `event`), so `benchmarks/eval_triage.py --devset` measures the
triage on the team's own news. Pure.

A person's call is the label: the deal's current status (a correction sticks until a party's own
word replaces it), its parties, its key as the event (a merged deal's stories carry the surviving
key); a deal a person called not a deal labels its stories not relevant, with the devset's empty
status, parties and event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from briefings.models import ChangeKind, Deal, StatusChange


@dataclass(frozen=True, slots=True)
class StoryText:
    """What the devset keeps of a story: raw feed text, as stored."""

    id: str
    outlet: str
    link: str
    published: datetime
    title: str
    text: str


def is_person_call(change: StatusChange) -> bool:
    """An entry a person made in Slack, not one a story reported."""
    return change.kind is not ChangeKind.STORY and change.by is not None


def last_call(deal: Deal) -> StatusChange | None:
    """The latest entry a person made in the deal's history, or None."""
    calls = [change for change in deal.history if is_person_call(change)]
    return calls[-1] if calls else None


def label_line(story: StoryText, deal: Deal) -> dict[str, Any]:
    """One JSON line in the devset's format; `deal` is the surviving deal, with its history."""
    call = last_call(deal)
    relevant = call is None or call.kind is not ChangeKind.NOT_A_DEAL
    return {
        "id": story.id,
        "source": story.outlet,
        "link": story.link,
        "published": story.published.isoformat(),
        "title": story.title,
        "description": story.text,
        "relevant": relevant,
        "status": deal.status.value if relevant else None,
        "parties": sorted(deal.parties, key=str.lower) if relevant else [],
        "event": deal.key if relevant else None,
        "borderline": False,
        "label_note": _note(call),
    }


def _note(call: StatusChange | None) -> str:
    """Who made the call and why, so a reader of the file can trace each label to Slack."""
    if call is None or call.by is None:
        return ""
    why = f": {call.reason}" if call.reason else ""
    return f"{call.kind.value} by {call.by.name} on {call.at:%Y-%m-%d}{why}"


def surviving_key(key: str, merged_into: dict[str, str]) -> str:
    """The deal a key's deal was merged into, following merges of merges (a loop stops)."""
    seen = {key}
    while key in merged_into and merged_into[key] not in seen:
        key = merged_into[key]
        seen.add(key)
    return key

