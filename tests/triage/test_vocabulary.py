"""Every cue family and hit label the triage code asks for exists in the watch list.

A rule that asks for a family the watch list no longer has ("talks" renamed "negotiation"), or
compares hit labels with a phrase no family holds, never fires and fails no test of its own:
the rule dies quietly. So the names are collected from the code itself, by an AST walk over
briefings/triage: strings passed to `Reading.has/has_any/family`, to `vocab.mask` or as a
`family(ies)=` argument, and strings compared with a hit's `.family` or `.label` (directly, through
a local copy of either, or through a set of labels), each resolved through module constants
(STAKES, ON_RECORD, DOUBT), loop variables and parameter defaults. A new rule is covered without
being listed here. The watch list's `[counterparts]` word lists count too: a list the code reads
(`s.words.signing`) must hold words, and its deal verbs compared with a hit's label must be
phrases of `[cues]`.
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType

import pytest

from briefings.config import CounterpartConfig, Watchlist
from briefings.triage.vocab import CHIP, COMPANY, CUE_FAMILIES, terms
from tests.conftest import ROOT

TRIAGE = ROOT / "briefings" / "triage"
# Reading methods that take a family, and the position of that argument.
FAMILY_ARGUMENTS = {"has": 1, "has_any": 1, "family": 0}
FAMILY_KEYWORDS = frozenset({"family", "families"})
MASKS = frozenset({"mask"})
COMBINED = (ast.BitOr, ast.BitAnd, ast.Sub)


@dataclass
class Used:
    """Family names and labels the code asks for, each with where it is asked ("status:93")."""

    families: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    tables: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # word lists


class _Walker:
    """Finds the family and label strings in one module's source."""

    def __init__(self, tree: ast.Module, module: ModuleType | None, where: str,
                 tables: Mapping[str, Iterable[str]]) -> None:
        self.module, self.where, self.tables = module, where, tables
        self.bindings: dict[str, list[ast.expr]] = defaultdict(list)  # loop targets, defaults
        self.aliases: dict[str, set[str]] = defaultdict(set)  # "family"/"label" -> local names
        for node in ast.walk(tree):
            self._learn(node)

    def _learn(self, node: ast.AST) -> None:
        """Record what a name can stand for: a loop's items, a parameter's default, or a copy
        of a hit's family or label (`family = hit.family`, `words = {h.label for h in ...}`)."""
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name):
            self.bindings[node.target.id].append(node.iter)
        elif isinstance(node, ast.arguments):
            positional = [*node.posonlyargs, *node.args]
            for arg, default in zip(positional[len(positional) - len(node.defaults):],
                                    node.defaults, strict=True):
                self.bindings[arg.arg].append(default)
            for arg, kw_default in zip(node.kwonlyargs, node.kw_defaults, strict=True):
                if kw_default is not None:
                    self.bindings[arg.arg].append(kw_default)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, (ast.SetComp, ast.ListComp, ast.GeneratorExp)):
                value = value.elt
            if isinstance(value, ast.Attribute) and value.attr in ("family", "label"):
                self.aliases[value.attr].add(node.targets[0].id)

    def strings(self, node: ast.AST, seen: frozenset[str] = frozenset()) -> set[str]:
        """The strings an expression can be: literals, collections of them, and names bound
        to them (module constants, loop items, parameter defaults), and the watch list's word
        lists the code reads (`s.words.signing`)."""
        if isinstance(node, ast.Attribute) and node.attr in self.tables:
            return set(self.tables[node.attr])
        if isinstance(node, ast.Constant):
            return {node.value} if isinstance(node.value, str) else set()
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return {s for elt in node.elts for s in self.strings(elt, seen)}
        if isinstance(node, ast.Starred):
            return self.strings(node.value, seen)
        if isinstance(node, ast.BinOp) and isinstance(node.op, COMBINED):
            return self.strings(node.left, seen) | self.strings(node.right, seen)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {
                "frozenset", "set", "tuple", *MASKS}:
            return {s for arg in node.args for s in self.strings(arg, seen)}
        if isinstance(node, ast.Name) and node.id not in seen:
            return self._named(node.id, seen | {node.id})
        return set()

    def _named(self, name: str, seen: frozenset[str]) -> set[str]:
        bound = {s for expr in self.bindings.get(name, ()) for s in self.strings(expr, seen)}
        if bound:
            return bound
        value = getattr(self.module, name, None)
        if isinstance(value, str):
            return {value}
        if isinstance(value, (frozenset, set, tuple, list)) and all(
                isinstance(v, str) for v in value):
            return set(value)
        return set()

    def _is(self, node: ast.AST, attr: str) -> bool:
        """Is `node` a hit's family (or label), or a local copy of it?"""
        return (isinstance(node, ast.Attribute) and node.attr == attr) or (
            isinstance(node, ast.Name) and node.id in self.aliases[attr])

    def found(self, tree: ast.Module) -> Iterator[tuple[str, str, str]]:
        """(kind, string, where) for every family or label the module asks for."""
        for node in ast.walk(tree):
            at = f"{self.where}:{getattr(node, 'lineno', 0)}"
            for kind, expr in self._asked(node):
                for value in self.strings(expr):
                    yield kind, value, at

    def _asked(self, node: ast.AST) -> Iterator[tuple[str, ast.expr]]:
        if isinstance(node, ast.Attribute) and node.attr in self.tables:
            yield "tables", ast.Constant(node.attr)
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in FAMILY_ARGUMENTS:
                position = FAMILY_ARGUMENTS[func.attr]
                if len(node.args) > position:
                    yield "families", node.args[position]
            if isinstance(func, ast.Name) and func.id in MASKS:
                yield from (("families", arg) for arg in node.args)
            yield from (("families", kw.value) for kw in node.keywords
                        if kw.arg in FAMILY_KEYWORDS)
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for kind, attr in (("families", "family"), ("labels", "label")):
                if any(self._is(o, attr) for o in operands):
                    yield from ((kind, o) for o in operands if not self._is(o, attr))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, COMBINED):
            for kind, attr in (("families", "family"), ("labels", "label")):
                if self._is(node.left, attr):
                    yield kind, node.right
                if self._is(node.right, attr):
                    yield kind, node.left


