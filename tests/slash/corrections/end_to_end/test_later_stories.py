"""A call made over signed HTTP against the stories the pipeline ingests afterwards: a later
rumour, or an outlet's say-so, never undoes it; a party's own newsroom statement does, in both
channels, and its message names the call it replaces. First with the verdicts set by the test,
then with the real triage reading the stories (a newsroom feed's `official_for`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.sandbox import SlackSandbox
from briefings.config import load_config
from briefings.models import ChangeKind, Person, Story
from briefings.pipeline import Pipeline
from briefings.triage import Triage
from tests.conftest import ROOT
from tests.delivery.calls import banner, deal, roots
from tests.delivery.support import ALL, C, D, U, World, payload, story, verdict
from tests.slash.corrections.end_to_end.support import SECOND, Analyst, done, reply_of

CHANNELS = (ALL.id, SECOND.id)


def _denied_by_ana(world: World, ana: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    done(ana.correct(roots(world)[0], "Mark DENIED", "Microsoft told us no"))
    world.deliver()


def test_a_later_rumour_and_an_outlets_confirmation_leave_the_call_standing(
        world: World, slack: SlackSandbox, ana: Analyst) -> None:
    _denied_by_ana(world, ana)
    edits = len(slack.calls("chat.update"))
    later = world.clock() + timedelta(hours=2)
    world.ingest((story("s2", "Anthropic still in Maia talks", published=later), verdict(U)),
                 (story("s3", "Anthropic signs Maia deal", published=later + timedelta(hours=1)),
                  verdict(C, evidence=("signs",))))
    world.deliver()
    found = deal(world)
    assert (found.status, found.set_by) == (D, Person("U0ANALYST", "ana"))
    assert [c.kind for c in found.history] == [ChangeKind.STORY, ChangeKind.CORRECTION]
    assert len(slack.calls("chat.update")) == edits  # no post was edited back
    for channel in CHANNELS:
        [root] = roots(world, channel)
        assert root["text"].startswith("DENIED") and "set by @ana" in banner(root)
        assert [payload(reply_of(world, channel, s))["kind"] for s in ("s2", "s3")] == [
            "report", "report"]  # told in the thread, not as a change of status


def test_a_partys_newsroom_statement_replaces_the_call_and_says_whose(
        world: World, ana: Analyst) -> None:
    _denied_by_ana(world, ana)
    world.clock.advance(hours=2)
    official = replace(verdict(C, evidence=("published by Microsoft Newsroom",)),
                       on_record=True)
    world.ingest((story("s2", "Microsoft and Anthropic announce Maia deal", feed="Microsoft",
                        outlet="Microsoft Newsroom", published=world.clock()), official))
    world.deliver()
    found = deal(world)
    assert (found.status, found.set_by) == (C, None)
    assert found.history[-1].reason == "replaces ana's DENIED call of 20 Nov 2026"
    for channel in CHANNELS:
        [root] = roots(world, channel)
        assert root["text"].startswith("CONFIRMED") and "set by" not in str(root["blocks"])
        change = reply_of(world, channel, "s2")
        assert change["text"].startswith("CONFIRMED (was DENIED)")
        assert "_This replaces ana's DENIED call of 20 Nov 2026_" in str(change["blocks"])


def _triaged(world: World, *stories: Story) -> None:
    """Ingest through the pipeline with the real triage and the repo's watch-list, deliver."""
    watchlist = load_config(ROOT / "config" / "briefings.toml").watchlist
    Pipeline(world.sessions, world.config, Triage(watchlist), world.limits).ingest(
        list(stories), world.clock())
    world.deliver()


def test_the_real_triage_keeps_the_call_for_a_rumour_and_yields_to_the_newsroom(
        world: World, slack: SlackSandbox, ana: Analyst) -> None:
    _triaged(world, story("w1", "Anthropic in talks to run Claude on Microsoft Maia chips",
                          text="Anthropic is in talks with Microsoft to run inference on Maia "
                          "chips, according to people familiar with the matter."))
    [root] = roots(world)
    key = payload(root)["deal_key"]
    done(ana.correct(root, "Mark DENIED", "Microsoft told us no"))
    world.deliver()
    edits = len(slack.calls("chat.update"))
    world.clock.advance(hours=2)
    _triaged(world, story("w2", "Anthropic said to be close to Microsoft Maia deal",
                          text="Anthropic is close to an agreement to use Microsoft's Maia "
                          "accelerators, people briefed on the talks said.",
                          published=world.clock()))
    assert (deal(world, key).status, len(slack.calls("chat.update"))) == (D, edits)

    world.clock.advance(hours=2)
    newsroom = replace(story(
        "m1", "Microsoft and Anthropic announce Maia partnership", feed="Microsoft Official "
        "Blog", outlet="Microsoft Official Blog", text="Microsoft and Anthropic today announced "
        "an agreement under which Anthropic will run Claude on Microsoft Maia accelerators.",
        published=world.clock()), official_for=("Microsoft",))
    _triaged(world, newsroom)
    found = deal(world, key)
    assert (found.status, found.set_by) == (C, None)
    assert [c.story_id for c in found.history if c.kind is ChangeKind.STORY] == ["w1", "m1"]
    for channel in CHANNELS:
        [root] = roots(world, channel)
        assert root["text"].startswith("CONFIRMED") and "set by" not in str(root["blocks"])
        assert payload(reply_of(world, channel, "w2"))["kind"] == "report"
        assert "_This replaces ana's DENIED call of 20 Nov 2026_" in str(
            reply_of(world, channel, "m1")["blocks"])
