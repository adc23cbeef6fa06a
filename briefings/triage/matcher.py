"""One compiled Aho-Corasick automaton finds every company, chip and cue phrase in one pass."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

from briefings.config import Watchlist
from briefings.triage.vocab import Term, terms

VETO = "veto"


@dataclass(frozen=True, slots=True)
class Hit:
    """One phrase found in a text: where, and what it means."""

    start: int
    end: int
    family: str
    label: str


class Matcher:
    """Finds whole-word watch-list phrases; case-sensitive aliases must match their exact case."""

    def __init__(self, watchlist: Watchlist) -> None:
        grouped: dict[str, list[Term]] = defaultdict(list)
        for key, term in terms(watchlist):
            if term not in grouped[key]:
                grouped[key].append(term)
        self._automaton = ahocorasick.Automaton()
        for key, group in grouped.items():
            self._automaton.add_word(key, (len(key), tuple(group)))
        self._automaton.make_automaton()

    def find(self, text: str, folded: str) -> list[Hit]:
        """All hits in `text` (whose `fold` is `folded`), minus those inside a veto phrase."""
        hits: list[Hit] = []
        vetoes: list[tuple[int, int]] = []
        size = len(folded)
        for last, (length, group) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and folded[start - 1].isalnum() and folded[start].isalnum():
                continue
            open_end = end < size and folded[end].isalnum() and folded[last].isalnum()
            for term in group:
                if (open_end and not term.prefix) or (term.exact and text[start:end] != term.exact):
                    continue
                if term.family == VETO:
                    vetoes.append((start, end))
                else:
                    hits.append(Hit(start, end, term.family, term.label))
        hits.sort(key=_start)
        if vetoes:
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in vetoes)]
        return hits


def _start(hit: Hit) -> int:
    return hit.start
