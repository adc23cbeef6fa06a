"""`/deal-status follow|unfollow|following` over real HTTP with Slack-signed requests: what each
answers, what it stores, and that odd text gets a clear answer and stores nothing."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.render.escape import JOINER
from bot.sandbox import ResponseUrls
from bot.services import Services
from briefings.follows import FollowTarget, TargetKind
from briefings.models import Status
from briefings.store.database import transaction
from briefings.store.follows import follows_of
from tests.slash.support import (
    action_body,
    command_body,
    post,
    seed_deal,
    signed_headers,
)

pytestmark = pytest.mark.usefixtures("deals")
MAIA = "anthropic-microsoft:maia:2"
ANA, BEN = "U0ANALYST", "U0BEN0001"


def ask(web: str, urls: ResponseUrls, text: str, user: str = ANA) -> dict[str, Any]:
    body = command_body(text, urls.issue(), user=user)
    assert post(web, body, signed_headers(body)).status_code == 200
    return urls.next().payload


def shown(payload: dict[str, Any]) -> str:
    return json.dumps(payload["blocks"], ensure_ascii=False)


def stored(services: Services, user: str = ANA) -> list[FollowTarget]:
    with transaction(services.sessions) as session:
        return follows_of(session, user)


def private(payload: dict[str, Any]) -> bool:
    """Ephemeral, and no share button: a follow is about the person, not for the channel."""
    return payload["response_type"] == "ephemeral" and "deal_status_share" not in shown(payload)


@pytest.mark.parametrize("name", ["msft", "Microsoft", "MICROSOFT", "Azure"])
def test_follow_a_company_by_name_or_alias_in_any_case(
        web: str, urls: ResponseUrls, services: Services, name: str) -> None:
    payload = ask(web, urls, f"follow {name}")
    assert private(payload)
    assert "You now follow *Microsoft*" in shown(payload)
    assert "`/deal-status unfollow Microsoft`" in shown(payload)
    assert stored(services) == [FollowTarget(TargetKind.COMPANY, "Microsoft")]


def test_following_twice_keeps_one_follow(web: str, urls: ResponseUrls,
                                          services: Services) -> None:
    ask(web, urls, "follow nvidia")
    again = ask(web, urls, "FOLLOW   NVIDIA")
    assert "You already follow *NVIDIA*" in shown(again)
    assert stored(services) == [FollowTarget(TargetKind.COMPANY, "NVIDIA")]


def test_follow_a_deal_by_a_query_matching_one_deal(web: str, urls: ResponseUrls,
                                                   services: Services) -> None:
    payload = ask(web, urls, "follow anthropic microsoft")
    assert "You now follow" in shown(payload) and "Anthropic + Microsoft: Maia" in shown(payload)
    assert stored(services) == [FollowTarget(TargetKind.DEAL, MAIA)]


def test_follow_and_unfollow_a_deal_by_its_key(web: str, urls: ResponseUrls,
                                               services: Services) -> None:
    assert "You now follow" in shown(ask(web, urls, f"follow deal:{MAIA}"))
    assert stored(services) == [FollowTarget(TargetKind.DEAL, MAIA)]
    payload = ask(web, urls, f"unfollow deal:{MAIA}")
    assert private(payload) and "You no longer follow" in shown(payload)
    assert stored(services) == []
    assert "You were not following" in shown(ask(web, urls, f"unfollow deal:{MAIA}"))


def test_a_query_matching_several_deals_says_which_and_follows_none(
        web: str, urls: ResponseUrls, services: Services) -> None:
    with transaction(services.sessions) as session:
        seed_deal(session, ["Anthropic", "Microsoft"], ["Maia"], "Maia 200", [Status.UNCONFIRMED],
                  day=5)
    text = shown(ask(web, urls, "follow anthropic microsoft maia"))
    assert "2 tracked deals match" in text
    keys = re.findall(r"`(deal:[^`]+)`", text)
    assert len(keys) == 2 and stored(services) == []
    ask(web, urls, f"follow {keys[1]}")  # pasted from the answer, as a person would
    assert stored(services) == [FollowTarget(TargetKind.DEAL, MAIA)]


def test_a_typo_of_a_company_asks_did_you_mean(web: str, urls: ResponseUrls,
                                               services: Services) -> None:
    text = shown(ask(web, urls, "follow nvidai"))
    assert "Did you mean *NVIDIA*?" in text
    assert stored(services) == []


def test_an_unknown_name_says_so(web: str, urls: ResponseUrls, services: Services) -> None:
    text = shown(ask(web, urls, "follow Zyxwvut Qrstuv"))
    assert "No watch-list company or tracked deal is called “Zyxwvut Qrstuv”" in text
    assert stored(services) == []


def test_an_unknown_deal_key_says_so(web: str, urls: ResponseUrls, services: Services) -> None:
    assert "No tracked deal has that key" in shown(ask(web, urls, "follow deal:nope"))
    assert stored(services) == []


@pytest.mark.parametrize("text", ["follow", "unfollow", "follow   ", "Unfollow"])
def test_a_verb_alone_shows_how(web: str, urls: ResponseUrls, services: Services,
                                text: str) -> None:
    payload = ask(web, urls, text)
    assert private(payload) and "Say what to" in shown(payload)
    assert "`/deal-status follow deal:&lt;key&gt;`" in shown(payload)
    assert stored(services) == []


def test_two_thousand_characters_get_a_short_clear_answer(
        web: str, urls: ResponseUrls, services: Services) -> None:
    payload = ask(web, urls, "follow " + "nvidia " * 285)
    assert "No watch-list company or tracked deal is called" in shown(payload)
    assert len(shown(payload)) < 3000
    assert stored(services) == []


def test_mentions_and_links_are_answered_inert(web: str, urls: ResponseUrls,
                                               services: Services) -> None:
    payload = ask(web, urls, "follow <!channel> <@U0BOSS001> <https://evil.example|NVIDIA>")
    text = shown(payload)
    assert "<!channel>" not in text and "<@U0BOSS001>" not in text and "<https://" not in text
    assert "&lt;!channel&gt;" in text
    assert stored(services) == []


def test_following_lists_the_persons_own_follows(web: str, urls: ResponseUrls,
                                                 services: Services) -> None:
    assert "You follow nothing yet" in shown(ask(web, urls, "following"))
    ask(web, urls, "follow nvidia")
    ask(web, urls, f"follow deal:{MAIA}")
    ask(web, urls, "follow amd", user=BEN)
    payload = ask(web, urls, "following")
    text = shown(payload)
    assert private(payload) and "You follow 2 companies and deals" in text
    assert "*NVIDIA*" in text and "Anthropic + Microsoft: Maia" in text and "AMD" not in text
    assert f"`unfollow deal:{MAIA}`" in text.replace(JOINER, "")  # as pasted back


def test_unfollow_a_company_leaves_the_other_follows(web: str, urls: ResponseUrls,
                                                     services: Services) -> None:
    ask(web, urls, "follow nvidia")
    ask(web, urls, "follow amd")
    assert "You no longer follow *NVIDIA*" in shown(ask(web, urls, "unfollow Nvidia"))
    assert stored(services) == [FollowTarget(TargetKind.COMPANY, "AMD")]


def test_help_lists_the_follow_commands(web: str, urls: ResponseUrls) -> None:
    text = shown(ask(web, urls, "help"))
    assert "/deal-status follow &lt;company&gt;" in text and "`following`" in text


def test_a_share_button_carrying_a_follow_follows_no_one(web: str, urls: ResponseUrls,
                                                        services: Services) -> None:
    body = action_body("q:follow nvidia", urls.issue())  # crafted: no answer has this button
    assert post(web, body, signed_headers(body)).status_code == 200
    assert "Follows are personal" in urls.next().payload["text"]
    assert stored(services) == [] and stored(services, "U0SHARER") == []
