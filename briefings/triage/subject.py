"""The deal's chips and a short human subject ("Maia chips for inference", "compute capacity")."""

from __future__ import annotations

import re

from briefings.models import Use
from briefings.triage.reading import TITLE, Reading

_FAMILY = re.compile(r"[A-Za-z]+")
MEMORY = frozenset({"hbm", "hbm3e", "hbm4", "hbm4e", "memory"})
FOUNDRY = frozenset({"foundry", "fab", "wafer", "wafers"})


def family(chip: str) -> str:
    """A chip's family: its first word without a generation number (Trainium3 -> Trainium)."""
    match = _FAMILY.match(chip)
    return match.group(0) if match else chip


def chips(reading: Reading) -> tuple[str, ...]:
    """Chips named in the title, else in the body; a generic name gives way to a specific one."""
    hits = reading.family("chip")
    named = [h.label for i, h in hits if i == TITLE] or [h.label for _, h in hits]
    unique = list(dict.fromkeys(named))
    specific = {family(c) for c in unique if c != family(c)}
    return tuple(c for c in unique if c != family(c) or c not in specific)


def subject(reading: Reading, chosen: tuple[str, ...], use: Use) -> str:
    """A few words saying what is being supplied, and what for when the story says."""
    purpose = f" for {use.value}" if use in (Use.INFERENCE, Use.TRAINING) else ""
    if chosen:
        return f"{family(chosen[0])} chips{purpose}"
    compute = {h.label for _, h in reading.family("compute")}
    if compute & MEMORY:
        return "memory supply"
    if compute & FOUNDRY:
        return "chip manufacturing"
    return f"compute capacity{purpose}"
