"""Which cue phrases of the watch list decide a verdict on the labelled sets, and which none.

Usage: python benchmarks/cue_audit.py --out FILE [--config PATH] [--devset PATH] [--corpus DIR]
Each phrase of each `[cues]` family is dropped in turn (a Watchlist without it) and every
labelled story that holds it is judged again; a phrase no story holds changes nothing. A
phrase *changes* a story when its relevance, status, parties or `separate` flag moves; it
*protects* a story when the story was right (against its labels: relevance, status of a relevant
story, every labelled party found) and is wrong without it; it *fixes* one when the reverse
happens. Borderline stories are changed but never protected or fixed (they are not scored).
The sets are eval_triage's; `realset-check` is counted only in aggregate (never by phrase or
item: a rule pruned by reading `check` would make its figures `tune` figures). The entries of
the feeds corpus (real feeds, unlabelled) say whether a phrase occurs in real text at all and
whether it changes a verdict there. Stories are built with the full watch list, so a company's
own newsroom is recognised as usual. Prints counts per family; writes every phrase's effects,
by set and story id, to --out (JSON). A phrase is *rare and unneeded* when it protects at most
one labelled story, rights none, changes no corpus verdict and occurs in at most one real item
(realset `tune` and corpus): the list to read for pruning, not to apply blindly, since a rare
phrase can still be plain deal language ("clinches") or a sound homonym guard.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_triage import CORPUS, corpus_stories
from benchmarks.devset import DEVSET, FIRST_SEEN, Labelled
from benchmarks.eval_triage import labelled_sets
from briefings.config import Watchlist, load_config
from briefings.models import Story, Verdict
from briefings.triage import Triage
from briefings.triage.matcher import keyed, spaced
from briefings.triage.reading import joined
from briefings.triage.vocab import CUE_FAMILIES

CHECK = "realset-check"
TUNE = "realset-tune"
FEEDS = "corpus"
# What a verdict says that the audit compares: relevant, status, parties, separate.
Outcome = tuple[bool, str | None, tuple[str, ...], bool]
# A phrase in no more real items than this is not the language of deal news.
RARE = 1


@dataclass(frozen=True, slots=True)
class Case:
    """One story (labelled, or from the corpus) as the matcher reads it, with its verdict under
    the full list."""

    set: str
    story: Story
    item: Labelled | None
    keyed: str
    outcome: Outcome

    @property
    def name(self) -> str:
        return f"{self.set}:{self.item.ident if self.item else self.story.id}"


@dataclass(slots=True)
class Effect:
    """What dropping one phrase does, outside `realset-check` by story, on it by count."""

    family: str
    phrase: str
    held_by: int = 0  # labelled stories that hold it, outside check
    real: int = 0  # realset tune items and corpus entries that hold it
    corpus_changed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    protects: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    check_changed: int = 0
    check_protects: int = 0
    check_fixes: int = 0

    @property
    def inert(self) -> bool:
        return not self.changed


def outcome(verdict: Verdict) -> Outcome:
    status = verdict.status.value if verdict.status else None
    return verdict.relevant, status, verdict.parties, verdict.separate


def right(item: Labelled, said: Outcome) -> tuple[bool, bool, bool]:
    """Is the verdict right on relevance, status and parties (the last two on relevant stories)?"""
    relevant, status, parties, _ = said
    if not item.relevant:
        return relevant is False, True, True
    return relevant == item.relevant, status == item.status, set(item.parties) <= set(parties)


def without(watchlist: Watchlist, family: str, phrase: str) -> Watchlist:
    """`watchlist` with `phrase` dropped from the cue family `family` (every copy of it)."""
    kept = tuple(p for p in getattr(watchlist.cues, family) if p != phrase)
    cues = watchlist.cues.model_copy(update={family: kept})
    return watchlist.model_copy(update={"cues": cues})


def key(phrase: str) -> str:
    """The phrase as the matcher's automaton holds it (see matcher.Matcher)."""
    stem = phrase.rstrip("*").lower()
    return f" {spaced(stem)}" + ("" if phrase.endswith("*") else " ")


def effect(watchlist: Watchlist, family: str, phrase: str, cases: list[Case]) -> Effect:
    """Judge the cases that hold `phrase` again with the phrase dropped from `family`."""
    found = Effect(family, phrase)
    holding = [c for c in cases if key(phrase) in c.keyed]
    found.held_by = sum(1 for c in holding if c.item is not None and c.set != CHECK)
    found.real = sum(1 for c in holding if c.set in (TUNE, FEEDS))
    if not holding:
        return found
    triage = Triage(without(watchlist, family, phrase))
    for case in holding:
        after = outcome(triage.judge(case.story))
        if after != case.outcome:
            _record(found, case, after)
    return found


