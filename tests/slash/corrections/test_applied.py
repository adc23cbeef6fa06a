"""A correction end to end with the real handlers: a briefing posted in the stand-in Slack, its
menu clicked and the form submitted over signed HTTP to the web process, then delivery: the post
is edited to say "set by @ana" and its thread gets the note."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient

from bot.delivery import Deliverer
from bot.sandbox import ResponseUrls, SlackSandbox
from bot.services import Services
from briefings.briefing import MessageKind
from briefings.models import ChangeKind, Person, Status
from briefings.store import outbox
from briefings.store.database import transaction
from briefings.store.deals import get_deal
from tests.delivery.support import FakeClock
from tests.slash.corrections.conftest import NOW
from tests.slash.corrections.support import (
    MAIA,
    briefing,
    card_menu,
    menu_block,
    opened,
    submission_body,
)
from tests.slash.support import post, signed_headers

pytestmark = pytest.mark.usefixtures("deals")
CHANNEL = "C0BRIEF01"  # not the seeded thread's channel: this post is really in the stand-in


def _deliver(services: Services, slack: SlackSandbox) -> None:
    clock = FakeClock(NOW)
    client = WebClient(token="xoxb-test", base_url=slack.url)
    Deliverer(services.sessions, client, clock, sleep=clock.sleep).drain()


def _posted(services: Services, slack: SlackSandbox) -> dict[str, Any]:
    """Maia's briefing, planned and delivered as the pipeline would post it."""
    with transaction(services.sessions) as session:
        deal = get_deal(session, MAIA)
        assert deal is not None
        shown = briefing(deal, 1)
        outbox.enqueue_payload(session, f"new_deal|{MAIA}|{shown.story_id}|{CHANNEL}",
                               MessageKind.NEW_DEAL, CHANNEL, shown.to_json(), NOW,
                               deal_key=MAIA, story_id=shown.story_id)
    _deliver(services, slack)
    [root] = slack.channel(CHANNEL)
    return root


def _submit(web: str, view: dict[str, Any], reason: str) -> dict[str, Any]:
    body = submission_body(view, reason=reason)
    response = post(web, body, signed_headers(body))
    assert response.status_code == 200
    return dict(response.json())


def test_marking_a_post_denied_edits_it_and_notes_its_thread(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    root = _posted(services, slack)
    assert root["text"].startswith("CONFIRMED")
    view = opened(web, slack, urls, menu_block(root["blocks"]), "Mark DENIED")
    answer = _submit(web, view, "Microsoft <!channel> denied it to us")
    assert answer["response_action"] == "update"
    assert "DENIED (was CONFIRMED)" in str(answer["view"]["blocks"])
    _deliver(services, slack)
    root, note = slack.channel(CHANNEL)
    assert root["edited"] and root["text"].startswith("DENIED (updated) (set by @ana)")
    assert root["blocks"][1]["text"]["text"].endswith(
        "· set by @ana: Microsoft &lt;!channel&gt; denied it to us")
    assert note["thread_ts"] == root["ts"] and note["text"] == (
        "ana marked this DENIED (was CONFIRMED): Microsoft &lt;!channel&gt; denied it to us")
    with transaction(services.sessions) as session:
        deal = get_deal(session, MAIA, with_history=True)
    assert deal is not None and (deal.status, deal.set_by) == (
        Status.DENIED, Person("U0ANALYST", "ana"))
    assert deal.history[-1].kind is ChangeKind.CORRECTION


def test_not_a_deal_from_the_card_edits_the_post(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    _posted(services, slack)
    view = opened(web, slack, urls, card_menu(web, urls), "Not a deal")
    _submit(web, view, "a launch, not a supply deal")
    _deliver(services, slack)
    root, note = slack.channel(CHANNEL)
    assert root["text"].startswith("NOT A DEAL (updated) (set by @ana)")
    assert note["text"].startswith("ana marked this not a deal: a launch, not a supply deal.")
