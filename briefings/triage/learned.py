"""A second opinion from words: a logistic model over a story's headline and lead.

The rules (relevance.py) are precise but literal: real outlets word deals in ways no cue list
foresees, and a deal story that misses one signal scores below the threshold. This model reads
the same words as plain features (each watch-list name masked to its family, so it learns
"<company> taps <company> for GPUs", not who did it) and gives the probability that the story is
deal news. It may only *add* a story the rules found both sides of (`Triage` asks it only then),
never remove one, and the verdict names the words that weighed most.

The weights are trained offline by `benchmarks/train_words.py` from the labelled sets and shipped
beside this module; training is deterministic, so the file is reproducible from the data.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Final

from briefings.triage.reading import TITLE, Reading
from briefings.triage.vocab import CHIP, COMPANY, LEADER

WEIGHTS: Final = Path(__file__).with_name("word_weights.json")
# the probability at which the model adds a story the rules left out: a model trained on the
# synthetic sets alone adds, on real `tune` and ten rewrites of it, 23 deal stories at 0.9, 27 at
# 0.85 and 33 at 0.7, and no false one at any of them; 0.85 keeps a margin
RESCUE: Final = 0.85
LEAD: Final = range(1, 3)  # the body sentences read beside the headline
STRONGEST: Final = 3  # words a verdict quotes as the model's reasons
BIAS: Final = "bias"
_MASKED: Final = {COMPANY: "zzcompany", CHIP: "zzchip", LEADER: "zzleader"}
_WORD: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[$%€£]")
_DIGITS: Final = re.compile(r"\d+")


def features(reading: Reading) -> list[str]:
    """The headline's and lead's words and word pairs, zone-prefixed ("t:" headline, "l:" lead),
    watched names masked and digits folded to 0 ("$10 billion" and "$9 billion" alike)."""
    found = {BIAS}
    found.update(_zone(reading, TITLE, "t:"))
    for index in reading.lead(LEAD.start, LEAD.stop - 1):
        found.update(_zone(reading, index, "l:"))
    return sorted(found)


def _zone(reading: Reading, index: int, prefix: str) -> set[str]:
    start, end = reading.spans[index]
    pieces, at = [], start
    for hit in reading.by_sentence[index]:
        mask = _MASKED.get(hit.family)
        if mask is None or hit.start < at:
            continue
        pieces += [reading.text[at:hit.start], f" {mask} "]
        at = hit.end
    pieces.append(reading.text[at:end])
    words = [_DIGITS.sub("0", w) for w in _WORD.findall("".join(pieces).lower())]
    return {prefix + w for w in words} | {f"{prefix}{a} {b}" for a, b in pairwise(words)}


@dataclass(frozen=True, slots=True)
class Opinion:
    """The model's probability that a story is deal news, and the words that pushed it up."""

    probability: float
    strongest: tuple[tuple[str, float], ...]

    @property
    def sure(self) -> bool:
        return self.probability >= RESCUE

    def reason(self) -> str:
        """What `triage --explain` prints: the verdict, and the words that weighed most for it."""
        said = (f"words say deal news ({self.probability:.2f})" if self.sure else
                f"words not sure it is deal news ({self.probability:.2f} < {RESCUE:.2f})")
        words = ", ".join(f"{name!r} {weight:+.2f}" for name, weight in self.strongest)
        return f"{said}: {words}" if words else said


class WordModel:
    """Weights by feature; a feature the training never kept weighs nothing."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        self._weights = dict(weights)

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> WordModel:
        """The weights `benchmarks/train_words.py` wrote."""
        return cls(json.loads(path.read_text())["weights"])

    def opinion(self, names: Iterable[str]) -> Opinion:
        weighed = [(name, self._weights[name]) for name in names if name in self._weights]
        total = sum(weight for _, weight in weighed)
        strongest = sorted((w for w in weighed if w[0] != BIAS and w[1] > 0),
                           key=lambda w: (-w[1], w[0]))[:STRONGEST]
        return Opinion(probability=sigmoid(total), strongest=tuple(strongest))


@cache
def shipped() -> WordModel:
    """The weights shipped with the package, read once per process."""
    return WordModel.load()


def sigmoid(total: float) -> float:
    """The logistic function, safe from overflow at either end."""
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, total))))
