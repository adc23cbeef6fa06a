"""Train the word model (briefings/triage/learned.py) from the labelled sets.

Usage: python benchmarks/train_words.py [--check] [--config PATH]
Reads the devset, every set in benchmarks/data/ and the real-news `tune` split (never `check`:
that split only measures), and writes briefings/triage/word_weights.json. `--check` trains and
exits 1 if the file differs from what the data gives. Deterministic: a fixed shuffle, features
in sorted order, weights rounded, so the same data always writes the same file.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Final, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.devset import DATA, DEVSET, REALSET, Labelled, load, load_realset
from briefings.config import load_config
from briefings.triage.learned import WEIGHTS, features, sigmoid
from briefings.triage.matcher import Matcher
from briefings.triage.reading import joined, read

TRAINED_SPLIT: Final = "tune"
# a word seen in fewer deals (a story that is no deal counts as its own) is one deal's word (its
# site, its project), not the language of deal news; counting stories, a deal covered five
# times would teach its place name
MIN_DEALS: Final = 3
EPOCHS: Final = 15
RATE: Final = 0.2  # Adagrad's step
L2: Final = 1e-3
SEED: Final = 0
PLACES: Final = 3  # decimals kept of each weight; smaller weights are dropped


class Example(NamedTuple):
    """One story as the model learns it: its features, its label, and what it is about."""

    names: list[str]
    label: int
    story: str  # the story's id: training runs in id order, whatever order the sets load in
    deal: str  # the deal's event, else the story's id


def labelled(matcher: Matcher) -> dict[str, list[Labelled]]:
    """Every set the model may learn from, by name: no borderline items, no `check`."""
    sets: dict[str, list[Labelled]] = {}
    if DEVSET.exists():
        sets["devset"] = load(DEVSET, matcher)
    for path in sorted(DATA.glob("*_stories.jsonl")):
        sets[path.name.removesuffix("_stories.jsonl")] = load(path, matcher)
    if REALSET.exists():
        sets[f"realset-{TRAINED_SPLIT}"] = load_realset(REALSET, matcher, TRAINED_SPLIT)
    return {name: [item for item in items if not item.borderline] for name, items in sets.items()}


def examples(matcher: Matcher, items: list[Labelled]) -> list[Example]:
    """Each story's features, read as `Triage.judge` reads it, with its label."""
    out: list[Example] = []
    for item in items:
        story = item.story
        reading = read(matcher, story.title, joined(story.title, story.text))
        out.append(Example(features(reading), int(item.relevant), story.id,
                           item.event if item.relevant and item.event else story.id))
    return out


def train(rows: list[Example]) -> dict[str, float]:
    """Logistic regression by Adagrad with L2, over the features of at least MIN_DEALS deals."""
    deals: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for name in row.names:
            deals[name].add(row.deal)
    usable = {name for name, seen in deals.items() if len(seen) >= MIN_DEALS}
    kept = [([n for n in row.names if n in usable], row.label)
            for row in sorted(rows, key=lambda row: row.story)]
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(lambda: 1e-6)
    order = list(range(len(kept)))
    shuffle = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for index in order:
            names, label = kept[index]
            error = sigmoid(sum(weights[n] for n in names)) - label
            for name in names:
                step = error + L2 * weights[name]
                squares[name] += step * step
                weights[name] -= RATE * step / math.sqrt(squares[name])
    return {name: round(w, PLACES) for name, w in sorted(weights.items())
            if round(w, PLACES) != 0}


def document(sets: dict[str, list[Labelled]], weights: dict[str, float]) -> str:
    """The weights file: what it was trained on and how, then the weights."""
    about = {"trained_by": "benchmarks/train_words.py", "stories": {
        name: len(items) for name, items in sets.items()},
        "settings": {"min_deals": MIN_DEALS, "epochs": EPOCHS, "rate": RATE, "l2": L2,
                     "seed": SEED}}
    return json.dumps({"about": about, "weights": weights}, indent=0, sort_keys=True) + "\n"


def weights_file(matcher: Matcher) -> str:
    """The weights file's text, trained on every set `labelled` gives."""
    sets = labelled(matcher)
    items = [item for stories in sets.values() for item in stories]
    return document(sets, train(examples(matcher, items)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the shipped weights differ from what the data gives")
    parser.add_argument("--config", type=Path,
                        default=Path(os.environ.get("BRIEFINGS_CONFIG", "config/briefings.toml")))
    args = parser.parse_args()
    if not DEVSET.exists() or not REALSET.exists():
        print(f"the devset and real-news set are needed ({DEVSET.parent.parent})", file=sys.stderr)
        return 2
    text = weights_file(Matcher(load_config(args.config).watchlist))
    if args.check:
        same = WEIGHTS.exists() and WEIGHTS.read_text() == text
        print(f"{WEIGHTS.name} {'matches' if same else 'differs from'} the labelled sets")
        return 0 if same else 1
    WEIGHTS.write_text(text)
    print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
