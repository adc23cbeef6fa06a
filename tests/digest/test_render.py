"""The digest as Block Kit: limits on a huge week, escaping, numbering and the quiet message."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from bot.render.digest import QUIET, render_digest
from bot.render.digest_pack import BLOCKS_MAX, CHARS_MAX, DigestMessage
from briefings.digest import DealActivity, WeekFacts, compose_digest
from briefings.digest_window import IsoWeek, window_for
from briefings.models import Deal, Status, StatusChange

ZONE = ZoneInfo("America/New_York")
WINDOW = window_for(IsoWeek(2026, 47), ZONE)
EVIL = "<!channel> <@U123> <https://evil.example|Reuters> & *bold* @here "


def deal(index: int, statuses: list[Status], first_seen_days: float) -> DealActivity:
    start = WINDOW.start + dt.timedelta(days=first_seen_days)
    history = tuple(StatusChange(status, start + dt.timedelta(hours=i), f"s{index}-{i}",
                                 "Wire", f"https://news.example/{index}/{i}")
                    for i, status in enumerate(statuses))
    parties = (f"{EVIL}Company {index}", "NVIDIA" * 40)
    item = Deal(key=f"deal-{index}", parties=parties, subject=EVIL * 10, chips=(),
                status=statuses[-1], status_since=history[-1].at, first_seen=start,
                last_activity=history[-1].at, history=history)
    outlets = frozenset(f"Outlet {n}" for n in range(index % 7 + 1))
    return DealActivity(item, outlets, index % 9 + 1, "https://src.example/" + "x" * 200, EVIL)


def huge_week(deals: int = 300) -> WeekFacts:
    kinds = [[Status.UNCONFIRMED], [Status.UNCONFIRMED, Status.CONFIRMED],
             [Status.UNCONFIRMED, Status.DENIED]]
    active = tuple(deal(i, kinds[i % 3], 1 + (i % 5)) for i in range(deals))
    stale = tuple(deal(1000 + i, [Status.UNCONFIRMED], -60) for i in range(50))
    return WeekFacts(WINDOW, active, stale)


def texts(block: dict[str, Any]) -> list[str]:
    found = [block["text"]["text"]] if "text" in block else []
    found += [f["text"] for f in block.get("fields", [])]
    return found + [e["text"] for e in block.get("elements", []) if "text" in e]


def test_a_300_deal_week_fits_slack_limits() -> None:
    messages = render_digest(compose_digest(huge_week()), ZONE, lambda key: "https://t.example/p1")
    assert 1 < len(messages) <= 4
    for index, message in enumerate(messages, 1):
        assert len(message.blocks) <= BLOCKS_MAX
        assert len(json.dumps(message.blocks, ensure_ascii=False)) <= CHARS_MAX
        assert f"part {index} of {len(messages)}" in message.text
        for block in message.blocks:
            limit = 150 if block["type"] == "header" else 3000
            assert all(len(text) <= limit for text in texts(block))
    first = json.dumps(messages[0].blocks)
    assert "New (unconfirmed)" in first and "*Confirmed*" in first  # the first one summarises
    tail = json.dumps([m.blocks for m in messages], ensure_ascii=False)
    assert "more; ask `/deal-status`" in tail  # the long tail collapses into counts


def test_feed_text_is_escaped_and_links_are_ours() -> None:
    messages = render_digest(compose_digest(huge_week(3)), ZONE)
    body = json.dumps([m.blocks for m in messages])
    assert "<!channel>" not in body and "<@U123>" not in body
    assert "<https://evil.example" not in body
    assert "&lt;!channel&gt;" in body
    assert "<https://src.example/" in body


def test_thread_links_appear_when_known_and_are_omitted_otherwise() -> None:
    links = {"deal-1": "https://sandbox.slack.invalid/archives/C1/p1"}
    blocks = render_digest(compose_digest(huge_week(3)), ZONE, links.get)[0].blocks
    body = json.dumps(blocks)
    assert body.count("|thread>") == 2  # deal-1 is confirmed and among the most reported


def test_an_empty_week_says_so() -> None:
    messages = render_digest(compose_digest(WeekFacts(WINDOW, (), ())), ZONE)
    assert len(messages) == 1
    assert QUIET in json.dumps(messages[0].blocks)
    assert "no new AI-hardware deal news" in messages[0].text
    assert "Mon 16 Nov to Sun 22 Nov 2026 (America/New_York, 2026-W47)" in messages[0].text


def test_payload_is_what_the_deliverer_posts() -> None:
    message = DigestMessage("t", [{"type": "divider"}])
    assert message.payload() == {"text": "t", "blocks": [{"type": "divider"}]}
