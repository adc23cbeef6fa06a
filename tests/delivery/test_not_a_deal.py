"""'Not a deal': the deal's posts say so, its threads get a note, and it leaves /deal-status
lists, search, the App Home board and the weekly digest; later stories join it unannounced."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digest_post import DigestPlanner
from bot.render.digest import render_digest
from briefings.corrections import CorrectionAction, CorrectionRefused
from briefings.digest_window import IsoWeek
from briefings.models import ChangeKind
from briefings.store import search
from briefings.store.database import transaction
from tests.delivery.calls import DANA, KEY, LEE, banner, call, deal, notes, roots
from tests.delivery.support import ALL, C, U, World, story, verdict

NOT_A_DEAL = CorrectionAction.NOT_A_DEAL
OTHER = "nvidia-openai"
UTC = ZoneInfo("UTC")


def _two_deals(world: World) -> None:
    world.ingest((story("s1"), verdict(U)),
                 (story("n1", "NVIDIA and OpenAI sign", published=world.clock()),
                  verdict(C, OTHER, parties=("NVIDIA", "OpenAI"))))
    world.deliver()


def test_not_a_deal_edits_the_post_and_notes_the_thread(world: World) -> None:
    _two_deals(world)
    applied = call(world, None, reason="a product launch, no supply deal", action=NOT_A_DEAL)
    assert "not a deal" in applied.message
    world.deliver()
    root = next(m for m in roots(world) if m["metadata"]["event_payload"]["deal_key"] == KEY)
    assert root["text"].startswith("NOT A DEAL (updated) (set by @dana)")
    assert root["blocks"][0]["text"]["text"].startswith("NOT A DEAL: ")
    assert banner(root) == (":no_entry_sign: *NOT A DEAL* · set by @dana: "
                            "a product launch, no supply deal")
    assert notes(world) == ["dana marked this not a deal: a product launch, no supply deal. "
                            "It leaves /deal-status lists and the weekly digest."]
    found = deal(world)
    assert found.hidden and found.set_by == DANA and found.history[-1].kind is \
        ChangeKind.NOT_A_DEAL


def test_a_hidden_deal_leaves_lists_search_and_the_digest(world: World) -> None:
    _two_deals(world)
    call(world, None, action=NOT_A_DEAL)
    with transaction(world.sessions) as session:
        listed, total = search.recent(session, 10)
        indexed = [key for key, _ in search.indexed_deals(session)]
        by_keys = search.deals_by_keys(session, [KEY, OTHER])
        card = search.detail(session, KEY)
    assert [d.key for d in listed] == [OTHER] and total == 1
    assert indexed == [OTHER] and [d.key for d in by_keys] == [OTHER]
    assert card is not None and card.deal.hidden  # asked for by key, a card still answers
    planner = DigestPlanner(world.sessions, [], UTC)
    content = planner.content(planner.facts(IsoWeek(2026, 47)), None)
    assert [line.deal_key for s in content.sections for line in s.lines] == [OTHER]
    assert content.counts.deals == 1 and content.corrections == ()
    assert "Anthropic" not in str([m.blocks for m in render_digest(content, UTC)])


def test_a_later_story_joins_a_hidden_deal_unannounced(world: World) -> None:
    _two_deals(world)
    call(world, None, action=NOT_A_DEAL)
    world.deliver()
    calls = len(world.slack.calls())
    report = world.ingest((story("s2", published=world.clock() + timedelta(hours=1)),
                           verdict(U)))
    assert report.relevant == 1 and report.planned == 0
    assert world.deliver().sent == 0 and len(world.slack.calls()) == calls
    with transaction(world.sessions) as session:
        assert search.detail(session, KEY).reports == 2  # type: ignore[union-attr]


def test_not_a_deal_twice_is_refused(world: World) -> None:
    _two_deals(world)
    call(world, None, action=NOT_A_DEAL)
    with pytest.raises(CorrectionRefused, match="already marked not a deal by dana"):
        call(world, None, by=LEE, action=NOT_A_DEAL)


def test_a_status_call_brings_a_hidden_deal_back(world: World) -> None:
    _two_deals(world)
    call(world, None, action=NOT_A_DEAL)
    world.deliver()
    call(world, C, by=LEE, reason="it is a deal after all")
    world.deliver()
    root = next(m for m in roots(world) if m["metadata"]["event_payload"]["deal_key"] == KEY)
    assert root["text"].startswith("CONFIRMED") and "set by @lee" in banner(root)
    assert notes(world)[-1] == ("lee marked this CONFIRMED (it was marked not a deal): "
                                "it is a deal after all")
    with transaction(world.sessions) as session:
        assert {d.key for d in search.recent(session, 10)[0]} == {KEY, OTHER}
    assert len(roots(world, ALL.id)) == 2