def collect(sources: Iterable[tuple[str, str, ModuleType | None]],
            tables: Mapping[str, Iterable[str]]) -> Used:
    """What each (where, source, module) asks for; the module resolves constant names, and
    `tables` the watch list's word lists by the attribute the code reads them as."""
    used = Used()
    for where, source, module in sources:
        tree = ast.parse(source)
        for kind, value, at in _Walker(tree, module, where, tables).found(tree):
            getattr(used, kind)[value].add(at)
    return used


def triage_sources() -> Iterator[tuple[str, str, ModuleType | None]]:
    for path in sorted(TRIAGE.glob("*.py")):
        name = "briefings.triage" + ("" if path.stem == "__init__" else f".{path.stem}")
        yield path.stem, path.read_text(), importlib.import_module(name)


def known_families(watchlist: Watchlist) -> set[str]:
    """The families the watch list's phrases have: company, chip, a company's context words,
    and each cue family that holds at least one phrase (a family missing from the file is
    empty)."""
    return {term.family for _, term in terms(watchlist)}


def known_labels(watchlist: Watchlist) -> set[str]:
    """Every label a hit can carry: company and chip names, cue phrases (a stem's stem)."""
    return {term.label for _, term in terms(watchlist)}


def unknown(asked: dict[str, set[str]], known: set[str]) -> dict[str, list[str]]:
    return {name: sorted(at) for name, at in sorted(asked.items()) if name not in known}


def word_lists(watchlist: Watchlist) -> dict[str, frozenset[str]]:
    """The `[counterparts]` word lists, by field name."""
    return {name: getattr(watchlist.counterparts, name) for name in CounterpartConfig.model_fields}


