"""benchmarks/cue_audit.py: a phrase's effect is measured by dropping it and judging again the
stories that hold it, so it must find every story the phrase can change, and only that."""

from __future__ import annotations

from benchmarks.cue_audit import Case, effect, key, outcome, without
from benchmarks.devset import Labelled
from briefings.config import Watchlist
from briefings.triage import Triage
from briefings.triage.matcher import keyed
from briefings.triage.reading import joined
from tests.triage.conftest import make_story

DENIAL = ("NVIDIA denies report of chip deal with OpenAI",
          "The report concerned GPUs for OpenAI's data centers, NVIDIA said on Monday.")


def _case(triage: Triage, title: str, body: str, status: str | None) -> Case:
    story = make_story(title, body)
    item = Labelled(story=story, relevant=status is not None, status=status,
                    parties=("NVIDIA", "OpenAI") if status else (), event=None,
                    borderline=False, ident="t1")
    return Case("mine", story, item, keyed(joined(title, body)), outcome(triage.judge(story)))


def test_dropping_a_phrase_keeps_every_other(watchlist: Watchlist) -> None:
    dropped = without(watchlist, "deny", "denies")
    assert "denies" in watchlist.cues.deny and "denies" not in dropped.cues.deny
    assert len(dropped.cues.deny) == len(watchlist.cues.deny) - watchlist.cues.deny.count("denies")
    assert dropped.cues.talks == watchlist.cues.talks and dropped.companies == watchlist.companies


def test_a_phrase_the_verdict_rests_on_protects_its_story(watchlist: Watchlist,
                                                          triage: Triage) -> None:
    case = _case(triage, *DENIAL, status="denied")
    assert case.outcome[1] == "denied"
    found = effect(watchlist, "deny", "denies", [case])
    assert (found.held_by, found.changed, found.protects) == (1, ["mine:t1"], ["mine:t1"])


def test_a_phrase_no_story_holds_changes_nothing(watchlist: Watchlist, triage: Triage) -> None:
    case = _case(triage, *DENIAL, status="denied")
    found = effect(watchlist, "deny", "categorically", [case])
    assert (found.held_by, found.changed, found.inert) == (0, [], True)


def test_keys_are_found_as_whole_words_and_stems() -> None:
    assert key("denies") in keyed("NVIDIA denies it.")
    assert key("denies") not in keyed("NVIDIA deniesx it.")
    assert key("negotiat*") in keyed("They are negotiating.")
