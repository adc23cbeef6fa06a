"""A pick from the correction menu, over signed HTTP to the web process: editors get the modal
(by user ID or user group), anyone else a private "Only editors can change this." and no modal;
a trigger Slack no longer honours, or a modal Slack will not open, is told privately too."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from bot.render.correction_form import FormState
from bot.sandbox import ResponseUrls, SlackSandbox
from bot.sandbox.faults import api_error, server_error
from bot.services import Services
from briefings.corrections import CorrectionAction
from briefings.models import Status
from briefings.store.database import transaction
from briefings.store.deals import save_deal
from tests.slash.corrections.support import (
    MAIA,
    OTHER,
    LogWatch,
    card_menu,
    opened,
    pick,
    post_menu,
    told,
)
from tests.slash.support import seed_deal

pytestmark = pytest.mark.usefixtures("deals")


def test_everyone_may_correct_when_no_editors_are_named(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    view = opened(web, slack, urls, post_menu(services), "Mark DENIED")
    form = FormState.decode(view["private_metadata"])
    assert form == FormState(CorrectionAction.SET_STATUS, MAIA, Status.DENIED, f"{MAIA}#1",
                             "C0DEALS01")
    assert view["title"]["text"] == "Mark DENIED" and view["callback_id"] == "deal_correction_form"
    reason = view["blocks"][-1]
    assert reason["block_id"] == "reason" and reason["optional"] is True
    assert reason["element"]["type"] == "plain_text_input"
    assert reason["element"]["max_length"] == 500
    assert slack.calls("usergroups.users.list") == []


@pytest.mark.parametrize("editors", [("U0ANALYST",)])
def test_a_named_editor_gets_the_modal_and_anyone_else_is_told_privately(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    block = post_menu(services)
    assert pick(web, slack, urls, block, "Not a deal", user=OTHER) == 200
    assert told(urls) == "Only editors can change this."
    assert slack.calls("views.open") == []  # the notice is the listener's last step
    view = opened(web, slack, urls, block, "Not a deal")
    assert FormState.decode(view["private_metadata"]).action is CorrectionAction.NOT_A_DEAL


@pytest.mark.parametrize("editors", [("S0EDITORS", "U0LEAD")])
def test_members_of_an_editors_group_may_correct_and_the_group_is_read_once(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    slack.add_usergroup("S0EDITORS", ["U0ANALYST", "U0SECOND"])
    card = card_menu(web, urls)
    view = opened(web, slack, urls, card, "Mark CONFIRMED")
    assert FormState.decode(view["private_metadata"]).story_id is None  # a card: no story
    assert pick(web, slack, urls, card, "Not a deal", user=OTHER) == 200
    assert told(urls) == "Only editors can change this."
    assert [c.args["usergroup"] for c in slack.calls("usergroups.users.list")] == ["S0EDITORS"]


@pytest.mark.parametrize("editors", [("S0EDITORS",)])
def test_when_slack_cannot_list_the_group_nobody_is_let_in(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    slack.add_usergroup("S0EDITORS", ["U0ANALYST"])
    slack.state.faults.append(server_error("usergroups.users.list", times=None))
    assert pick(web, slack, urls, post_menu(services), "Mark DENIED") == 200
    assert "could not say just now who the editors are" in told(urls)
    assert slack.calls("views.open") == []
@pytest.mark.parametrize("editors", [("S0GONE",)])
def test_a_group_slack_does_not_know_lets_no_one_in_and_says_so_in_the_log(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.editors"):
        assert pick(web, slack, urls, post_menu(services), "Mark DENIED") == 200
        assert told(urls) == "Only editors can change this."
    assert "user group S0GONE, which Slack does not know" in caplog.text


@pytest.mark.parametrize("age", [5.0, None], ids=["expired", "malformed"])
def test_a_trigger_slack_no_longer_honours_is_told_privately(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        age: float | None) -> None:
    trigger = slack.issue_trigger(age=age) if age is not None else "not-a-trigger"
    assert pick(web, slack, urls, post_menu(services), "Mark DENIED", trigger=trigger) == 200
    assert told(urls) == "The form took too long to open. Please choose from the menu again."
    [call] = slack.calls("views.open")
    assert call.args["trigger_id"] == trigger and slack.opened_views() == []


def test_a_modal_slack_will_not_open_is_logged_andtold(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        caplog: pytest.LogCaptureFixture) -> None:
    slack.state.faults.append(api_error("internal_error", "views.open"))
    with caplog.at_level(logging.WARNING, logger="bot.listeners.corrections"):
        assert pick(web, slack, urls, post_menu(services), "Mark DENIED") == 200
        assert told(urls) == "Sorry, the form could not be opened just now. Please try again."
    assert "correction form not opened: internal_error" in caplog.text  # logged before telling


def test_a_refused_private_answer_is_logged_and_nothing_raises(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    urls.refusals.append(lambda payload: (404, "expired_url"))
    slack.state.faults.append(api_error("internal_error", "views.open"))
    with LogWatch("bot.listeners.responding", "correction notice: Slack refused it") as logged:
        assert pick(web, slack, urls, post_menu(services), "Mark DENIED") == 200
        assert urls.next().error == "expired_url"
        logged.wait()


def test_same_deal_as_offers_the_tracked_deals_sharing_a_party(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    with transaction(services.sessions) as session:
        hidden = seed_deal(session, ["Anthropic", "Google"], ["TPU"], "Hidden", day=4)
        save_deal(session, replace(hidden, hidden=True))
        merged = seed_deal(session, ["Anthropic", "Nvidia"], ["H100"], "Merged", day=5)
        save_deal(session, replace(merged, merged_into=MAIA))
    view = opened(web, slack, urls, post_menu(services), "Same deal as…")
    target = next(b for b in view["blocks"] if b.get("block_id") == "target")
    assert not target.get("optional") and target["element"]["type"] == "static_select"
    texts = [o["text"]["text"] for o in target["element"]["options"]]
    # not itself, hidden, merged; dated, since a split-out deal keeps its parties and subject
    assert texts == ["Amazon + Anthropic: Trainium (UNCONFIRMED, from 19 Nov 2026)"]


def test_same_deal_as_with_no_deal_to_choose_is_told_privately(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    with transaction(services.sessions) as session:
        alone = seed_deal(session, ["Cerebras", "Mistral"], ["WSE"], "Alone", day=6)
    assert pick(web, slack, urls, post_menu(services, alone.key, 0), "Same deal as…") == 200
    assert "No other tracked deal shares a party" in told(urls)


def test_split_of_a_story_no_longer_in_the_deal_is_told_privately(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services) -> None:
    block = post_menu(services)
    block["block_id"] = block["block_id"].replace(block["block_id"][4:20], "0" * 16)
    assert pick(web, slack, urls, block, "Split this story into a new deal") == 200
    assert told(urls) == ("That story is no longer part of this deal, so it cannot be split "
                           "from it.")
    assert slack.calls("views.open") == []
