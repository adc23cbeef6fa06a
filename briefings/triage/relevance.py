"""Is the story's main news an AI-compute deal? A score from where the deal signals sit.

The title carries the main news, so signals there weigh most; the lead sentences back it up.
Exclusion cues (earnings, lawsuits, hires, export rules, analysis pieces) pull the score down
but cannot veto a headline that names both sides of a deal and a deal verb.
"""

from __future__ import annotations

from briefings.triage.parties import Roster, names_in
from briefings.triage.reading import TITLE, Reading

THRESHOLD = 0.6
LEAD = range(1, 3)
DEALISH = frozenset({"deal", "talks", "final", "deny"})
COMPUTE = frozenset({"chip", "compute"})
EXCLUDE_TITLE, EXCLUDE_LEAD = 0.25, 0.1


def score(reading: Reading, roster: Roster, parties: tuple[str, ...]) -> float:
    """0..1; the story is deal news at or above THRESHOLD."""
    if not parties:
        return 0.0
    total = _pair(reading, roster, parties) + _deal(reading) + _compute(reading)
    total -= _exclusions(reading)
    return round(min(max(total, 0.0), 1.0), 3)


def _pair(reading: Reading, roster: Roster, parties: tuple[str, ...]) -> float:
    named = [n for n in names_in(reading, roster, TITLE) if n in parties]
    if roster.pairable(named):
        return 0.35
    return 0.2 if named else 0.05


def _deal(reading: Reading) -> float:
    families = {h.family for h in reading.by_sentence[TITLE]}
    if families & DEALISH:
        return 0.35
    lead = {h.family for i in LEAD if i < len(reading.spans) for h in reading.by_sentence[i]}
    return 0.2 if lead & DEALISH else 0.0


def _compute(reading: Reading) -> float:
    if any(h.family in COMPUTE for h in reading.by_sentence[TITLE]):
        return 0.3
    lead = any(i in LEAD for family in COMPUTE for i, _ in reading.family(family))
    if lead:
        return 0.2
    return 0.1 if reading.family("chip") or reading.family("compute") else 0.0


def _exclusions(reading: Reading) -> float:
    title = {h.label for h in reading.by_sentence[TITLE] if h.family == "exclude"}
    lead = {h.label for i, h in reading.family("exclude") if i == 1}
    return min(len(title), 2) * EXCLUDE_TITLE + min(len(lead), 2) * EXCLUDE_LEAD
