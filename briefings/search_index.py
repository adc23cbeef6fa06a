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
    """Deals by lowercase name; built once, then only read (safe to share between threads).

    Deals are held by rank (0 = most recently active), so ranking is integer arithmetic."""

    def __init__(self, deals: Iterable[tuple[str, str]]) -> None:
        """`deals` are (key, search_text) pairs, most recently active first."""
        self._by_name: dict[str, list[int]] = {}
        self._keys: list[str] = []
        for rank, (key, search_text) in enumerate(deals):
            self._keys.append(key)
            for name in dict.fromkeys(search_text.split("|")):
                if name:
                    self._by_name.setdefault(name, []).append(rank)

    def __len__(self) -> int:
        return len(self._keys)

    def names(self) -> list[tuple[str, Kind]]:
        """Every name on a deal, for the query vocabulary (the watch list knows their kinds)."""
        return [(name, Kind.SUBJECT) for name in self._by_name]

    def match(self, terms: Sequence[Term], limit: int) -> Ranked:
        """Deals naming the most terms; ties go to the most recently active."""
        found = [self._ranks_for(term) for term in terms]
        if len(found) == 1:
            best, tied = 1, found[0]
        else:
            scores = Counter(rank for ranks in found for rank in ranks)
            best = max(scores.values(), default=0)
            tied = {rank for rank, score in scores.items() if score == best}
        if not tied:
            return Ranked([], 0, complete=False)
        top = [self._keys[rank] for rank in heapq.nsmallest(limit, tied)]
        return Ranked(top, len(tied), complete=best == len(terms))

    def _ranks_for(self, term: Term) -> set[int]:
        text = term.text.lower()
        if term.whole:
            return set(self._by_name.get(text, ()))
        found: set[int] = set()
        for name, ranks in self._by_name.items():
            if text in name:
                found.update(ranks)
        return found
