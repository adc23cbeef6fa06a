"""Story triage: is this deal news, between whom, about what, and how confirmed.

Placeholder keyword triage for the walking skeleton; the triage issue (#4) replaces it.
"""

from __future__ import annotations

import re

from briefings.config import Watchlist
from briefings.models import Status, Story, Verdict


class Triage:
    """Judges stories against a watch list. Pure: same story, same verdict."""

    def __init__(self, watchlist: Watchlist) -> None:
        self._watchlist = watchlist
        self._companies = {
            c.name: re.compile(r"\b(" + "|".join(map(re.escape, (c.name, *c.aliases))) + r")\b")
            for c in watchlist.companies
        }
        self._chip_owner = {chip.name: chip.owner for chip in watchlist.chips}
        self._chips = {
            chip.name: re.compile(
                r"\b(" + "|".join(map(re.escape, (chip.name, *chip.aliases))) + r")\b"
            )
            for chip in watchlist.chips
        }

    def judge(self, story: Story) -> Verdict:
        """Return the verdict for one story; `deal_key` is left for grouping to fill in."""
        text = f"{story.title}. {story.text}"
        lowered = text.lower()
        chips = tuple(name for name, rx in self._chips.items() if rx.search(text))
        parties = {name for name, rx in self._companies.items() if rx.search(text)}
        parties |= {self._chip_owner[c] for c in chips}
        cues = self._watchlist.cues
        deal = [c for c in cues.deal if c in lowered]
        if len(parties) < 2 or not deal:
            return Verdict.irrelevant()
        status, evidence = self._status(story, lowered, parties)
        return Verdict(
            relevant=True,
            score=0.5,
            parties=tuple(sorted(parties, key=str.lower)),
            chips=chips,
            status=status,
            evidence=evidence,
            summary=story.text[:300],
            subject=chips[0] if chips else "compute deal",
        )

    def _status(
        self, story: Story, lowered: str, parties: set[str]
    ) -> tuple[Status, tuple[str, ...]]:
        cues = self._watchlist.cues
        if set(story.official_for) & parties:
            return Status.CONFIRMED, (f"published by {story.outlet}",)
        for family, status in ((cues.deny, Status.DENIED), (cues.hedge, Status.UNCONFIRMED),
                               (cues.confirm, Status.CONFIRMED)):
            found = tuple(c for c in family if c in lowered)
            if found:
                return status, found
        return Status.UNCONFIRMED, ("no on-the-record confirmation",)
