"""Evidence quotes cut where a reader pauses: the whole sentence when it fits, else the clause
(cut at ; : or a dash), else the comma-separated phrases around the cue, and only then a plain
window of words; an ellipsis marks each side that was cut. Triage quotes story sentences with
it and Slack rendering (so the demo too) fits stored quotes to a length with it: one rule.
"""

from __future__ import annotations

import re
from typing import Final

QUOTE_WORDS: Final = 12
ELLIPSIS: Final = "…"
# Boundaries from strongest to weakest; each match is the separator between two pieces.
_LEVELS: Final = (re.compile(r"(?<=[.!?])\s+(?=\S)"),
                  re.compile("\\s*[;:]\\s+|\\s+[\u2014\u2013-]{1,2}\\s+|\\s*\u2014\\s*"),
                  re.compile(r",\s+"))
_TRIM: Final = " ,;:\u2014\u2013-"

Span = tuple[int, int]


def cut_quote(text: str, cue: Span = (0, 0), max_words: int = QUOTE_WORDS,
              max_chars: int | None = None) -> str:
    """The part of `text` around `cue` (character offsets) that fits `max_words` words and
    `max_chars` characters (ellipses included), cut at the strongest boundary that fits."""
    return _show(text, _narrow(text, (0, len(text)), cue, max_words, max_chars))


def _fits(text: str, span: Span, max_words: int, max_chars: int | None) -> bool:
    piece = text[span[0]:span[1]]
    return len(piece.split()) <= max_words and (max_chars is None or len(piece) + 2 <= max_chars)


def _narrow(text: str, span: Span, cue: Span, max_words: int, max_chars: int | None) -> Span:
    if _fits(text, span, max_words, max_chars):
        return span
    for level in _LEVELS:
        pieces = _pieces(text, span, level)
        if len(pieces) < 2:
            continue
        at = next((i for i, (_, end) in enumerate(pieces) if cue[0] < end), len(pieces) - 1)
        first, last = at, at
        if not _fits(text, pieces[at], max_words, max_chars):
            return _narrow(text, pieces[at], cue, max_words, max_chars)
        while last + 1 < len(pieces) and _fits(text, (pieces[first][0], pieces[last + 1][1]),
                                               max_words, max_chars):
            last += 1
        while first > 0 and _fits(text, (pieces[first - 1][0], pieces[last][1]),
                                  max_words, max_chars):
            first -= 1
        return pieces[first][0], pieces[last][1]
    return _window(text, span, cue, max_words, max_chars)


def _pieces(text: str, span: Span, level: re.Pattern[str]) -> list[Span]:
    pieces, start = [], span[0]
    for match in level.finditer(text, span[0], span[1]):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, span[1]))
    return [p for p in pieces if text[p[0]:p[1]].strip(_TRIM)]


def _window(text: str, span: Span, cue: Span, max_words: int, max_chars: int | None) -> Span:
    """No boundary fits: whole words from the cue's word, right first, then left."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[:span[1]])
             if m.start() >= span[0]]
    at = next((i for i, (_, end) in enumerate(words) if cue[0] < end), 0)
    first, last = at, at
    grew = True
    while grew:
        grew = False
        if last + 1 < len(words) and _fits(text, (words[first][0], words[last + 1][1]),
                                           max_words, max_chars):
            last, grew = last + 1, True
        if first > 0 and _fits(text, (words[first - 1][0], words[last][1]),
                               max_words, max_chars):
            first, grew = first - 1, True
    start, end = words[first][0], words[last][1]
    if max_chars is not None and end - start + 2 > max_chars:  # one word longer than the limit
        end = start + max(max_chars - 2, 1)
    return start, end


def _show(text: str, span: Span) -> str:
    piece = text[span[0]:span[1]].strip()
    if span[1] < len(text.rstrip()):
        piece = piece.rstrip(_TRIM) + ELLIPSIS
    if span[0] > len(text) - len(text.lstrip()):
        piece = ELLIPSIS + piece.lstrip(_TRIM)
    return piece