@pytest.fixture(scope="module")
def used(watchlist: Watchlist) -> Used:
    return collect(triage_sources(), word_lists(watchlist))


def test_every_family_the_code_asks_for_is_in_the_watch_list(used: Used,
                                                              watchlist: Watchlist) -> None:
    assert unknown(used.families, known_families(watchlist)) == {}


def test_every_label_the_code_compares_with_is_a_phrase_of_the_watch_list(
        used: Used, watchlist: Watchlist) -> None:
    assert unknown(used.labels, known_labels(watchlist)) == {}


def empty_lists(used: Used, watchlist: Watchlist) -> list[str]:
    """The word lists the code reads that the watch list leaves empty (or leaves out)."""
    lists = word_lists(watchlist)
    return sorted(name for name in used.tables if not lists[name])


def test_every_word_list_the_code_reads_is_in_the_watch_list(used: Used,
                                                             watchlist: Watchlist) -> None:
    """A list missing from `[counterparts]` loads empty and its rule dies quietly; and every
    list the watch list holds is read by some rule."""
    assert empty_lists(used, watchlist) == []
    assert set(used.tables) == set(CounterpartConfig.model_fields)


def test_a_word_list_left_out_or_a_verb_no_cue_holds_is_caught(used: Used,
                                                              watchlist: Watchlist) -> None:
    changed = watchlist.model_copy(update={"counterparts": watchlist.counterparts.model_copy(
        update={"signing": frozenset(), "choosing": frozenset({"hand-picks"})})})
    assert empty_lists(used, changed) == ["signing"]
    found = collect(triage_sources(), word_lists(changed))
    assert "hand-picks" in unknown(found.labels, known_labels(changed))


def test_the_walk_reaches_the_rules(used: Used) -> None:
    """The walk sees the rules' own vocabulary, not a handful of stray strings."""
    assert {COMPANY, CHIP, "deal", "talks", "separate"} <= set(used.families)
    assert len(used.families) >= 15 and len(used.labels) >= 10


def test_a_renamed_family_or_dropped_label_is_caught(used: Used, watchlist: Watchlist) -> None:
    cues = watchlist.cues
    renamed = watchlist.model_copy(update={"cues": cues.model_copy(
        update={"talks": ()})})  # as if its phrases had moved to a family of another name
    assert "talks" in unknown(used.families, known_families(renamed))
    names = {t.label for _, t in terms(watchlist) if t.family in (COMPANY, CHIP)}
    label = min(set(used.labels) - names)  # a cue phrase, not a company or chip name
    dropped = watchlist.model_copy(update={"cues": cues.model_copy(update={
        family: tuple(p for p in getattr(cues, family) if p.rstrip("*").lower() != label)
        for family in CUE_FAMILIES})})
    assert label in unknown(used.labels, known_labels(dropped))


SAMPLE = '''
GROUP = frozenset({"hedge", "source"})
WORDS = ("stake",)
LONE = "according to"


def rule(reading, hits, families=("background",), *, also=("maybe",)):
    family = hits[0].family
    words = {h.label for h in hits}
    return (reading.has(0, "talks") and reading.family("launch") and mask(("final", "deal"))
            and hits[0].family in GROUP and family == "deny" and hits[0].label in WORDS
            and words & {"in a statement"} and hits[0].family in families
            and hits[0].family not in also and hits[0].label != LONE
            and any(reading.family(name) for name in ("training",))
            and pick(reading, families=("negation",)) and hits[0].start == 3)
'''


def test_the_walk_finds_every_form_a_rule_asks_in() -> None:
    module = ModuleType("sample")
    exec(compile(SAMPLE.split("\n\ndef")[0], "sample", "exec"), module.__dict__)
    found = collect([("sample", SAMPLE, module)], {})
    assert set(found.families) == {"talks", "launch", "final", "deal", "hedge", "source",
                                   "deny", "background", "maybe", "training", "negation"}
    assert set(found.labels) == {"stake", "in a statement", "according to"}
