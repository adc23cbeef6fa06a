"""Hostile `/deal-status` text is answered safely: parameterised queries, escaped echo, no mention
fires, ephemeral, and the tables are intact afterwards."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from bot.sandbox import ResponseUrls
from bot.services import Services
from briefings.store.tables import DealRow
from tests.slash.support import command_body, post, signed_headers

pytestmark = pytest.mark.usefixtures("deals")

HOSTILE = {
    "whitespace": " \t\n ",
    "10 KB": "anthropic " * 1024,
    "10 KB of one word": "x" * 10_240,
    "emoji": "🚀🤖 anthropic 💸",
    "rtl override": "\u202eTFOSORCIM\u202c \u200fmaia",
    "channel mention": "<!channel> maia",
    "here mention": "<!here|here> @channel @here",
    "user mention": "<@U123> anthropic",
    "link markup": "<https://evil.example|click me>",
    "percent": "%",
    "underscore": "_",
    "percent like": "%micro%",
    "quotes": "\"anthropic' `microsoft`",
    "sql": "'; DROP TABLE deals; --",
    "sql union": "maia' UNION SELECT key FROM deals WHERE '1'='1",
    "backslash": "\\ \\% \\_",
    "nul and controls": "maia\x00\x07\x1b[31m",
}
# Slack parses every `<…>`: ours are only date tokens and links; anything else could ping people.
_SPECIAL = re.compile(r"<(?!!date\^|https?://)")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_answered_safely(web: str, urls: ResponseUrls, services: Services,
                                         name: str) -> None:
    body = command_body(HOSTILE[name], urls.issue())
    assert post(web, body, signed_headers(body)).status_code == 200
    payload = urls.next().payload
    assert payload["response_type"] == "ephemeral"
    sent = json.dumps(payload, ensure_ascii=False)
    assert not _SPECIAL.search(sent)
    assert "<https://evil.example" not in sent
    assert len(payload["blocks"]) <= 50
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in payload["blocks"])
    with services.sessions() as session:
        assert session.scalar(select(func.count()).select_from(DealRow)) == 4


def test_percent_and_underscore_match_nothing_rather_than_everything(
        web: str, urls: ResponseUrls) -> None:
    for text in ("%", "_", "%%", "__"):
        body = command_body(text, urls.issue())
        post(web, body, signed_headers(body))
        assert "No tracked deal matches" in json.dumps(urls.next().payload["blocks"])
