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
# A sentence ends at its [.!?] (the match's first character) before a capital or a digit.
_SENTENCE_END: Final = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_TRANSLATE: Final = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2011": "-", "\u00a0": " ", "\u2009": " ", "\u200b": "",
})
_ABBREVIATIONS: Final = ("Inc.", "Corp.", "Co.", "Ltd.", "U.S.", "U.K.", "Mr.", "Ms.", "Dr.", "vs.",
                         "No.", "St.", "Jr.", "Sr.", "e.g.", "i.e.", "approx.", "C.",
                         "N.V.", "B.V.", "S.A.", "A.G.", "L.P.",
                         # months, as datelines write them ("Sep. 17, 2025")
                         "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.",
                         "Dec.")


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
    for match in _SENTENCE_END.finditer(text, start):
        mark = match.start()
        if not text.endswith(_ABBREVIATIONS, origin, mark + 1):
            spans.append((start, mark + 1))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
