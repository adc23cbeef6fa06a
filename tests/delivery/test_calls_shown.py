"""A person's call where people look besides the posts: the /deal-status card (status line and
timeline), the lists and the App Home board, and the weekly digest's corrections."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.digest_post import DigestPlanner
from bot.render.deal_card import deal_card_blocks
from bot.render.deal_list import deal_list_blocks
from bot.render.digest import render_digest
from bot.render.home import Column, home_view
from briefings.digest_window import IsoWeek
from briefings.models import Person, Status
from briefings.store import search
from briefings.store.database import transaction
from briefings.store.search import DealDetail
from tests.delivery.calls import KEY, call
from tests.delivery.support import D, U, World, story, verdict

UTC = ZoneInfo("UTC")
WEEK = IsoWeek(2026, 47)  # the week of the world's clock


def _detail(world: World) -> DealDetail:
    with transaction(world.sessions) as session:
        found = search.detail(session, KEY)
    assert found is not None
    return found


def _text(blocks: object) -> str:
    """Blocks (slack_sdk objects or their JSON) as the JSON text Slack would get."""
    return json.dumps(blocks, ensure_ascii=False, default=lambda block: block.to_dict())


def test_the_card_shows_who_set_it_and_why_in_its_status_and_timeline(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.clock.advance(hours=3)
    call(world, D, reason="Microsoft <@U0BOSS001> said no")
    blocks = [b.to_dict() for b in deal_card_blocks(_detail(world))]
    status, timeline = blocks[1]["text"]["text"], blocks[3]["text"]["text"]
    assert status.startswith(":red_circle: *DENIED* since ")
    assert status.endswith(", set by @dana: Microsoft &lt;@U0BOSS001&gt; said no")
    first, second = timeline.split("\n")[1:]
    assert "*UNCONFIRMED*" in first and "Chip Wire" in first
    assert second.startswith(":red_circle: *DENIED* ") and second.endswith(
        "· corrected, set by @dana: Microsoft &lt;@U0BOSS001&gt; said no")


def test_lists_and_the_board_say_set_by(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    call(world, D, by=Person("U0X", "here"))
    with transaction(world.sessions) as session:
        deals, total = search.recent(session, 10)
        column = Column(Status.DENIED, *search.recent(session, 15, Status.DENIED))
    listed = _text(deal_list_blocks("*Deals*", deals, total))
    board = _text(home_view([column], [], world.clock())["blocks"])
    for shown in (listed, board):
        assert "*DENIED*  Anthropic + Microsoft: Maia · set by @\u2060here · updated" in shown
        assert "@here" not in shown


def test_the_weekly_digest_lists_the_weeks_corrections(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.clock.advance(hours=1)
    call(world, Status.CONFIRMED, reason="8-K filed")
    world.clock.advance(hours=1)
    call(world, D, by=Person("U0LEE0001", "lee"), reason="called off")
    world.clock.advance(days=10)
    call(world, U, reason="next week's call")  # another week: not in this digest
    planner = DigestPlanner(world.sessions, [], UTC)
    content = planner.content(planner.facts(WEEK), None)
    assert [(c.status, c.by, c.reason) for c in content.corrections] == [
        (Status.CONFIRMED, "dana", "8-K filed"), (D, "lee", "called off")]
    shown = _text(render_digest(content, UTC)[0].blocks)
    assert "*:pencil2: Corrected by the team* (2)" in shown
    assert ("*Anthropic + Microsoft*: Maia · set by @dana · “8-K filed”" in shown
            and "· set by @lee · “called off”" in shown)
    assert content.window.contains(world.clock() - timedelta(days=10))
