"""The deal's chips and a short human subject ("Maia chips for inference", "compute capacity").

A deal's chips are the named chips made by one of its parties: NVIDIA GPUs in a cloud rental are
how the capacity is built, not what the deal between the cloud and the lab is about.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from briefings.models import DealKind, Use
from briefings.triage.parties import main_clause_end
from briefings.triage.reading import TITLE, Reading
from briefings.triage.roles import Roster

_FAMILY: Final = re.compile(r"[A-Za-z]+")
_GENERATION: Final = re.compile(r"\d")
PURPOSES: Final = (Use.INFERENCE, Use.TRAINING)  # named in a subject ("... for inference")
MEMORY: Final = frozenset({"hbm", "hbm3e", "hbm4", "hbm4e", "memory"})
CHIP_WORDS: Final = frozenset({
    "chip", "chips", "ai chip", "ai chips", "gpu", "gpus", "accelerator", "accelerators",
    "processors", "ai processors", "custom silicon", "asic", "asics", "xpu", "xpus", "silicon"})


@cache  # chip names come from the watch list: a few dozen, asked about in every relevant story
def family(chip: str) -> str:
    """A chip's family: its first word without a generation number (Trainium3 -> Trainium)."""
    match = _FAMILY.match(chip)
    return match.group(0) if match else chip


@cache
def generation(chip: str) -> bool:
    """Does the name pin a generation (Trainium3, Maia 200), not just a family?"""
    return _GENERATION.search(chip) is not None


def chips(reading: Reading, roster: Roster, parties: tuple[str, ...]) -> tuple[str, ...]:
    """Party-made chips in the headline's main clause, else the lead sentence; a chip named
    after a `separate` cue in its sentence ("a custom chip, separate from the MI450 supply
    deal") is the other deal's."""
    stop = main_clause_end(reading)
    apart = {h.sentence: h.start for h in reversed(reading.family("separate"))}
    hits = [h for h in reading.family("chip") if roster.owner[h.label] in parties
            and h.label not in roster.projects and h.start < apart.get(h.sentence, h.end)]
    named = [h.label for h in hits if h.sentence == TITLE and h.start < stop]
    named = named or [h.label for h in hits if h.sentence == 1]
    if not named:
        return ()
    unique = list(dict.fromkeys(named))
    pinned = {family(c) for c in unique if generation(c)}
    return tuple(c for c in unique if generation(c) or family(c) not in pinned)


def kind(reading: Reading, roster: Roster, parties: tuple[str, ...],
         named: tuple[str, ...]) -> DealKind:
    """What is supplied: memory (a memory maker's HBM), manufacturing (a foundry making chips
    it does not design), chips (named, or a chip vendor's chips), or compute capacity."""
    words = {h.label for family in ("compute", "hardware") for h in reading.family(family)}
    if words & MEMORY and _with_role(roster, parties, "memory"):
        return DealKind.MEMORY
    if not named and any(roster.has_role(p, ("foundry",)) and not roster.has_role(
            p, ("chip-vendor",)) for p in parties):
        return DealKind.MANUFACTURING
    if named or (_with_role(roster, parties, "chip-vendor") and words & CHIP_WORDS):
        return DealKind.CHIPS
    return DealKind.CAPACITY


def subject(roster: Roster, parties: tuple[str, ...], named: tuple[str, ...], what: DealKind,
            use: Use) -> str:
    """A few words for people saying what is supplied ("Maia chips for inference")."""
    purpose = f" for {use}" if use in PURPOSES else ""
    if what is DealKind.MEMORY:
        return "memory supply"
    if what is DealKind.MANUFACTURING:
        return "chip manufacturing"
    if what is DealKind.CHIPS:
        maker = family(named[0]) if named else _with_role(roster, parties, "chip-vendor")
        return f"{maker} chips{purpose}"
    return f"compute capacity{purpose}"


def _with_role(roster: Roster, parties: tuple[str, ...], role: str) -> str | None:
    return next((p for p in parties if roster.has_role(p, (role,))), None)

