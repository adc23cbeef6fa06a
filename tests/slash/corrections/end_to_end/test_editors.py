"""`[slack] editors` end to end: a non-editor's pick from a delivered post's menu opens no modal
and is told privately; a modal an editor opened, submitted by someone else, changes nothing;
the editor's own correction goes through. Nothing reaches the posts but the editor's call."""

from __future__ import annotations

import pytest

from bot.sandbox import ResponseUrls, SlackSandbox
from briefings.models import ChangeKind, Person
from tests.delivery.calls import banner, deal, notes, roots
from tests.delivery.support import ALL, C, D, U, World, story, verdict
from tests.slash.corrections.end_to_end.support import SECOND, Analyst, done
from tests.slash.corrections.support import menu_block, pick, told

pytestmark = pytest.mark.parametrize("editors", [("U0ANALYST",)])


def test_a_non_editors_click_changes_nothing_and_is_told_privately(
        world: World, slack: SlackSandbox, urls: ResponseUrls, web: str, ana: Analyst,
        otto: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    planned = len(world.rows())
    [root] = roots(world)
    assert pick(web, slack, urls, menu_block(root["blocks"]), "Mark DENIED",
                user=otto.user) == 200
    assert told(urls) == "Only editors can change this."
    assert slack.calls("views.open") == []

    view = ana.open(root, "Mark CONFIRMED")  # an editor's modal, submitted by otto
    answer = otto.submit(view, "trust me")
    assert answer == {"response_action": "errors",
                      "errors": {"reason": "Only editors can change this."}}
    assert len(world.rows()) == planned and deal(world).history[-1].kind is ChangeKind.STORY
    world.deliver()
    assert all("edited" not in r and notes(world, c) == [] for c in (ALL.id, SECOND.id)
               for r in roots(world, c))

    done(ana.submit(view, "8-K filed"))
    world.deliver()
    for channel in (ALL.id, SECOND.id):
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1 and banner(root).endswith("set by @ana: 8-K filed")
        assert notes(world, channel) == ["ana marked this CONFIRMED (was UNCONFIRMED): 8-K filed"]
    assert (deal(world).status, deal(world).set_by) == (C, Person("U0ANALYST", "ana"))
    assert D not in {c.status for c in deal(world).history}
