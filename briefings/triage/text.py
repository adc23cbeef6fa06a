"""Text normalisation: feed text to one plain, single-spaced line that the matcher can trust.

Offsets matter: the matcher works on `fold(text)`, which keeps every character at its place, so a
hit found in the folded text can be read back (for case checks and quotes) from the original.
"""

from __future__ import annotations

import html
import re
from typing import Final

_TAGS: Final = re.compile(r"<[^>]*>")
_SPACE: Final = re.compile(r"\s+")
# A sentence ends at its [.!?] (the match's first character), tried only where one of _MARKS is.
_SENTENCE_END: Final = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_MARKS: Final = ".!?"
_TRANSLATE: Final = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2011": "-", "\u00a0": " ", "\u2009": " ", "\u200b": "",
})
_ABBREVIATIONS: Final = ("Inc.", "Corp.", "Co.", "Ltd.", "U.S.", "U.K.", "Mr.", "Ms.", "Dr.", "vs.",
                         "No.", "St.", "Jr.", "Sr.", "e.g.", "i.e.", "approx.", "C.",
                         "N.V.", "B.V.", "S.A.", "A.G.", "L.P.")
# The abbreviations by their last two characters: a sentence's end is tested against the one or
# two that end as it does, not all of them.
_ENDING: Final = {end: tuple(a for a in _ABBREVIATIONS if a.endswith(end))
                  for end in {a[-2:] for a in _ABBREVIATIONS}}
# What may follow a sentence's mark besides a space (what _SENTENCE_END allows): testing the
# next character first rules out decimal points and the dots inside names cheaply.
_CLOSERS: Final = frozenset("\"')\u201d\u2019")


def clean(raw: str) -> str:
    """Light HTML and entities to plain text; typographic quotes and dashes made ASCII; spaces
    folded.

    Idempotent: cleaning clean text changes nothing.
    """
    text = raw
    while "<" in text or "&" in text:
        unescaped = html.unescape(_TAGS.sub(" ", text))
        if unescaped == text:
            break
        text = unescaped
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def fold(text: str) -> str:
    """Lower-case `text` without changing its length (so offsets map back one to one)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Start and end offsets of each sentence of `text[start:]`, as offsets in `text`, not
    splitting after common abbreviations."""
    spans: list[tuple[int, int]] = []
    origin = start
    at = start
    while (mark := _next_mark(text, at)) >= 0:  # as finditer would, without its slow scan
        after = text[mark + 1:mark + 2]
        match = (_SENTENCE_END.match(text, mark) if after in _CLOSERS or after.isspace()
                 else None)
        if match is None:
            at = mark + 1
            continue
        at = match.end()
        if text.endswith(_ENDING.get(text[mark - 1:mark + 1], ()), origin, mark + 1):
            continue
        spans.append((start, mark + 1))
        start = at
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _next_mark(text: str, at: int) -> int:
    """Where the next [.!?] is from `at`, or -1. str.find is a C scan, several times faster
    than the regex engine testing each character against a set."""
    first = -1
    for mark in _MARKS:
        found = text.find(mark, at)
        if found >= 0 and (first < 0 or found < first):
            first = found
    return first
