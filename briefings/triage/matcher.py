"""One compiled Aho-Corasick automaton finds every company, chip and cue phrase in one pass.

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
from typing import Final, final

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation

from briefings.config import Watchlist
from briefings.triage.text import fold
from briefings.triage.vocab import CHIP, COMPANY, CONTEXT, NUMBERS, Term, terms

VETO: Final = "veto"
Direct = tuple[tuple[str, str, str | None, int], ...]


@final
class Entry:
    """What one automaton key means. `trail` is how far the phrase ends before the match does
    (its trailing space, if any, and the padding's offset); `direct` (family, label, exact case
    or None, family number) records are there when no meaning is a veto or depends on context,
    so most hits are built without looking at the terms. A plain class: compiled, its fields
    are read without a lookup."""

    __slots__ = ("direct", "group", "named", "trail")

    def __init__(self, trail: int, group: tuple[Term, ...],
                 named: tuple[tuple[str, str | None], ...], direct: Direct | None) -> None:
        self.trail = trail
        self.group = group
        self.named = named
        self.direct = direct


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


def spaced(folded: str) -> str:
    """Separators turned into spaces, same length: words are what lies between spaces."""
    return _SEPARATOR.sub(" ", folded)


def keyed(text: str) -> str:
    """`text` as the automaton reads it: folded, spaced and padded with one space each side."""
    return f" {spaced(fold(text))} "


def keyed_ascii(text: str) -> bytes:
    """`keyed(text)` for ASCII text, as bytes: one translate instead of a fold and a sub."""
    return b" " + text.encode().translate(_ASCII_KEYED) + b" "


@final
class Hit:
    """One phrase found in a text: where, and what it means. A plain class, not a NamedTuple:
    compiled, its fields are read without a lookup, and the rules read hits a lot. Equal,
    hashed and ordered by value, like the tuple it was. `kind` is the family's number
    (vocab.NUMBERS), so that a Reading files the hit without a lookup; `sentence` (the index of
    the sentence it is in) follows from `start`: a Reading files it, so that no (index, hit)
    pairs need be built."""

    __slots__ = ("end", "family", "kind", "label", "sentence", "start")

    def __init__(self, start: int, end: int, family: str, label: str, kind: int) -> None:
        self.start = start
        self.end = end
        self.family = family
        self.label = label
        self.kind = kind
        self.sentence = 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hit) and (self.start, self.end, self.family, self.label) == (
            other.start, other.end, other.family, other.label)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.family, self.label))

    def __lt__(self, other: Hit) -> bool:
        return _precedes(self, other)

    def __repr__(self) -> str:
        return f"Hit({self.start}, {self.end}, {self.family!r}, {self.label!r})"


def _precedes(hit: Hit, other: Hit) -> bool:
    """Text order: by start, end, family and label, in that order. (A function: compiled code
    calls it directly, where `<` would go through Python's comparison protocol.)"""
    if hit.start != other.start:
        return hit.start < other.start
    if hit.end != other.end:
        return hit.end < other.end
    if hit.family != other.family:
        return hit.family < other.family
    return hit.label < other.label


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
        self._entries = [self._entry(key, tuple(group)) for key, group in grouped.items()]
        self._text = AhoCorasick(grouped, implementation=Implementation.ContiguousNFA)
        self._bytes = BytesAhoCorasick([key.encode() for key in grouped],
                                       implementation=Implementation.ContiguousNFA)
        # names that are ordinary words save for their capital ("Apple", "Arm", "Meta"), and the
        # labels of every phrase that reads like one of them, which rule most hits out cheaply
        self.capitalised = frozenset(capitalised)
        words = {name.lower() for name in capitalised}
        self.capitalised_labels = frozenset(t.label for phrase, t in every if phrase in words)

    def _entry(self, key: str, group: tuple[Term, ...]) -> Entry:
        trail = 2 if key.endswith(" ") else 1
        named = tuple((self._owner.get(t.label, t.label) if t.family == CHIP else t.label,
                       t.exact) for t in group if t.family in (COMPANY, CHIP))
        simple = all(not t.context and t.family not in (VETO, CONTEXT) for t in group)
        direct = tuple((t.family, t.label, t.exact or None, NUMBERS[t.family])
                       for t in group) if simple else None
        return Entry(trail, group, named, direct)

    def scan(self, text: str) -> list[Raw]:
        """Every whole-word phrase occurrence, in one pass."""
        if text.isascii():
            return self._bytes.find_matches_as_indexes(keyed_ascii(text), overlapping=True)
        return self._text.find_matches_as_indexes(keyed(text), overlapping=True)

    def names(self, raw: list[Raw], text: str) -> set[str]:
        """Companies named anywhere (chip owners included), before vetoes: a cheap superset."""
        found: set[str] = set()
        entries = self._entries
        for key, start, end in raw:
            entry = entries[key]
            for name, exact in entry.named:
                if exact is None or text[start:end - entry.trail] == exact:
                    found.add(name)
        return found

    def hits(self, raw: list[Raw], text: str) -> list[Hit]:
        """Hits in text order, minus those inside a veto phrase and context-bound aliases
        ("SK") in a story without their context ("HBM")."""
        hits: list[Hit] = []
        slow: list[tuple[int, int, tuple[Term, ...]]] = []
        entries = self._entries
        for key, start, match_end in raw:
            entry = entries[key]
            end = match_end - entry.trail
            direct = entry.direct
            if direct is None:
                slow.append((start, end, entry.group))
                continue
            for family, label, exact, kind in direct:
                if exact is None or text[start:end] == exact:
                    hit = Hit(start, end, family, label, kind)
                    # Matches come by end, so a hit is out of text order only behind the few
                    # phrases it overlaps: a stable insertion, cheaper than sorting them all.
                    at = len(hits)
                    while at and _precedes(hit, hits[at - 1]):
                        at -= 1
                    hits.insert(at, hit)
        if slow:
            hits = _checked(hits, slow, text)
            hits.sort()
        return hits

    def find(self, text: str) -> list[Hit]:
        """All hits in `text`."""
        return self.hits(self.scan(text), text)


def _checked(hits: list[Hit], slow: list[tuple[int, int, tuple[Term, ...]]],
             text: str) -> list[Hit]:
    """`hits` plus the phrases that need a context or veto check (and their exact case)."""
    vetoes: list[tuple[int, int]] = []
    bound: list[tuple[Hit, frozenset[str]]] = []
    seen: set[str] = set()
    for start, end, group in slow:
        for term in group:
            if term.exact and text[start:end] != term.exact:
                continue
            if term.family == VETO:
                vetoes.append((start, end))
            elif term.family == CONTEXT:
                seen.add(term.label)
            elif term.context:
                bound.append((_hit(start, end, term), term.context))
            else:
                hits.append(_hit(start, end, term))
    hits.extend(hit for hit, context in bound if context & seen)
    if vetoes:
        hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in vetoes)]
    return hits


def _hit(start: int, end: int, term: Term) -> Hit:
    return Hit(start, end, term.family, term.label, NUMBERS[term.family])
