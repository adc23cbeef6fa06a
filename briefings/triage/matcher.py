"""One Aho-Corasick automaton finds every company, chip and cue phrase in one pass.

Whole words come for free: `keyed` folds the text, turns every separator (punctuation, hyphen,
space) into a space and pads the text with one, and each phrase is stored as " phrase " (or
" stem" for a `stem*` cue), so a key can only match between separators; offsets are unchanged.
`scan` does the pass; `names` answers the cheap question (who is named?) that lets most
stories stop early, and `hits` turns the rest into Hit records. The automaton (ahocorasick-rs,
a contiguous NFA) reads the bytes of ASCII text, nearly all of it, and the characters of the
rest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Final

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation

from briefings.config import Watchlist
from briefings.triage.text import fold
from briefings.triage.vocab import CHIP, COMPANY, CONTEXT, Term, terms

VETO: Final = "veto"


@dataclass(frozen=True, slots=True)
class Entry:
    """What one automaton key means: the terms spelt that way, and `trail`, how far the phrase
    ends before the match does (its trailing space, if any, and the padding's)."""

    trail: int
    terms: tuple[Term, ...]


# A match: the key's index, and where it starts and ends in the padded text. The padding's
# space stands where the key's leading space is, so `start` is also where the phrase starts in
# the story's own text.
Raw = tuple[int, int, int]
# Separators: ASCII punctuation and controls, Latin-1 signs (no-break space to inverted question
# mark, and the multiplication sign) and General Punctuation. One character class: a regex sub
# replaces the few there are twice as fast as str.translate looks every character up in a dict.
_SEPARATOR: Final = re.compile("[" + "".join(re.escape(c) for c in (
    *(chr(i) for i in range(128) if not chr(i).isalnum()),
    *(chr(i) for i in range(0x2000, 0x2070)), *(chr(i) for i in range(0xA0, 0xC0)), "\u00d7")
) + "]")
# ASCII text (nearly all of it) is folded and spaced by one bytes.translate, several times faster
# than the regex sub.
_ASCII_KEYED: Final = bytes(
    c + 32 if chr(c).isupper() else c if chr(c).isalnum() else 32 for c in range(128)
) + bytes(range(128, 256))


# A run of four or more words in capitals ("ANTHROPIC SIGNS DEAL WITH GOOGLE"): a wire flash or
# a shouted headline, where case says nothing, so a name kept to its case ("Anthropic", "xAI")
# is read in capitals there too. A lone capitalised word ("NVIDIA", "AMD") is no such run.
_SHOUTED: Final = re.compile(
    r"\b[A-Z\d][A-Z\d&.'%-]*(?:[\s,:;/-]+[$€£¥]?[A-Z\d][A-Z\d&.'%-]*){3,}\b")


def shouted(text: str) -> list[tuple[int, int]]:
    """Where `text` is written in capitals, four words or more at a time."""
    return [m.span() for m in _SHOUTED.finditer(text) if any(c.isalpha() for c in m.group())]


class _CaseKept:
    """Whether case-kept names are written as they must be in one text: their exact case, or in
    capitals inside a shouted run. The runs are found only when a name in capitals asks, which
    few stories have."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._shouts: list[tuple[int, int]] | None = None

    def spelt_as(self, spelt: str, exact: str, start: int) -> bool:
        if spelt == exact:
            return True
        if spelt != exact.upper():
            return False
        if self._shouts is None:
            self._shouts = shouted(self._text)
        return any(a <= start < b for a, b in self._shouts)


def spaced(folded: str) -> str:
    """Separators turned into spaces, same length: words are what lies between spaces."""
    return _SEPARATOR.sub(" ", folded)


def keyed(text: str) -> str:
    """`text` as the automaton reads it: folded, spaced and padded with one space each side."""
    return f" {spaced(fold(text))} "


def keyed_ascii(text: str) -> bytes:
    """`keyed(text)` for ASCII text, as bytes: one translate instead of a fold and a sub."""
    return b" " + text.encode().translate(_ASCII_KEYED) + b" "


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    """One phrase found in a text: where, and what it means; equal and ordered by those four
    fields, so hits sort in text order. `sentence` is the index of the sentence it is in, which
    only a Reading knows: the matcher leaves it 0 and `Reading` files a copy with it set."""

    start: int
    end: int
    family: str
    label: str
    sentence: int = field(default=0, compare=False)


class Matcher:
    """Finds whole-word watch-list phrases; case-sensitive aliases must match their exact case."""

    def __init__(self, watchlist: Watchlist) -> None:
        self._owner = {chip.name: chip.owner for chip in watchlist.chips}
        grouped: dict[str, list[Term]] = defaultdict(list)
        capitalised: set[str] = set()
        every = list(terms(watchlist))
        for phrase, term in every:
            if term.exact and term.exact[:1].isupper() and term.exact[1:].islower():
                capitalised.add(term.exact)
            key = f" {spaced(phrase)}" + ("" if term.prefix else " ")
            if term not in grouped[key]:
                grouped[key].append(term)
        self._entries = [Entry(2 if key.endswith(" ") else 1, tuple(group))
                         for key, group in grouped.items()]
        self._text = AhoCorasick(grouped, implementation=Implementation.ContiguousNFA)
        self._bytes = BytesAhoCorasick([key.encode() for key in grouped],
                                       implementation=Implementation.ContiguousNFA)
        # names that are ordinary words save for their capital ("Apple", "Arm", "Meta"), and the
        # labels of every phrase that reads like one of them, which rule most hits out cheaply
        self.capitalised = frozenset(capitalised)
        words = {name.lower() for name in capitalised}
        self.capitalised_labels = frozenset(t.label for phrase, t in every if phrase in words)

    def scan(self, text: str) -> list[Raw]:
        """Every whole-word phrase occurrence, in one pass."""
        if text.isascii():
            return self._bytes.find_matches_as_indexes(keyed_ascii(text), overlapping=True)
        return self._text.find_matches_as_indexes(keyed(text), overlapping=True)

    def names(self, raw: list[Raw], text: str) -> set[str]:
        """Companies named anywhere (chip owners included), before vetoes: a cheap superset."""
        found: set[str] = set()
        case = _CaseKept(text)
        for key, start, match_end in raw:
            entry = self._entries[key]
            spelt = text[start:match_end - entry.trail]
            found.update(self._owner.get(t.label, t.label) if t.family == CHIP else t.label
                         for t in entry.terms if t.family in (COMPANY, CHIP) and (
                             not t.exact or case.spelt_as(spelt, t.exact, start)))
        return found

    def hits(self, raw: list[Raw], text: str) -> list[Hit]:
        """Hits in text order, minus those inside a veto phrase and context-bound aliases
        ("SK") in a story without their context ("HBM")."""
        hits: list[Hit] = []
        vetoes: list[tuple[int, int]] = []
        bound: list[tuple[Hit, frozenset[str]]] = []
        seen: set[str] = set()  # the context phrases the text holds
        case = _CaseKept(text)
        for key, start, match_end in raw:
            entry = self._entries[key]
            end = match_end - entry.trail
            for term in entry.terms:
                if term.exact and not case.spelt_as(text[start:end], term.exact, start):
                    continue
                if term.family == VETO:
                    vetoes.append((start, end))
                elif term.family == CONTEXT:
                    seen.add(term.label)
                elif term.context:
                    bound.append((Hit(start, end, term.family, term.label), term.context))
                else:
                    hits.append(Hit(start, end, term.family, term.label))
        hits.extend(hit for hit, context in bound if context & seen)
        kept = sorted(h for h in hits if not any(s <= h.start and h.end <= e for s, e in vetoes))
        return _longest_names(kept)

    def find(self, text: str) -> list[Hit]:
        """All hits in `text`."""
        return self.hits(self.scan(text), text)


def _longest_names(hits: list[Hit]) -> list[Hit]:
    """A company's name inside a longer company name is not that company: "SoftBank Corp", the
    telco that runs AI data centres, is not "SoftBank", the investor. The longest name wins."""
    names = [h for h in hits if h.family == COMPANY]
    return [h for h in hits if h.family != COMPANY or not any(
        o.label != h.label and o.start <= h.start and h.end <= o.end and o.end - o.start >
        h.end - h.start for o in names)]
