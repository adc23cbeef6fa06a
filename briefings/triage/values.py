"""Deal size, capacity and what the compute is for, when the story states them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from briefings.models import Use
from briefings.triage.reading import Reading

_VALUE: Final = re.compile(
    r"[$€£¥]\s?\d[\d,.]*\s?(?:tn|trillion|bn|billion|million|mn|m|b)?\b"
    r"|\d[\d,.]*\s?(?:trillion|billion|million)\s(?:dollars|euros|yuan|won)\b",
    re.IGNORECASE)
_CAPACITY: Final = re.compile(
    r"\d(?<![\w.]\d)[\d,.]*\s?(?:-\s?)?(?:gigawatts?|megawatts?|GW|MW)\b"
    r"|\d(?<![\w.]\d)[\d,.]*(?:\s(?:thousand|million))?(?:\s[A-Z][\w-]*){0,2}\s"
    r"(?:GPUs|TPUs|chips|accelerators|processors)\b")
_MODEL_NAME: Final = re.compile(r"[A-Z][\w-]*\s$")
# What each pattern cannot match without: a digit, and a currency or "-illion" (money) or a
# unit (capacity: gigawatt, megawatt, GW, MW, GPUs, ... as the pattern spells them).
DIGITS: Final = "0123456789"
MONEY_HINTS: Final = ("$", "€", "£", "¥", "illion")
CAPACITY_HINTS: Final = ("watt", "GW", "MW", "GPUs", "TPUs", "chips", "accelerators", "processors")


def _may_hold(text: str, hints: Sequence[str]) -> bool:
    """Could a pattern that needs a digit and one of `hints` match `text`? Substring tests are
    several times faster than a regex scan, so they rule out most texts first."""
    if text.isascii() and not any(d in text for d in DIGITS):  # else \d: any Unicode digit
        return False
    return any(hint in text for hint in hints)  # compiled, any() of a generator is a C loop


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip() if match else None


def value(text: str) -> str | None:
    """A money amount such as "$10 billion" (the first one the story gives)."""
    if not _may_hold(text, MONEY_HINTS):
        return None
    return _first(_VALUE, text)


def capacity(text: str) -> str | None:
    """A compute amount such as "1 gigawatt" or "50,000 AMD GPUs" (not "Maia 200 chips")."""
    if not _may_hold(text, CAPACITY_HINTS):
        return None
    for match in _CAPACITY.finditer(text):
        if not _MODEL_NAME.search(text, max(match.start() - 20, 0), match.start()):
            return match.group(0)
    return None


def use(reading: Reading) -> Use:
    """Inference, training, both, or unknown, from the cue families of the same names."""
    inference = bool(reading.family("inference"))
    training = bool(reading.family("training"))
    if inference and training:
        return Use.BOTH
    if inference:
        return Use.INFERENCE
    return Use.TRAINING if training else Use.UNKNOWN
