"""The real-news figures (../shared/realset), asserted a few points below those measured, so a
regression fails CI. `tune` is the split the rules were tuned on, read item by item; `check` was
measured once before the rules were rewritten for real news and once after, never read (see
CHANGELOG.md for both)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.devset import load_realset
from benchmarks.eval_triage import figures, judge_all
from briefings.triage import Triage
from tests.triage.conftest import shortfalls

FLOORS = {
    "tune": {  # measured 0.977, 0.924, 1.000, 0.955, 0.944, 0.910, 0.997
        "relevance_f1": 0.94,
        "status_accuracy": 0.89,
        "confirmed_precision": 0.97,
        "unconfirmed_recall": 0.92,
        "parties_recall": 0.90,
        "grouping_same_event": 0.85,
        "grouping_different_event": 0.98,
    },
    # measured 0.851, 0.604, 0.765, 0.593, 0.681, 0.508, 1.000 (once, at the end of the round
    # that rewrote tune in other words); CONFIRMED precision fell from 0.857 and UNCONFIRMED
    # recall from 0.630 that round (about two more rumours shown CONFIRMED): a regression the
    # floors now admit, written up in CHANGELOG.md and on issue #15, not a target
    "check": {
        "relevance_f1": 0.83,
        "status_accuracy": 0.57,
        "confirmed_precision": 0.73,
        "unconfirmed_recall": 0.56,
        "parties_recall": 0.65,
        "grouping_same_event": 0.48,
        "grouping_different_event": 0.97,
    },
}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_realset_figures_hold(triage: Triage, realset_path: Path, split: str) -> None:
    found = figures(judge_all(triage, load_realset(realset_path, triage.matcher, split)))
    below = shortfalls(found, FLOORS[split])
    assert not below, f"realset {split} below the floor: {below}"
