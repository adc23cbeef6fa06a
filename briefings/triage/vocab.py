"""The watch list flattened into (phrase, meaning) pairs for the one-pass matcher."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from briefings.config import CueConfig, Watchlist

COMPANY: Final = "company"
CHIP: Final = "chip"
CONTEXT: Final = "context"
LEADER: Final = "leader"  # a person who speaks for a company; the label is the company
CUE_FAMILIES: Final = tuple(CueConfig.model_fields)
# Every family a hit can have.
FAMILIES: Final = frozenset({COMPANY, CHIP, LEADER, *CUE_FAMILIES})


def mask(families: Iterable[str]) -> frozenset[str]:
    """`families` as one set, for `Reading.has_any`; a name no hit can have is an error, so a
    misspelt or renamed family fails when the rule is defined, not silently at every story."""
    chosen = frozenset(families)
    unknown = sorted(chosen - FAMILIES)
    if unknown:
        raise KeyError(f"no such family: {', '.join(unknown)}")
    return chosen


@dataclass(frozen=True, slots=True)
class Term:
    """What a matched phrase means: its family, the canonical label, and how it must match."""

    family: str
    label: str
    prefix: bool = False
    exact: str | None = None
    context: frozenset[str] = frozenset()


def terms(watchlist: Watchlist) -> Iterator[tuple[str, Term]]:
    """Every phrase the matcher should find, keyed by its folded form."""
    yield from _named(watchlist)
    cues = watchlist.cues
    for family in CUE_FAMILIES:
        for phrase in getattr(cues, family):
            stem = phrase.rstrip("*")
            yield stem.lower(), Term(family, stem.lower(), prefix=phrase.endswith("*"))


def _named(watchlist: Watchlist) -> Iterator[tuple[str, Term]]:
    for company in watchlist.companies:
        for alias in (company.name, *company.aliases):
            exact = alias if alias in company.case_sensitive else None
            yield alias.lower(), Term(COMPANY, company.name, exact=exact)
        context = frozenset(phrase.lower() for phrase in company.context)
        for alias in company.context_aliases:
            yield alias.lower(), Term(COMPANY, company.name, exact=alias, context=context)
        for phrase in context:
            yield phrase, Term(CONTEXT, phrase)
        for leader in company.leaders:
            yield leader.lower(), Term(LEADER, company.name, exact=leader)
    for chip in watchlist.chips:
        for alias in (chip.name, *chip.aliases):
            exact = alias if alias in chip.case_sensitive else None
            yield alias.lower(), Term(CHIP, chip.name, exact=exact)
