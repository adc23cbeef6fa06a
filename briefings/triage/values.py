"""Deal size, capacity and what the compute is for, when the story states them."""

from __future__ import annotations

import re
from typing import Final

from briefings.models import Use
from briefings.triage.reading import Reading
from briefings.triage.text import fold

# A money amount: a currency sign before a number, or a number of (m|b|tr)illions of a currency
# named after it. The regex engine tests a character class at about 60 instructions a character,
# str.find and bytes.find at a few: so the patterns are only tried where a match can start (a
# sign, a number) or near what it must hold ("illion"), found by those.
_SIGNED_AMOUNT: Final = re.compile(
    r"[$€£¥]\s?\d[\d,.]*\s?(?:tn|trillion|bn|bln|billion|million|mn|mln|m|b)?\b", re.IGNORECASE)
_WORDED_AMOUNT: Final = re.compile(
    r"\d[\d,.]*\s?(?:trillion|billion|million)\s(?:dollars|euros|yuan|won)\b", re.IGNORECASE)
# A compute amount starts where a number does: a digit not after a word character or a dot.
# Possessive runs (*+): what follows a number or a word cannot be part of it, so giving back
# characters never helps a match, and failing attempts (most numbers) stop at once.
_CAPACITY: Final = re.compile(
    r"\d(?<![\w.]\d)[\d,.]*+(?:\s?(?:-\s?)?(?:gigawatts?|megawatts?|GW|MW)\b"
    r"|(?:\s(?:thousand|million))?(?:\s[A-Z][\w-]*+){0,2}\s"
    r"(?:GPUs|TPUs|chips|accelerators|processors)\b)")
_MODEL_NAME: Final = re.compile(r"[A-Z][\w-]*\s$")
SIGNS: Final = ("$", "€", "£", "¥")
# By (an inference cue?) + 2 * (a training cue?): an enum member read from the class costs a
# metaclass lookup, a tuple item does not.
USES: Final = (Use.UNKNOWN, Use.INFERENCE, Use.TRAINING, Use.BOTH)
# How far before its "illion" a worded amount can start: no number is this long.
NUMBER_REACH: Final = 64
# ASCII text as number marks: digits "0", word characters and dots "a", the rest " ". A number
# starts at each " 0" of the marks with a space in front.
_NUMBER_MARKS: Final = bytes(
    48 if chr(c).isdigit() else 97 if chr(c).isalnum() or chr(c) in "_." else 32
    for c in range(128)) + bytes(32 for _ in range(128, 256))


def value(text: str, folded: str | None = None) -> str | None:
    """A money amount such as "$10 billion" (the first one the story gives). `folded` is
    fold(text), or the fold of a text that starts with `text`, when the caller has it."""
    signed = _first_signed(text)
    worded = _first_worded(text, fold(text) if folded is None else folded,
                           signed.start() if signed else len(text))
    found = worded or signed  # a worded amount is only looked for before the signed one
    return found.group(0).strip() if found else None


def _first_signed(text: str) -> re.Match[str] | None:
    """The first signed amount: the pattern tried at each currency sign, in text order."""
    at = 0
    while True:
        first = -1
        for sign in SIGNS:
            found = text.find(sign, at)
            if found >= 0 and (first < 0 or found < first):
                first = found
        if first < 0:
            return None
        match = _SIGNED_AMOUNT.match(text, first)
        if match is not None:
            return match
        at = first + 1


def _first_worded(text: str, folded: str, end: int) -> re.Match[str] | None:
    """The first worded amount before `end`: searched from just before the first "illion". (A
    worded amount holds no sign, so one that starts before a signed amount ends before it, and
    `end` cuts no match short.)"""
    at = folded.find("illion", 0, end)
    if at < 0:
        return None
    return _WORDED_AMOUNT.search(text, max(at - NUMBER_REACH, 0), end)


def capacity(text: str) -> str | None:
    """A compute amount such as "1 gigawatt" or "50,000 AMD GPUs" (not "Maia 200 chips"): the
    first `_CAPACITY` match (as finditer finds them) not after a model name. In ASCII text the
    pattern is tried only where a number starts; elsewhere a digit may be any Unicode digit."""
    if not text.isascii():
        return next((m.group(0) for m in _CAPACITY.finditer(text) if _unnamed(text, m)), None)
    marks = b" " + text.encode().translate(_NUMBER_MARKS)  # marks[i + 1] marks text[i]
    at = 0
    while (start := marks.find(b" 0", at)) >= 0:  # a number starts at text[start]
        match = _CAPACITY.match(text, start)
        if match is None:
            at = start + 1
        elif _unnamed(text, match):
            return match.group(0)
        else:
            at = match.end()
    return None


def _unnamed(text: str, match: re.Match[str]) -> bool:
    """Is the amount not a model's number ("Maia 200 chips")?"""
    return _MODEL_NAME.search(text, max(match.start() - 20, 0), match.start()) is None


def use(reading: Reading) -> Use:
    """Inference, training, both, or unknown, from the cue families of the same names."""
    return USES[bool(reading.family("inference")) + 2 * bool(reading.family("training"))]
