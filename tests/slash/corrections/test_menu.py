"""The correction menu on every briefing kind and on the `/deal-status` card, inside Slack's
limits for the longest deal key and story id the store holds (200 characters each)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.render.briefing import render
from bot.render.correction_menu import ACTION_ID, menu_choice
from bot.render.deal_card import deal_card_blocks
from bot.sandbox.limits import message_problem
from briefings.briefing import MessageKind
from briefings.corrections import CorrectionAction
from briefings.models import Deal, Status
from briefings.store.search import DealDetail
from tests.slash.corrections.support import as_json, briefing, menu_block

T = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
LONG_KEY = "k" * 197 + ":x:"  # 200 characters: the deals.key column
LONG_DEAL = Deal(key=LONG_KEY, parties=("Anthropic", "Microsoft"), subject="Maia", chips=(),
                 status=Status.UNCONFIRMED, status_since=T, first_seen=T, last_activity=T)
STATUS_LABELS = {s: f"Mark {s.value.upper()}" for s in Status}


def _labels(block: dict[str, object]) -> list[str]:
    return [o["text"]["text"] for o in block["accessory"]["options"]]  # type: ignore[index]


@pytest.mark.parametrize("kind", [MessageKind.NEW_DEAL, MessageKind.REPORT,
                                  MessageKind.STATUS_CHANGE, MessageKind.EDIT_ROOT])
def test_every_briefing_kind_has_the_menu_within_limits(kind: MessageKind) -> None:
    story = replace(briefing(LONG_DEAL, kind=kind), story_id="s" * 200)
    blocks = render(story).blocks_json()  # slack_sdk validates every limit here
    block = menu_block(blocks)
    assert len(block["block_id"]) <= 255 and block["accessory"]["type"] == "overflow"
    assert _labels(block) == ["Mark CONFIRMED", "Mark DENIED", "Not a deal", "Same deal as…",
                              "Split this story into a new deal"]  # five: the overflow's most
    assert all(len(o["value"]) <= 150 for o in block["accessory"]["options"])
    assert message_problem({"text": "t", "blocks": blocks}) is None  # as the stand-in checks
    choice = menu_choice({"action_id": ACTION_ID, "block_id": block["block_id"],
                          "selected_option": block["accessory"]["options"][4]})
    assert choice.action is CorrectionAction.SPLIT and choice.deal_key == LONG_KEY


@pytest.mark.parametrize("shown", list(Status))
def test_a_briefing_leaves_out_only_the_status_it_shows(shown: Status) -> None:
    labels = _labels(menu_block(render(briefing(replace(LONG_DEAL, status=shown))).blocks_json()))
    assert [x for x in labels if x.startswith("Mark")] == [
        STATUS_LABELS[s] for s in (Status.CONFIRMED, Status.UNCONFIRMED, Status.DENIED)
        if s is not shown]


def test_the_card_offers_every_status_and_no_split() -> None:
    blocks = as_json(deal_card_blocks(DealDetail(LONG_DEAL, None, [], 0, None)))
    block = menu_block(blocks)
    assert _labels(block) == ["Mark CONFIRMED", "Mark UNCONFIRMED", "Mark DENIED", "Not a deal",
                              "Same deal as…"]
    assert len(block["block_id"]) <= 255
    assert message_problem({"text": "t", "blocks": blocks}) is None
    choice = menu_choice({"action_id": ACTION_ID, "block_id": block["block_id"],
                          "selected_option": block["accessory"]["options"][1]})
    assert (choice.action, choice.status, choice.story_ref) == (
        CorrectionAction.SET_STATUS, Status.UNCONFIRMED, None)
