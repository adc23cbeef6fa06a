"""Whatever text a feed put on a deal, the card, list and home view stay inside Slack's limits
and carry no live mention or foreign link markup."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.render.deal_card import deal_card_blocks
from bot.render.deal_list import deal_list_blocks
from bot.render.home import Column, home_view
from bot.render.reply import BLOCKS_TEXT_MAX, Reply, section, text_size
from bot.services import Services
from briefings.models import Deal, Status, StatusChange
from briefings.store import search
from briefings.store.search import DealDetail, Report, ThreadLink

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
# Our own markup is only `<!date^…|…>` and `<http…|label>` links to URLs we were given.
_FOREIGN = re.compile(r"<(?!!date\^|https?://)")
hostile = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.sampled_from(
    ["<!channel>", "<@U123>", "@here", "<https://evil.example|x>", "&lt;", "*_~`", "\u202e"])


def _deal(words: list[str]) -> Deal:
    change = StatusChange(Status.CONFIRMED, NOW, "s1", words[0], "https://x.example/" + words[1],
                          (words[2],))
    return Deal(key="k", parties=(words[0], words[1]), subject=words[2], chips=(words[3],),
                status=Status.CONFIRMED, status_since=NOW, first_seen=NOW, last_activity=NOW,
                evidence=tuple(words), history=(change,) * 20)


def _check(blocks: list[dict[str, object]]) -> None:
    text = json.dumps(blocks, ensure_ascii=False)
    assert not _FOREIGN.search(text)
    assert "<https://evil" not in text
    assert len(blocks) <= 50


@settings(max_examples=60, deadline=None)
@given(st.lists(hostile, min_size=4, max_size=4))
# long outlet names fill the status history past a section's 3,000 characters: the cut must not
# leave half a link behind
@example(["0" * 40, "0" * 40, "", ""])
def test_card_list_and_home_stay_safe(words: list[str]) -> None:
    deal = _deal(words)
    report = Report(words[0], words[3] * 3, "javascript:alert(1)", NOW)
    detail = DealDetail(deal, report, [report] * 5, 6, None)
    card = Reply("t", deal_card_blocks(detail, "https://acme.slack.com/archives/C1/p1")).payload()
    _check(card["blocks"])
    listed = Reply("t", deal_list_blocks("*h*", [deal] * 10, 11)).payload()
    _check(listed["blocks"])
    view = home_view([Column(s, [deal] * 15, 40) for s in Status], [], NOW)
    assert len(view["blocks"]) <= 100


def test_a_huge_answer_is_cut_to_slacks_limits_keeping_its_share_button() -> None:
    reply = Reply("many", [section("x" * 2_900) for _ in range(60)], share="q:many")
    blocks = reply.payload()["blocks"]
    assert len(blocks) <= 50 and text_size(blocks) <= BLOCKS_TEXT_MAX
    assert blocks[-1]["type"] == "actions"
    assert "more parts not shown" in blocks[-2]["elements"][0]["text"]




@pytest.mark.usefixtures("deals")
def test_the_listeners_get_a_thread_value_not_an_orm_row(services: Services) -> None:
    with services.sessions() as session:
        keys = [deal.key for deal in search.recent(session, 10)[0]]
        threads = [d.thread for k in keys if (d := search.detail(session, k)) and d.thread]
    assert threads == [ThreadLink("C0DEALS01", "1700000000.000001")]