def _record(found: Effect, case: Case, after: Outcome) -> None:
    """File one changed verdict: by story, or only counted for check."""
    if case.item is None:
        found.corpus_changed.append(case.name)
        return
    was, now = right(case.item, case.outcome), right(case.item, after)
    scored = not case.item.borderline
    lost = scored and any(a and not b for a, b in zip(was, now, strict=True))
    won = scored and any(b and not a for a, b in zip(was, now, strict=True))
    if case.set == CHECK:
        found.check_changed += 1
        found.check_protects += lost
        found.check_fixes += won
        return
    found.changed.append(case.name)
    if lost:
        found.protects.append(case.name)
    if won:
        found.fixes.append(case.name)


def cases(triage: Triage, devset: Path, corpus: Path) -> list[Case]:
    """Every story of every labelled set, and of the corpus when there is one, with its verdict
    under the full watch list."""
    stories: list[tuple[str, Story, Labelled | None]] = [
        (name, item.story, item)
        for name, loader in labelled_sets(devset).items() for item in loader(triage)]
    if corpus.is_dir():
        files = [path.read_bytes() for path in sorted(corpus.iterdir()) if path.is_file()]
        stories += [(FEEDS, story, None) for story in corpus_stories(files, FIRST_SEEN)]
    return [Case(name, story, item, keyed(joined(story.title, story.text)),
                 outcome(triage.judge(story))) for name, story, item in stories]


def audit(watchlist: Watchlist, labelled: list[Case]) -> Iterator[Effect]:
    """Every phrase's effect, family by family, in the watch list's order."""
    for family in CUE_FAMILIES:
        for phrase in dict.fromkeys(getattr(watchlist.cues, family)):
            yield effect(watchlist, family, phrase, labelled)


def rare_unneeded(effects: list[Effect]) -> list[Effect]:
    """Phrases no labelled story but one needs and real text hardly uses (see the module)."""
    return [e for e in effects if len(e.protects) <= 1 and not e.fixes
            and not e.corpus_changed and e.real <= RARE]


def summary(effects: list[Effect], rare: list[Effect]) -> str:
    """Counts per family, then the totals and the check aggregate."""
    rare_ids = {id(e) for e in rare}
    columns = {
        "phrases": lambda e: True,
        "unheld": lambda e: e.held_by == 0,
        "inert": lambda e: e.inert,
        "changes": lambda e: not e.inert,
        "protect1": lambda e: len(e.protects) == 1,
        "protect2+": lambda e: len(e.protects) > 1,
        "fixes": lambda e: bool(e.fixes),
        "corpus": lambda e: bool(e.corpus_changed),
        "rare": lambda e: id(e) in rare_ids,
    }
    rows = [f"{'family':12}" + "".join(f"{name:>10}" for name in columns)]
    for family in [*dict.fromkeys(e.family for e in effects), "all"]:
        mine = [e for e in effects if family in ("all", e.family)]
        rows.append(f"{family:12}" + "".join(
            f"{sum(map(test, mine)):>10}" for test in columns.values()))
    inert = [e for e in effects if e.inert]
    rows += [
        "unheld: no labelled story outside check holds it; inert: changes no verdict there;",
        "protect1/2+: right verdicts it alone keeps right; fixes: phrases whose removal rights",
        "a wrong verdict; corpus: it changes a feeds-corpus verdict; rare: protects <= 1,",
        f"rights none, changes no corpus verdict, in <= {RARE} real item (see the docstring).",
        f"{CHECK} (aggregate only): {sum(e.check_changed > 0 for e in effects)} phrases change "
        f"a verdict there, {sum(e.check_protects > 0 for e in effects)} protect one or more; "
        f"of the {len(inert)} inert phrases {sum(e.check_changed > 0 for e in inert)} change "
        f"one there; of the {len(rare)} rare ones "
        f"{sum(e.check_changed > 0 for e in rare)} change one there and "
        f"{sum(e.check_protects > 0 for e in rare)} protect one.",
    ]
    return "\n".join(rows)


def public(found: Effect) -> dict[str, object]:
    """An effect without its check counts, which are only ever shown summed."""
    return {k: v for k, v in asdict(found).items() if not k.startswith("check_")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the lists (JSON)")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="real feed files (optional)")
    parser.add_argument("--config", type=Path,
                        default=Path(os.environ.get("BRIEFINGS_CONFIG", "config/briefings.toml")))
    args = parser.parse_args()
    watchlist = load_config(args.config).watchlist
    labelled = cases(Triage(watchlist), args.devset, args.corpus)
    effects = list(audit(watchlist, labelled))
    rare = rare_unneeded(effects)
    sets = Counter(c.set for c in labelled)
    print(f"{len(labelled)} stories: "
          + ", ".join(f"{name} {n}" for name, n in sets.items()))
    print(summary(effects, rare))
    args.out.write_text(json.dumps({
        "sets": sets,
        "inert": [{"family": e.family, "phrase": e.phrase, "held_by": e.held_by}
                  for e in effects if e.inert],
        "single": [{"family": e.family, "phrase": e.phrase, "story": e.protects[0]}
                   for e in effects if len(e.protects) == 1],
        "rare_unneeded": [public(e) for e in rare],
        "phrases": [public(e) for e in effects],
    }, indent=1) + "\n")
    print(f"full lists: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
