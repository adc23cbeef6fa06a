"""Triage figures on every labelled set, in one table: relevance, status, parties, grouping.

Usage: python benchmarks/eval_triage.py [--devset PATH] [--set NAME ...] [--errors] [--config PATH]
The sets: the synthetic devset, the held-out sets in benchmarks/data/, and the real-news set by
split (`realset-tune`, `realset-check`). `--devset PATH` scores one file in the devset's format
instead (the team's own labels, say). Borderline items are left out of every figure (they are
still fed to grouping, in order). `--errors` lists the misses of the sets named with `--set`:
read `realset-tune` item by item, never `realset-check`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.devset import DATA, DEVSET, REALSET, Labelled, load, load_realset
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
    for item, v, key in judged:
        status = v.status.value if v.status else None
        wrong = item.relevant != v.relevant or (item.relevant and status != item.status)
        missed = set(item.parties) - set(v.parties)
        if wrong or missed:
            flag = "B" if item.borderline else " "
            print(f"{flag} {item.story.title[:90]!r} gold={item.relevant},{item.status} "
                  f"got={v.relevant},{status} score={v.score} parties={v.parties} "
                  f"missed={sorted(missed)} ev={v.evidence} event={item.event} key={key}")


Loader = Callable[[Triage], list[Labelled]]


def labelled_sets(devset: Path) -> dict[str, Loader]:
    """Every set there is, by name, each loaded on demand."""
    sets: dict[str, Loader] = {}
    if devset.exists():
        sets["devset"] = lambda t: load(devset, t.matcher)
    for path in sorted(DATA.glob("*_stories.jsonl")):
        sets[path.name.removesuffix("_stories.jsonl")] = lambda t, p=path: load(p, t.matcher)
    if REALSET.exists():
        for split in ("tune", "check"):
            sets[f"realset-{split}"] = lambda t, s=split: load_realset(REALSET, t.matcher, s)
    return sets


def table(results: dict[str, dict[str, float]], sizes: dict[str, tuple[int, int]]) -> str:
    """Figures as rows, sets as columns."""
    names = list(results)
    width = max(10, *(len(n) for n in names))
    lines = [f"{'':26}" + "".join(f"{n:>{width + 1}}" for n in names),
             f"{'items (borderline)':26}" + "".join(
                 f"{f'{sizes[n][0]} ({sizes[n][1]})':>{width + 1}}" for n in names)]
    for metric in next(iter(results.values()), {}):
        lines.append(f"{metric:26}" + "".join(f"{results[n][metric]:>{width + 1}.3f}"
                                             for n in names))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, help="score this one file (the devset's format)")
    parser.add_argument("--set", action="append", dest="sets", metavar="NAME",
                        help="only these sets (repeatable)")
    parser.add_argument("--config", type=Path,
                        default=Path(os.environ.get("BRIEFINGS_CONFIG", "config/briefings.toml")))
    parser.add_argument("--errors", action="store_true", help="list the items judged wrongly")
    args = parser.parse_args()
    if args.devset is not None and not args.devset.exists():
        print(f"no labelled set at {args.devset}", file=sys.stderr)
        return 2
    triage = Triage(load_config(args.config).watchlist)
    sets = ({args.devset.stem: lambda t: load(args.devset, t.matcher)} if args.devset
            else labelled_sets(DEVSET))
    unknown = sorted(set(args.sets or ()) - set(sets))
    if unknown:
        print(f"no such set: {', '.join(unknown)} (there are: {', '.join(sets)})",
              file=sys.stderr)
        return 2
    results: dict[str, dict[str, float]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    for name, loader in sets.items():
        if args.sets and name not in args.sets:
            continue
        items = loader(triage)
        if not items and args.devset is not None:
            print(f"{args.devset} holds no labelled items: nothing to score", file=sys.stderr)
            return 2
        judged = judge_all(triage, items)
        if args.errors:
            print(f"== {name}")
            _errors(judged)
        results[name] = figures(judged)
        sizes[name] = (len(judged), sum(1 for item, _, _ in judged if item.borderline))
    print(table(results, sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
