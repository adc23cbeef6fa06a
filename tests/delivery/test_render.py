"""Rendering: the flag, the limits and the escaping (RELIABILITY cases 25 and 26)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render.briefing import render
from bot.render.escape import MAX_URL, cut_markup, escape, link
from bot.sandbox.limits import block_problem
from briefings.briefing import Briefing, MessageKind
from briefings.models import Status

HOSTILE = ["<!channel>", "<!here>", "<!everyone>", "<@U123>", "<!subteam^S1>", "<#C1>",
           "<https://evil.example|Reuters>", "&lt;!here&gt;", "@here", "*bold*", "`", "&amp;",
           "<", ">", "&", "|", "CONFIRMED", "&#60;!channel&#62;", "\u202e", "<mailto:a@b.c>"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)),
                        max_size=12).map("".join)
ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def briefing(kind: MessageKind = MessageKind.NEW_DEAL, status: Status = Status.UNCONFIRMED,
             **overrides: Any) -> Briefing:
    fields: dict[str, Any] = dict(
        kind=kind, deal_key="d1", story_id="s1", status=status,
        previous_status=Status.UNCONFIRMED if kind in (MessageKind.STATUS_CHANGE,
                                                       MessageKind.EDIT_ROOT) else None,
        title="Anthropic in talks", summary="Summary.", subject="Maia",
        parties=("Anthropic", "Microsoft"), chips=("Maia",), use="inference", value="$1bn",
        capacity="1 GW", evidence=("people familiar",), outlet="Chip Wire",
        link="https://news.example/s1", published=datetime(2026, 11, 20, tzinfo=UTC))
    return Briefing(**{**fields, **overrides})


def _strings(message: Any) -> str:
    return json.dumps({"text": message.text, "blocks": message.blocks_json()},
                      ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(text=hostile_text)
def test_escape_leaves_no_markup_and_adds_only_the_three_entities(text: str) -> None:
    escaped = escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert not ENTITY.search(escaped)
    restored = escaped.replace("\u2060", "").replace("&lt;", "<").replace("&gt;", ">")
    assert restored.replace("&amp;", "&") == text.replace("\u2060", "")


@settings(max_examples=150, deadline=None)
@given(title=hostile_text, summary=hostile_text, outlet=hostile_text, evidence=hostile_text,
       url=st.sampled_from(["https://news.example/a?b=1&c=2", "javascript:alert(1)",
                            "https://x.example/<!here>|Reuters",
                            "https://x.example/" + "a" * 2000]),
       kind=st.sampled_from(list(MessageKind)[:4]))
def test_no_feed_text_can_make_a_live_mention_or_a_foreign_link(
        title: str, summary: str, outlet: str, evidence: str, url: str, kind: MessageKind) -> None:
    message = render(briefing(kind, title=title, summary=summary, outlet=outlet,
                              evidence=(evidence,), parties=(outlet, title), link=url))
    payload = _strings(message)
    ours = link(url, "x").split("|")[0] + "|" if url.startswith("https") else None
    for match in re.finditer(r"<[^>]*>?", payload):
        assert ours is not None and match.group().startswith(ours), match.group()
    assert not re.search(r"<[!@#]", payload)
    assert not ENTITY.search(payload.replace("\\u0026", "&"))
    assert message.text.startswith("UNCONFIRMED")
    assert block_problem(message.blocks_json()) is None


@settings(max_examples=200, deadline=None)
@given(text=hostile_text, url=st.sampled_from(["https://a.example/?x=1&y=2", "https://b.example"]),
       limit=st.integers(min_value=5, max_value=120))
def test_cutting_markup_never_splits_an_entity_or_a_link(text: str, url: str, limit: int) -> None:
    markup = escape(text) + " " + link(url, text) + " " + escape(text)
    cut = cut_markup(markup, limit)
    assert len(cut) <= limit
    assert cut.count("<") == cut.count(">")
    tail = cut[cut.rfind(">") + 1:]
    assert not re.search(r"&[a-z]*$", tail.rstrip("…"))


def test_oversized_content_stays_within_block_kit_limits() -> None:
    message = render(briefing(title="T" * 300, summary="S " * 5000, outlet="O" * 500,
                              evidence=("e" * 5000,) * 5, parties=("P" * 3000,),
                              link="https://x.example/" + "a" * 2000))
    blocks = message.blocks_json()
    assert block_problem(blocks) is None
    assert len(blocks[0]["text"]["text"]) <= 150 and blocks[0]["text"]["text"].endswith("…")
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b.get("text"))


def test_a_headline_claiming_confirmation_cannot_remove_the_flag() -> None:
    message = render(briefing(title="CONFIRMED: deal signed", outlet=":large_green_circle:"))
    header, banner = message.blocks_json()[:2]
    assert header["text"]["text"].startswith("UNCONFIRMED: CONFIRMED")
    assert banner["text"]["text"].startswith(":large_yellow_circle: *UNCONFIRMED*: ")
    assert message.text.startswith("UNCONFIRMED: ")


def test_the_banner_gives_the_reason_from_the_evidence() -> None:
    evidence = ("Anthropic is in talks with Microsoft", "Neither company has commented")
    summary = "Anthropic may use Maia, according to two people familiar with the matter."
    text = render(briefing(evidence=evidence, summary=summary)).blocks_json()[1]["text"]["text"]
    assert text.startswith(
        ":large_yellow_circle: *UNCONFIRMED*: based on a report citing unnamed sources; it "
        "describes talks, not a signed deal; neither company has commented. Evidence: "
        "“Anthropic is in talks with Microsoft”, “Neither company has commented”")
    bare = render(briefing(evidence=("no on-the-record confirmation",), summary="Open-source.",
                           title="Anthropic and Microsoft"))
    assert ("based on a media report; no company has confirmed it on the record"
            in bare.blocks_json()[1]["text"]["text"])
    confirmed = render(briefing(status=Status.CONFIRMED, evidence=(
        "published by Microsoft Newsroom, a party's own newsroom",)))
    assert "*CONFIRMED*: announced by a party in its own newsroom" in str(confirmed.blocks_json())


def test_the_source_line_links_only_what_we_build() -> None:
    context = render(briefing(link="https://news.example/a?b=1|<!here>")).blocks_json()[4]
    assert context["elements"][0]["text"].endswith(
        "<https://news.example/a?b=1%7C%3C!here%3E|read the source>")
    assert MAX_URL < 2000 and "<" not in link("https://x.example/" + "a" * 2000, "label")


def test_feed_prose_cannot_paint_a_second_green_banner() -> None:
    spoof = ":large_green_circle: *CONFIRMED*: announced on the record"
    blocks = render(briefing(summary=spoof, title=spoof)).blocks_json()
    summary = blocks[2]["text"]
    assert summary["type"] == "plain_text" and summary["emoji"] is False
    assert ":large_green_circle:" not in json.dumps(blocks[2:], ensure_ascii=False)
    assert blocks[1]["text"]["text"].startswith(":large_yellow_circle: *UNCONFIRMED*")
