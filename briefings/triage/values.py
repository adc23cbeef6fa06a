"""Deal size, capacity and what the compute is for, when the story states them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from briefings.models import Use
from briefings.triage.reading import Reading
from briefings.triage.text import fold

# A money amount: a currency sign before a number, or a number of (m|b|tr)illions of a currency
# named after it. The regex engine tests a character class at about 60 instructions a character,
# str.find and bytes.find at a few: so the patterns are only tried where a match can start (a
# sign, a number) or near what it must hold ("illion"), found by those.
_SIGNED_AMOUNT: Final = re.compile(
    r"[$€£¥]\s?\d[\d,.]*\s?(?:tn|trillion|bn|billion|million|mn|m|b)?\b", re.IGNORECASE)
_WORDED_AMOUNT: Final = re.compile(
    r"\d[\d,.]*\s?(?:trillion|billion|million)\s(?:dollars|euros|yuan|won)\b", re.IGNORECASE)
# A compute amount starts where a number does: a digit not after a word character or a dot.
_CAPACITY: Final = re.compile(
    r"\d(?<![\w.]\d)(?:[\d,.]*\s?(?:-\s?)?(?:gigawatts?|megawatts?|GW|MW)\b"
    r"|[\d,.]*(?:\s(?:thousand|million))?(?:\s[A-Z][\w-]*){0,2}\s"
    r"(?:GPUs|TPUs|chips|accelerators|processors)\b)")
_MODEL_NAME: Final = re.compile(r"[A-Z][\w-]*\s$")
SIGNS: Final = ("$", "€", "£", "¥")
# How far before its "illion" a worded amount can start: no number is this long.
NUMBER_REACH: Final = 64
# ASCII text as number marks: digits "0", word characters and dots "a", the rest " ". A number
# starts at each " 0" of the marks with a space in front.
_NUMBER_MARKS: Final = bytes(
    48 if chr(c).isdigit() else 97 if chr(c).isalnum() or chr(c) in "_." else 32
    for c in range(128)) + bytes(32 for _ in range(128, 256))


def value(text: str) -> str | None:
    """A money amount such as "$10 billion" (the first one the story gives)."""
    signed = _first_signed(text)
    worded = _first_worded(text, signed.start() if signed else len(text))
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


def _first_worded(text: str, end: int) -> re.Match[str] | None:
    """The first worded amount before `end`: searched from just before the first "illion". (A
    worded amount holds no sign, so one that starts before a signed amount ends before it, and
    `end` cuts no match short.)"""
    at = fold(text).find("illion", 0, end)
    if at < 0:
        return None
    return _WORDED_AMOUNT.search(text, max(at - NUMBER_REACH, 0), end)


def capacity(text: str) -> str | None:
    """A compute amount such as "1 gigawatt" or "50,000 AMD GPUs" (not "Maia 200 chips")."""
    for match in _capacities(text):
        if not _MODEL_NAME.search(text, max(match.start() - 20, 0), match.start()):
            return match.group(0)
    return None


def _capacities(text: str) -> Iterator[re.Match[str]]:
    """What `_CAPACITY.finditer(text)` finds, with the pattern tried only where a number starts
    (in ASCII text; elsewhere a digit may be any Unicode digit, and finditer does it all)."""
    if not text.isascii():
        yield from _CAPACITY.finditer(text)
        return
    marks = b" " + text.encode().translate(_NUMBER_MARKS)  # marks[i + 1] marks text[i]
    at = 0
    while (start := marks.find(b" 0", at)) >= 0:  # a number starts at text[start]
        match = _CAPACITY.match(text, start)
        if match is None:
            at = start + 1
        else:
            yield match
            at = match.end()


def use(reading: Reading) -> Use:
    """Inference, training, both, or unknown, from the cue families of the same names."""
    inference = bool(reading.family("inference"))
    training = bool(reading.family("training"))
    if inference and training:
        return Use.BOTH
    if inference:
        return Use.INFERENCE
    return Use.TRAINING if training else Use.UNKNOWN
