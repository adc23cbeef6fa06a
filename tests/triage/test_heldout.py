"""Figures on stories written for this project, never copied from the devset.

`benchmarks/data/heldout_stories.jsonl` was written after the triage was built, in the devset's
format, to check that the rules generalise. `heldout2_stories.jsonl` was labelled before the
triage first saw it, to stress many outlets' styles, three-party deals, hedges and denials in many
forms, negation traps and look-alikes; its first figures (relevance F1 0.916, status 0.867) were
the generalisation estimate, and its misses led to general rules. `heldout3` (wire and business
press), `heldout4` (trade press, newsrooms, Asian and Gulf press) and `heldout5` (a mix of all)
were written blind, by writers who saw neither the rules nor the cue lists; their first figures
(relevance F1 0.857, 0.903 and 0.886; status 0.677, 0.788 and 0.838) were the estimate, and
their misses led to general rules too. Floors sit a few points below the figures measured
after that work, so a regression fails CI. `heldout6`, written blind last, was measured once
before any change for it (relevance F1 0.972, status 0.944, confirmed precision 1.000,
unconfirmed recall 1.000, parties 0.972, grouping 0.929 / 1.000): the figure to quote.
`heldout7` was written blind in real outlets' phrasing (wire pickups, SEO and slug headlines,
stock-news framing, filings, one-sided headlines) and measured once before any change for it
(relevance F1 0.897, status 0.821, confirmed precision 1.000, unconfirmed recall 0.929, parties
0.897, grouping 0.632 / 0.990); its misses then led to general rules, so it is blind no more.
"""

from __future__ import annotations

import pytest

from benchmarks.devset import load
from benchmarks.eval_triage import figures, judge_all
from briefings.triage import Triage
from tests.conftest import ROOT
from tests.triage.conftest import shortfalls

DATA = ROOT / "benchmarks" / "data"
FLOORS = {
    "heldout_stories.jsonl": {
        "relevance_f1": 0.93,
        "status_accuracy": 0.90,
        "confirmed_precision": 0.98,
        "unconfirmed_recall": 0.95,
        "parties_recall": 0.90,
        "grouping_same_event": 0.90,
        "grouping_different_event": 0.98,
    },
    "heldout3_stories.jsonl": {
        "relevance_f1": 0.95,
        "status_accuracy": 0.93,
        "confirmed_precision": 0.98,
        "unconfirmed_recall": 0.90,
        "parties_recall": 0.93,
        "grouping_same_event": 0.95,
        "grouping_different_event": 0.98,
    },
    "heldout4_stories.jsonl": {
        "relevance_f1": 0.96,
        "status_accuracy": 0.95,
        "confirmed_precision": 0.98,
        "unconfirmed_recall": 0.95,
        "parties_recall": 0.95,
        "grouping_same_event": 0.95,
        "grouping_different_event": 0.98,
    },
    "heldout5_stories.jsonl": {
        "relevance_f1": 0.95,
        "status_accuracy": 0.95,
        "confirmed_precision": 0.98,
        "unconfirmed_recall": 0.95,
        "parties_recall": 0.95,
        "grouping_same_event": 0.95,
        "grouping_different_event": 0.98,
    },
    "heldout6_stories.jsonl": {
        "relevance_f1": 0.95,
        "status_accuracy": 0.92,
        "confirmed_precision": 0.98,
        "unconfirmed_recall": 0.95,
        "parties_recall": 0.95,
        "grouping_same_event": 0.90,
        "grouping_different_event": 0.98,
    },
    "heldout7_stories.jsonl": {
        "relevance_f1": 0.95,
        "status_accuracy": 0.95,
        "confirmed_precision": 0.98,
        "unconfirmed_recall": 0.95,
        "parties_recall": 0.95,
        "grouping_same_event": 0.95,
        "grouping_different_event": 0.96,
    },
    "heldout2_stories.jsonl": {
        "relevance_f1": 0.95,
        "status_accuracy": 0.95,
        "confirmed_precision": 0.98,
        "unconfirmed_recall": 0.95,
        "parties_recall": 0.95,
        "grouping_same_event": 0.95,
        "grouping_different_event": 0.98,
    },
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_figures_hold(triage: Triage, name: str) -> None:
    found = figures(judge_all(triage, load(DATA / name, triage.matcher)))
    below = shortfalls(found, FLOORS[name])
    assert not below, f"{name} below the floor: {below}"
