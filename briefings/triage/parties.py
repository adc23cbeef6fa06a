"""Who the deal is between: companies named in the headline's main clause first, then chip owners,
the publishing newsroom and the lead sentences, until there is a buyer and a supplier."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from briefings.config import Watchlist
from briefings.triage.matcher import Hit
from briefings.triage.reading import TITLE, Reading
from briefings.triage.vocab import CHIP, COMPANY

BUYERS = frozenset({"ai-lab", "hyperscaler", "cloud"})
SUPPLIERS = frozenset({"chip-vendor", "cloud", "hyperscaler", "neocloud", "foundry", "memory",
                       "hardware"})
LEAD_SENTENCES = 3
BRAND_JOINERS = frozenset({" ", "'s ", "-made ", "-designed "})
BRAND_REACH = max(map(len, BRAND_JOINERS))
PRODUCT_FAMILIES = frozenset({CHIP, "compute", "hardware"})
_MARKET = re.compile(r"(?:'s)? (?:stock|shares|share price|market value|market cap|investors)\b")
_SIDE_CLAUSE = re.compile(r";| - |, (?:says|say|said)\b|\|")


class Roster:
    """Company roles and chip owners: can these names make an AI-compute deal?"""

    def __init__(self, watchlist: Watchlist) -> None:
        self._roles = {c.name: frozenset(c.roles) for c in watchlist.companies}
        self._buyers = frozenset(n for n, roles in self._roles.items() if roles & BUYERS)
        self._suppliers = frozenset(n for n, roles in self._roles.items() if roles & SUPPLIERS)
        self.owner = {chip.name: chip.owner for chip in watchlist.chips}

    def has_role(self, name: str, roles: Iterable[str]) -> bool:
        return not self._roles.get(name, frozenset()).isdisjoint(roles)

    def dealer(self, name: str) -> bool:
        """Can this company be on either side of a compute deal (not only an investor)?"""
        return name in self._buyers or name in self._suppliers

    def pairable(self, names: Iterable[str]) -> bool:
        """Is there a buyer and a different supplier among `names`?"""
        unique = set(names)
        buyers = unique & self._buyers
        suppliers = unique & self._suppliers
        return bool(buyers and suppliers) and (len(buyers) > 1 or suppliers != buyers)


def main_clause_end(reading: Reading) -> int:
    """Where the headline's main clause ends (before '; ...', ' - Outlet', ', sources say')."""
    side = _SIDE_CLAUSE.search(reading.sentence(TITLE))
    return side.start() if side else reading.spans[TITLE][1]


def names_in(reading: Reading, roster: Roster, index: int, stop: int | None = None,
             families: tuple[str, ...] = (COMPANY, CHIP)) -> list[str]:
    """Companies named in sentence `index` (before offset `stop`), chip owners included."""
    found: list[str] = []
    for hit in reading.by_sentence[index]:
        if stop is not None and hit.start >= stop:
            break
        if hit.family in families:
            found.append(hit.label if hit.family == COMPANY else roster.owner[hit.label])
    return list(dict.fromkeys(found))


def explicit_names(reading: Reading, index: int, stop: int, brands: bool = False) -> list[str]:
    """Companies named as actors: not as a stock that moved on the news ("Nvidia shares fall
    after report Meta may use TPUs") and, unless `brands`, not as a brand on hardware ("Nvidia
    GPUs", "AMD's chips")."""
    hits = reading.by_sentence[index]
    found: list[str] = []
    for position, hit in enumerate(hits):
        if hit.start >= stop:
            break
        if hit.family == COMPANY and not _market(reading.text, hit) and (
                brands or not _brand(reading.text, hit, hits[position + 1:])):
            found.append(hit.label)
    return list(dict.fromkeys(found))


def _brand(text: str, name: Hit, following: list[Hit]) -> bool:
    """Is the name directly followed by a product word, as in "Nvidia GPUs" or "AMD's chips"?"""
    for hit in following:
        if hit.start > name.end + BRAND_REACH:
            return False
        if hit.family in PRODUCT_FAMILIES and text[name.end:hit.start] in BRAND_JOINERS:
            return True
    return False


def _market(text: str, name: Hit) -> bool:
    """Is the name the subject of a market move ("Nvidia stock falls", "Oracle's shares")?"""
    return _MARKET.match(text, name.end) is not None


def pick_parties(reading: Reading, roster: Roster, official: Sequence[str]) -> tuple[str, ...]:
    """The deal's parties, widening the search only until a buyer and a supplier are found."""
    chosen: list[str] = []
    for names in _rounds(reading, roster, official):
        chosen.extend(n for n in names if n not in chosen)
        if roster.pairable(chosen):
            dealers = [n for n in chosen if roster.dealer(n)]
            return tuple(sorted(dealers, key=str.lower))
    return ()


def _rounds(reading: Reading, roster: Roster, official: Sequence[str]) -> Iterator[list[str]]:
    """Ever wider circles of names: the headline's main clause (actors, then brands, then chip
    owners and stock mentions), the whole headline, the publishing newsroom, the lead sentences."""
    stop = main_clause_end(reading)
    yield explicit_names(reading, TITLE, stop)
    yield explicit_names(reading, TITLE, stop, brands=True)
    yield names_in(reading, roster, TITLE, stop)
    yield names_in(reading, roster, TITLE)
    yield list(official)
    for index in range(1, min(len(reading.spans), LEAD_SENTENCES + 1)):
        yield names_in(reading, roster, index)
