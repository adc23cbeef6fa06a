"""Every case of the `/deal-status` grammar, over real HTTP with Slack-style signed requests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.sandbox import ResponseUrls
from tests.slash.support import command_body, post, signed_headers

pytestmark = pytest.mark.usefixtures("deals")


def ask(web: str, urls: ResponseUrls, text: str) -> dict[str, Any]:
    body = command_body(text, urls.issue())
    response = post(web, body, signed_headers(body))
    assert response.status_code == 200
    return urls.next().payload


def rendered(payload: dict[str, Any]) -> str:
    return json.dumps(payload["blocks"], ensure_ascii=False)


def test_empty_lists_recent_deals_most_recent_first(web: str, urls: ResponseUrls) -> None:
    payload = ask(web, urls, "   ")
    text = rendered(payload)
    assert payload["response_type"] == "ephemeral"
    order = [text.index(name) for name in ("AMD + OpenAI", "Anthropic + Microsoft",
                                           "Amazon + Anthropic", "Google + OpenAI")]
    assert order == sorted(order)
    assert "*CONFIRMED*" in text and "*DENIED*" in text
    assert payload["blocks"][-1]["elements"][0]["action_id"] == "deal_status_share"


@pytest.mark.parametrize("query", ["antropic microsoft", "msft maia", "MAIA", "Microsoft"])
def test_one_match_shows_the_detail_card(web: str, urls: ResponseUrls, query: str) -> None:
    text = rendered(ask(web, urls, query))
    assert "Anthropic + Microsoft: Maia" in text
    assert "Status history" in text and "UNCONFIRMED" in text and "CONFIRMED" in text
    assert "First reported by *Chip Wire*" in text
    assert "https://news.example/anthropic-microsoft/maia/2/1" in text
    assert "people familiar with the matter" in text  # evidence behind the status
    assert "sandbox.slack.invalid/archives/C0DEALS01" in text  # permalink to the deal's thread


def test_trainium_finds_the_amazon_deal(web: str, urls: ResponseUrls) -> None:
    text = rendered(ask(web, urls, "Trainium"))
    assert "Amazon + Anthropic: Trainium" in text
    assert "thread in Slack" not in text  # no thread was posted for this deal


def test_several_matches_are_a_compact_list_best_first(web: str, urls: ResponseUrls) -> None:
    payload = ask(web, urls, "openai")
    text = rendered(payload)
    assert "2 tracked deals match OpenAI" in text
    assert text.index("AMD + OpenAI") < text.index("Google + OpenAI")
    assert "Status history" not in text


def test_partial_match_says_so(web: str, urls: ResponseUrls) -> None:
    text = rendered(ask(web, urls, "anthropic nvidia"))
    assert "No tracked deal matches all of Anthropic + NVIDIA" in text


def test_no_match_suggests_closest_names_and_how_to_ask(web: str, urls: ResponseUrls) -> None:
    payload = ask(web, urls, "Trainum zzzz")
    assert "Amazon + Anthropic" in rendered(payload)  # typo tolerance still finds the deal
    payload = ask(web, urls, "Blackwel")
    text = rendered(payload)
    assert "No tracked deal matches “Blackwel”" in text
    assert "(read as NVIDIA Blackwell)" in text
    assert "How to use" in text
    assert not any(b.get("type") == "actions" for b in payload["blocks"])


def test_help_shows_usage_with_examples(web: str, urls: ResponseUrls) -> None:
    text = rendered(ask(web, urls, "HELP"))
    assert "/deal-status msft maia" in text and "/deal-status feeds" in text


def test_feeds_shows_feed_health(web: str, urls: ResponseUrls) -> None:
    text = rendered(ask(web, urls, "feeds"))
    assert "No feed has been polled yet." in text


def test_unresolved_typo_gets_closest_names(web: str, urls: ResponseUrls) -> None:
    text = rendered(ask(web, urls, "mircosfot"))
    assert "No tracked deal matches “mircosfot”" in text
    assert "Closest names: *Microsoft*" in text
