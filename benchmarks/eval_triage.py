"""Triage figures on the labelled devset: relevance, status, parties and deal grouping.

Usage: python benchmarks/eval_triage.py [--devset PATH] [--config PATH] [--errors]
Borderline items are left out of every figure (they are still fed to grouping, in order).
"""

from __future__ import annotations

import argparse
import os
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.devset import DEVSET, Labelled, load
from briefings.config import load_config
from briefings.models import Verdict
from briefings.triage import Triage
from briefings.triage.book import DealBook

Judged = list[tuple[Labelled, Verdict, str | None]]


def judge_all(triage: Triage, items: list[Labelled]) -> Judged:
    """Verdicts and deal keys for every item, in arrival order."""
    book = DealBook()
    out: Judged = []
    for item in items:
        verdict = triage.judge(item.story)
        key = book.place(verdict, item.story) if verdict.relevant else None
        out.append((item, verdict, key))
    return out


def figures(judged: Judged) -> dict[str, float]:
    """Every figure the issue asks for, borderline items left out."""
    kept = [row for row in judged if not row[0].borderline]
    return {**_relevance(kept), **_status(kept), **_parties(kept), **_grouping(kept)}


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def _relevance(kept: Judged) -> dict[str, float]:
    tp = sum(1 for item, v, _ in kept if item.relevant and v.relevant)
    fp = sum(1 for item, v, _ in kept if not item.relevant and v.relevant)
    fn = sum(1 for item, v, _ in kept if item.relevant and not v.relevant)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"relevance_precision": precision, "relevance_recall": recall, "relevance_f1": f1}


def _status(kept: Judged) -> dict[str, float]:
    rel = [(item.status, v.status.value if v.status else None) for item, v, _ in kept
           if item.relevant]
    said_confirmed = [gold for gold, got in rel if got == "confirmed"]
    unconfirmed = [got for gold, got in rel if gold == "unconfirmed"]
    return {
        "status_accuracy": _ratio(sum(g == p for g, p in rel), len(rel)),
        "confirmed_precision": _ratio(said_confirmed.count("confirmed"), len(said_confirmed)),
        "unconfirmed_recall": _ratio(unconfirmed.count("unconfirmed"), len(unconfirmed)),
    }


def _parties(kept: Judged) -> dict[str, float]:
    gold = [(set(item.parties), set(v.parties)) for item, v, _ in kept if item.relevant]
    found = sum(len(g & p) for g, p in gold)
    return {"parties_recall": _ratio(found, sum(len(g) for g, _ in gold))}


def _grouping(kept: Judged) -> dict[str, float]:
    rel = [(item.event, key) for item, _, key in kept if item.relevant]
    same = [(a, b) for a, b in combinations(rel, 2) if a[0] == b[0]]
    diff = [(a, b) for a, b in combinations(rel, 2) if a[0] != b[0]]
    together = sum(1 for a, b in same if a[1] is not None and a[1] == b[1])
    apart = sum(1 for a, b in diff if a[1] is None or a[1] != b[1])
    return {"grouping_same_event": _ratio(together, len(same)),
            "grouping_different_event": _ratio(apart, len(diff))}


def _errors(judged: Judged) -> None:
    for item, v, _ in judged:
        status = v.status.value if v.status else None
        wrong = item.relevant != v.relevant or (item.relevant and status != item.status)
        missed = set(item.parties) - set(v.parties)
        if wrong or missed:
            flag = "B" if item.borderline else " "
            print(f"{flag} {item.story.title[:70]!r} gold={item.relevant},{item.status} "
                  f"got={v.relevant},{status} score={v.score} parties={v.parties} "
                  f"missed={sorted(missed)} ev={v.evidence}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--config", type=Path,
                        default=Path(os.environ.get("BRIEFINGS_CONFIG", "config/briefings.toml")))
    parser.add_argument("--errors", action="store_true", help="list the items judged wrongly")
    args = parser.parse_args()
    if not args.devset.exists():
        print(f"devset not found at {args.devset}", file=sys.stderr)
        return 2
    triage = Triage(load_config(args.config).watchlist)
    judged = judge_all(triage, load(args.devset, triage.matcher))
    if args.errors:
        _errors(judged)
    kept = sum(1 for item, _, _ in judged if not item.borderline)
    print(f"devset: {len(judged)} items, {len(judged) - kept} borderline left out")
    for name, value in figures(judged).items():
        print(f"{name:26} {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
