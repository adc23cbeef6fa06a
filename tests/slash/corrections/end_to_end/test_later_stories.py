"""A call made over signed HTTP against the stories the pipeline ingests afterwards: a later
rumour, or an outlet's say-so, never undoes it; a party's own newsroom statement does, in both
channels, and its message names the call it replaces."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.sandbox import SlackSandbox
from briefings.models import ChangeKind, Person
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
