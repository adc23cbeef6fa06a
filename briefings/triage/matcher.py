"""One compiled Aho-Corasick automaton finds every company, chip and cue phrase in one pass.

`scan` does the pass and the whole-word checks once; `names` then answers the cheap question
(who is named?) that lets most stories stop early, and `hits` turns the rest into Hit records.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import ahocorasick

from briefings.config import Watchlist
from briefings.triage.vocab import CHIP, COMPANY, Term, terms

VETO = "veto"
Raw = tuple[int, int, tuple[Term, ...]]


class Hit(NamedTuple):
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
        self._owner = {chip.name: chip.owner for chip in watchlist.chips}

    def scan(self, folded: str) -> list[Raw]:
        """Every phrase occurrence that starts on a word boundary, with its candidate meanings."""
        found: list[Raw] = []
        size = len(folded)
        for last, (length, group) in self._automaton.iter(folded):
            start = last - length + 1
            if start > 0 and folded[start - 1].isalnum() and folded[start].isalnum():
                continue
            found.append((start, last + 1 if last + 1 < size else size, group))
        return found

    def names(self, raw: list[Raw], text: str) -> set[str]:
        """Companies named anywhere (chip owners included), before vetoes: a cheap superset."""
        named: set[str] = set()
        for start, end, group in raw:
            for term in group:
                if term.family in (COMPANY, CHIP) and _fits(term, text, start, end):
                    named.add(self._owner[term.label] if term.family == CHIP else term.label)
        return named

    def hits(self, raw: list[Raw], text: str) -> list[Hit]:
        """Hits in text order, minus those inside a veto phrase."""
        hits: list[Hit] = []
        vetoes: list[tuple[int, int]] = []
        size = len(text)
        for start, end, group in raw:
            open_end = end < size and text[end].isalnum() and text[end - 1].isalnum()
            for term in group:
                if (open_end and not term.prefix) or (term.exact and text[start:end] != term.exact):
                    continue
                if term.family == VETO:
                    vetoes.append((start, end))
                else:
                    hits.append(Hit(start, end, term.family, term.label))
        hits.sort()
        if vetoes:
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in vetoes)]
        return hits

    def find(self, text: str, folded: str) -> list[Hit]:
        """All hits in `text` (whose `fold` is `folded`)."""
        return self.hits(self.scan(folded), text)


def _fits(term: Term, text: str, start: int, end: int) -> bool:
    """Whole word at the end unless a prefix cue; exact case for case-sensitive aliases."""
    if not term.prefix and end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        return False
    return term.exact is None or text[start:end] == term.exact
