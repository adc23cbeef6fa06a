"""The devset figures, asserted a few points below the issue's targets so regressions fail CI."""

from __future__ import annotations

from pathlib import Path

from benchmarks.devset import load
from benchmarks.eval_triage import figures, judge_all
from briefings.triage import Triage
from tests.triage.conftest import shortfalls

FLOORS = {
    "relevance_f1": 0.93,
    "status_accuracy": 0.90,
    "confirmed_precision": 0.97,
    "unconfirmed_recall": 0.93,
    "parties_recall": 0.93,
    "grouping_same_event": 0.87,
    "grouping_different_event": 0.97,
}


def test_devset_figures_hold(triage: Triage, devset_path: Path) -> None:
    found = figures(judge_all(triage, load(devset_path, triage.matcher)))
    below = shortfalls(found, FLOORS)
    assert not below, f"below the floor: {below}"
