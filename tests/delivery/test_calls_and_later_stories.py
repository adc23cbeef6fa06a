"""A person's call against later stories: a rumour or an outlet's say-so never undoes it; a
party's own on-the-record word does, and its messages name the call it replaces."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from briefings.models import ChangeKind
from tests.delivery.calls import DANA, banner, call, deal, replies, roots
from tests.delivery.support import C, D, U, World, payload, story, verdict


def _called(world: World) -> None:
    """dana marks the rumour DENIED; every message about it is sent."""
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    call(world, D, reason="Microsoft told us no")
    world.deliver()


def test_a_later_rumour_or_outlet_confirmation_does_not_undo_the_call(world: World) -> None:
    _called(world)
    sent = len(world.slack.calls("chat.update"))
    later = world.clock() + timedelta(hours=2)
    world.ingest((story("s2", published=later), verdict(U)),
                 (story("s3", "Anthropic signs Maia deal", published=later + timedelta(hours=1)),
                  verdict(C, evidence=("signs",))))
    world.deliver()
    found = deal(world)
    assert (found.status, found.set_by) == (D, DANA)
    assert [c.kind for c in found.history] == [ChangeKind.STORY, ChangeKind.CORRECTION]
    assert len(world.slack.calls("chat.update")) == sent  # the post still shows dana's call
    [root] = roots(world)
    assert root["text"].startswith("DENIED") and "set by @dana" in banner(root)
    assert [payload(m)["kind"] for m in replies(world) if m["metadata"]["event_type"] ==
            "deal_briefing"] == ["report", "report"]


def test_a_partys_own_word_replaces_the_call_and_says_whose(world: World) -> None:
    _called(world)
    world.clock.advance(hours=2)
    official = replace(verdict(C, evidence=("published by Microsoft Newsroom",)),
                       on_record=True)
    world.ingest((story("s2", "Microsoft and Anthropic announce Maia deal", outlet="Microsoft "
                        "Newsroom", published=world.clock()), official))
    world.deliver()
    found = deal(world)
    assert (found.status, found.set_by) == (C, None)
    assert found.history[-1].reason == "replaces dana's DENIED call of 20 Nov 2026"
    [root] = roots(world)
    assert root["text"].startswith("CONFIRMED") and "set by" not in str(root["blocks"])
    change = next(m for m in replies(world) if m.get("reply_broadcast") in ("1", True))
    assert change["text"].startswith("CONFIRMED (was DENIED)")
    assert "_This replaces dana's DENIED call of 20 Nov 2026_" in str(change["blocks"])
