"""An in-memory inverted index of tracked deals by their names, for `/deal-status` ranking.

Scanning 10,000 rows with LIKE costs tens of milliseconds of CPU per query; looking names up in
a dict costs well under one. The index maps each name on a deal (party, chip or subject, as in
the deal's '|'-delimited `search_text`) to its deals. A company term must equal a whole name;
other terms may be part of one ("maia" in "maia 200").
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefings.search import Kind, Term


@dataclass(frozen=True, slots=True)
class Ranked:
    """Keys of the best-scoring deals, most recent first; `total` deals share that score."""

    keys: list[str]
    total: int
    complete: bool


class DealIndex:
    """Deals by lowercase name; built once, then only read (safe to share between threads)."""

    def __init__(self, deals: Iterable[tuple[str, str]]) -> None:
        """`deals` are (key, search_text) pairs, most recently active first."""
        self._by_name: dict[str, list[str]] = {}
        self._rank: dict[str, int] = {}
        for rank, (key, search_text) in enumerate(deals):
            self._rank[key] = rank
            for name in dict.fromkeys(search_text.split("|")):
                if name:
                    self._by_name.setdefault(name, []).append(key)

    def __len__(self) -> int:
        return len(self._rank)

    def names(self) -> list[tuple[str, Kind]]:
        """Every name on a deal, for the query vocabulary (the watch list knows their kinds)."""
        return [(name, Kind.SUBJECT) for name in self._by_name]

    def match(self, terms: Sequence[Term], limit: int) -> Ranked:
        """Deals naming the most terms; ties go to the most recently active."""
        scores: Counter[str] = Counter()
        for term in terms:
            scores.update(self._deals_for(term))
        if not scores:
            return Ranked([], 0, complete=False)
        best = max(scores.values())
        tied = [key for key, score in scores.items() if score == best]
        top = heapq.nsmallest(limit, tied, key=self._rank.__getitem__)
        return Ranked(top, len(tied), complete=best == len(terms))

    def _deals_for(self, term: Term) -> set[str]:
        text = term.text.lower()
        if term.whole:
            return set(self._by_name.get(text, ()))
        found: set[str] = set()
        for name, keys in self._by_name.items():
            if text in name:
                found.update(keys)
        return found
