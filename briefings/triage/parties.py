"""Who the deal is between: named companies plus the owners of named chips, main clause first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefings.config import Watchlist
from briefings.triage.reading import TITLE, Reading
from briefings.triage.vocab import CHIP, COMPANY

BUYERS = frozenset({"ai-lab", "hyperscaler", "cloud"})
SUPPLIERS = frozenset({"chip-vendor", "cloud", "hyperscaler", "neocloud", "foundry", "memory",
                       "hardware"})
LEAD_SENTENCES = 3
_SIDE_CLAUSE = re.compile(r";| - |, (?:says|say|said)\b|\|")


class Roster:
    """Company roles and chip owners: enough to tell whether two names can make an AI-compute deal."""

    def __init__(self, watchlist: Watchlist) -> None:
        self._roles = {c.name: frozenset(c.roles) for c in watchlist.companies}
        self.owner = {chip.name: chip.owner for chip in watchlist.chips}

    def dealer(self, name: str) -> bool:
        """Can this company be on either side of a compute deal (not only an investor)?"""
        return bool(self._roles.get(name, frozenset()) & (BUYERS | SUPPLIERS))

    def pairable(self, names: Iterable[str]) -> bool:
        """Is there a buyer and a different supplier among `names`?"""
        unique = list(dict.fromkeys(names))
        buyers = [n for n in unique if self._roles.get(n, frozenset()) & BUYERS]
        suppliers = [n for n in unique if self._roles.get(n, frozenset()) & SUPPLIERS]
        return any(b != s for b in buyers for s in suppliers)


def names_in(reading: Reading, roster: Roster, index: int, stop: int | None = None) -> list[str]:
    """Companies named in sentence `index` (before offset `stop`), chip owners included."""
    found: list[str] = []
    for hit in reading.by_sentence[index]:
        if stop is not None and hit.start >= stop:
            break
        if hit.family == COMPANY:
            found.append(hit.label)
        elif hit.family == CHIP:
            found.append(roster.owner[hit.label])
    return list(dict.fromkeys(found))


def pick_parties(reading: Reading, roster: Roster, official: Sequence[str]) -> tuple[str, ...]:
    """The deal's parties: the title's main clause, then the publisher, then the lead sentences."""
    chosen = _title_names(reading, roster)
    for name in official:
        if name not in chosen and roster.pairable([*chosen, name]) and not roster.pairable(chosen):
            chosen.append(name)
    for index in range(1, min(len(reading.spans), LEAD_SENTENCES + 1)):
        if roster.pairable(chosen):
            break
        chosen.extend(n for n in names_in(reading, roster, index) if n not in chosen)
    dealers = [n for n in chosen if roster.dealer(n)]
    return tuple(sorted(dealers, key=str.lower)) if roster.pairable(dealers) else ()


def _title_names(reading: Reading, roster: Roster) -> list[str]:
    """Names in the title; a side clause (after ';', ' - ', ', says') counts only if needed."""
    title = reading.sentence(TITLE)
    side = _SIDE_CLAUSE.search(title)
    everything = names_in(reading, roster, TITLE)
    if side is None:
        return everything
    main = names_in(reading, roster, TITLE, stop=side.start())
    return main if roster.pairable(main) else everything
