"""The flood caps' roll-up as plain data: the new deals held back from one channel in a poll cycle.

A post held back by a flood cap is still news the channel asked for; the roll-up lists it (parties,
subject, status, source) in one top-level message instead of leaving it to `python -m bot status`.
The outbox stores this value; `bot` renders and escapes it. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from briefings.briefing import Briefing
from briefings.models import Status

ITEMS_KEPT = 50  # a roll-up lists at most this many deals; the rest are only counted


@dataclass(frozen=True, slots=True)
class HeldBack:
    """One held-back deal as the roll-up lists it; strings are raw feed text, escaped when
    rendered."""

    deal_key: str
    parties: tuple[str, ...]
    subject: str
    status: Status
    title: str
    outlet: str
    link: str

    @staticmethod
    def of(briefing: Briefing) -> HeldBack:
        return HeldBack(briefing.deal_key, briefing.parties, briefing.subject, briefing.status,
                        briefing.title, briefing.outlet, briefing.link)


@dataclass(frozen=True, slots=True)
class Rollup:
    """The deals held back from one channel, oldest first; `total` counts them all, `items`
    holds the first `ITEMS_KEPT` so a catalogue flood cannot bloat the outbox row."""

    items: tuple[HeldBack, ...]
    total: int

    def to_json(self) -> dict[str, Any]:
        return {"items": [asdict(item) for item in self.items], "total": self.total}

    @staticmethod
    def from_json(data: dict[str, Any]) -> Rollup:
        items = tuple(HeldBack(**{**item, "parties": tuple(item["parties"]),
                                  "status": Status(item["status"])})
                      for item in data["items"])
        return Rollup(items, int(data["total"]))


def rollup_of(held: Iterable[Briefing]) -> Rollup:
    """The roll-up of these held-back posts, in planning order. A deal held back twice (a rumour
    and its confirmation in one cycle) is one line showing its latest status."""
    by_deal: dict[str, HeldBack] = {}
    for briefing in held:
        by_deal[briefing.deal_key] = HeldBack.of(briefing)
    items = tuple(by_deal.values())
    return Rollup(items[:ITEMS_KEPT], len(items))
