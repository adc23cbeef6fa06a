"""Deal size, capacity and what the compute is for, when the story states them."""

from __future__ import annotations

import re

from briefings.models import Use
from briefings.triage.reading import Reading

_VALUE = re.compile(
    r"[$€£¥]\s?\d[\d,.]*\s?(?:tn|trillion|bn|billion|million|mn|m|b)?\b"
    r"|\d[\d,.]*\s?(?:trillion|billion|million)\s(?:dollars|euros|yuan|won)\b",
    re.IGNORECASE)
_CAPACITY = re.compile(
    r"\d(?<![\w.]\d)[\d,.]*\s?(?:-\s?)?(?:gigawatts?|megawatts?|GW|MW)\b"
    r"|\d(?<![\w.]\d)[\d,.]*(?:\s(?:thousand|million))?(?:\s[A-Z][\w-]*){0,2}\s"
    r"(?:GPUs|TPUs|chips|accelerators|processors)\b")
_MODEL_NAME = re.compile(r"[A-Z][\w-]*\s$")
_MONEY_HINT = re.compile(r"[$€£¥]|illion")


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip() if match else None


def value(text: str) -> str | None:
    """A money amount such as "$10 billion" (the first one the story gives)."""
    if not _MONEY_HINT.search(text):  # a cheap scan rules out most texts before the full pattern
        return None
    return _first(_VALUE, text)


def capacity(text: str) -> str | None:
    """A compute amount such as "1 gigawatt" or "50,000 AMD GPUs" (not "Maia 200 chips")."""
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
