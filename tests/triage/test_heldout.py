"""Figures on stories written for this project and never used to tune the rules.

`benchmarks/data/heldout_stories.jsonl` was written after the triage was built, in the devset's
format, to check that the rules generalise; floors sit below its first measured figures.
"""

from __future__ import annotations

from benchmarks.devset import load
from benchmarks.eval_triage import figures, judge_all
from briefings.triage import Triage
from tests.conftest import ROOT

HELDOUT = ROOT / "benchmarks" / "data" / "heldout_stories.jsonl"
FLOORS = {
    "relevance_f1": 0.93,
    "status_accuracy": 0.90,
    "confirmed_precision": 0.98,
    "unconfirmed_recall": 0.95,
    "parties_recall": 0.90,
    "grouping_same_event": 0.90,
    "grouping_different_event": 0.98,
}


def test_heldout_figures_hold(triage: Triage) -> None:
    found = figures(judge_all(triage, load(HELDOUT, triage.matcher)))
    below = {name: round(found[name], 3) for name, floor in FLOORS.items()
             if found[name] < floor}
    assert not below, f"below the floor: {below}"
