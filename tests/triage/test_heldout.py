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

`heldout8` to `heldout56` (40 stories each, dated 2029-32) were written in thirteen rounds by
writers who saw neither the rules, the cue lists nor the real-news set, each with one emphasis
(rumours,
announcements, messy formats, status edge cases, trade and finance press, international
outlets, one-sided headlines, look-alikes, custom silicon, cloud capacity, short feed items,
money and compute, market sites, context-first ledes, miners turned AI hosts, Chinese chips,
denials and updates, deal life-cycles, European and sovereign compute, the big labs,
aggregator snippets, attribution, question headlines, a 2023-26-style mix, press releases,
newsletters, multi-topic items, Asian supply-chain press, Korean and Japanese deals, HTML
noise, named facilities, deals from rumour to outcome, negation forms, wire briefs, long-tail
companies, Gulf and Indian deals; then one-sided and place-first headlines, unusual deal verbs,
status edges, a 2023-26-style mix; last finance and SEO sites, wire scoops, regional outlets and
trade press in real coverage's mess, a third of them undated). Each was
scored once on arrival by the rules of the day and by this work's starting point; its misses
then led to general rules (CHANGELOG names the figures). The last two rounds scored the rules
with and without the word model before it trained on them. The first three followed a brief that
also counted an ordinary enterprise buying AI compute (a bank, a carmaker) as deal news; later
briefs make such a buyer borderline at most, as the devset does. Floors sit five points below
the figures measured at the end (confirmed precision at 0.90: one rumour in ten shown
confirmed fails).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.devset import load
from benchmarks.eval_triage import figures, judge_all
from briefings.triage import Triage
from tests.conftest import ROOT
from tests.triage.conftest import shortfalls

DATA = ROOT / "benchmarks" / "data"
METRICS = ("relevance_f1", "status_accuracy", "confirmed_precision", "unconfirmed_recall",
           "parties_recall", "grouping_same_event", "grouping_different_event")
FLOORS: dict[str, dict[str, float]] = {
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


# relevance F1, status accuracy, confirmed precision, unconfirmed recall, parties recall,
# grouping same / different
BLIND_FLOORS: dict[str, tuple[float, ...]] = {
    "heldout8_stories.jsonl": (0.90, 0.85, 0.90, 0.85, 0.83, 0.80, 0.95),
    "heldout9_stories.jsonl": (0.84, 0.75, 0.90, 0.61, 0.68, 0.45, 0.95),
    "heldout10_stories.jsonl": (0.75, 0.61, 0.90, 0.61, 0.58, 0.40, 0.95),
    "heldout11_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.92, 0.95, 0.95),
    "heldout12_stories.jsonl": (0.90, 0.83, 0.90, 0.83, 0.87, 0.83, 0.95),
    "heldout13_stories.jsonl": (0.89, 0.85, 0.90, 0.95, 0.82, 0.83, 0.95),
    "heldout14_stories.jsonl": (0.92, 0.85, 0.90, 0.95, 0.86, 0.95, 0.91),
    "heldout15_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout16_stories.jsonl": (0.92, 0.89, 0.90, 0.83, 0.89, 0.95, 0.95),
    "heldout17_stories.jsonl": (0.92, 0.90, 0.90, 0.95, 0.90, 0.95, 0.95),
    "heldout18_stories.jsonl": (0.89, 0.85, 0.90, 0.80, 0.85, 0.95, 0.95),
    "heldout19_stories.jsonl": (0.80, 0.70, 0.90, 0.95, 0.74, 0.61, 0.95),
    "heldout20_stories.jsonl": (0.91, 0.87, 0.90, 0.95, 0.83, 0.95, 0.95),
    "heldout21_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout22_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.92, 0.95, 0.95),
    "heldout23_stories.jsonl": (0.92, 0.90, 0.90, 0.95, 0.90, 0.95, 0.95),
    "heldout24_stories.jsonl": (0.86, 0.80, 0.90, 0.95, 0.80, 0.86, 0.95),
    "heldout25_stories.jsonl": (0.86, 0.79, 0.90, 0.66, 0.79, 0.80, 0.95),
    "heldout26_stories.jsonl": (0.92, 0.89, 0.90, 0.95, 0.86, 0.95, 0.95),
    "heldout27_stories.jsonl": (0.89, 0.85, 0.90, 0.78, 0.83, 0.87, 0.95),
    "heldout28_stories.jsonl": (0.92, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout29_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout30_stories.jsonl": (0.95, 0.89, 0.90, 0.95, 0.92, 0.85, 0.93),
    "heldout31_stories.jsonl": (0.88, 0.76, 0.90, 0.95, 0.84, 0.82, 0.95),
    "heldout32_stories.jsonl": (0.92, 0.89, 0.90, 0.83, 0.88, 0.85, 0.95),
    "heldout33_stories.jsonl": (0.90, 0.81, 0.90, 0.83, 0.85, 0.95, 0.95),
    "heldout34_stories.jsonl": (0.92, 0.83, 0.90, 0.95, 0.89, 0.72, 0.95),
    "heldout35_stories.jsonl": (0.84, 0.75, 0.90, 0.82, 0.75, 0.66, 0.95),
    "heldout36_stories.jsonl": (0.90, 0.85, 0.90, 0.95, 0.85, 0.87, 0.95),
    "heldout37_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.87, 0.85, 0.92),
    "heldout38_stories.jsonl": (0.85, 0.80, 0.90, 0.95, 0.80, 0.85, 0.95),
    "heldout39_stories.jsonl": (0.92, 0.89, 0.90, 0.95, 0.86, 0.78, 0.95),
    "heldout40_stories.jsonl": (0.95, 0.89, 0.90, 0.95, 0.92, 0.79, 0.93),
    "heldout41_stories.jsonl": (0.87, 0.75, 0.90, 0.95, 0.80, 0.87, 0.95),
    "heldout42_stories.jsonl": (0.92, 0.89, 0.90, 0.95, 0.89, 0.76, 0.95),
    "heldout43_stories.jsonl": (0.86, 0.79, 0.90, 0.75, 0.79, 0.61, 0.95),
    "heldout44_stories.jsonl": (0.92, 0.86, 0.90, 0.95, 0.88, 0.88, 0.95),
    "heldout45_stories.jsonl": (0.86, 0.84, 0.90, 0.72, 0.84, 0.72, 0.95),
    "heldout46_stories.jsonl": (0.92, 0.78, 0.90, 0.95, 0.86, 0.85, 0.95),
    "heldout47_stories.jsonl": (0.92, 0.89, 0.90, 0.83, 0.87, 0.66, 0.95),
    "heldout48_stories.jsonl": (0.89, 0.84, 0.90, 0.80, 0.85, 0.73, 0.95),
    "heldout49_stories.jsonl": (0.95, 0.88, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout50_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout51_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout52_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.82, 0.95),
    "heldout53_stories.jsonl": (0.89, 0.89, 0.90, 0.95, 0.89, 0.85, 0.95),
    "heldout54_stories.jsonl": (0.92, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout55_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
    "heldout56_stories.jsonl": (0.95, 0.95, 0.90, 0.95, 0.95, 0.95, 0.95),
}
FLOORS.update({name: dict(zip(METRICS, floors, strict=True))
               for name, floors in BLIND_FLOORS.items()})


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_figures_hold(triage: Triage, name: str) -> None:
    found = figures(judge_all(triage, load(DATA / name, triage.matcher)))
    below = shortfalls(found, FLOORS[name])
    assert not below, f"{name} below the floor: {below}"


def test_every_set_in_the_data_folder_has_floors() -> None:
    """A set added to benchmarks/data without floors would guard nothing."""
    assert sorted(p.name for p in DATA.glob("*_stories.jsonl")) == sorted(FLOORS)


def test_undated_rows_take_their_deals_date_or_arrive_last(triage: Triage, tmp_path: Path) -> None:
    """Written sets may leave dates out, as real scraped items do: an undated report joins its
    deal's dated one; an undated story of no dated deal arrives after every dated row."""
    rows = [
        {"id": "x-1", "published": "2031-03-02T23:30:00-05:00", "event": "a"},
        {"id": "x-2", "published": None, "event": "b"},
        {"id": "x-3", "published": None, "event": "a"},
        {"id": "x-4", "published": "2031-01-05T09:00:00+00:00", "event": None},
    ]
    path = tmp_path / "undated_stories.jsonl"
    path.write_text("".join(json.dumps({
        **row, "source": "Wire", "link": f"https://wire.example/{row['id']}",
        "title": "Lab signs GPU deal", "description": "", "relevant": False, "status": None,
        "parties": [], "borderline": False, "label_note": ""}) + "\n" for row in rows))
    loaded = load(path, triage.matcher)
    assert [item.ident for item in loaded] == ["x-4", "x-1", "x-3", "x-2"]
    assert [item.story.published for item in loaded][1:3] == [
        datetime(2031, 3, 3, 4, 30, tzinfo=UTC)] * 2
