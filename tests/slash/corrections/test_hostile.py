"""Signed but malformed correction requests are refused before Bolt runs anything: a 400, one
log line, no handler, no modal. "Nothing ran" is shown as in tests/slash/test_hostile_requests:
after the hostile requests one good pick is sent, and its modal is the only one Slack opened."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import pytest

from bot.render.correction_form import FormState
from bot.sandbox import ResponseUrls, SlackSandbox
from bot.services import Services
from briefings.corrections import CorrectionAction
from tests.slash.corrections.conftest import Recorder
from tests.slash.corrections.support import (
    MAIA,
    CallWatch,
    click_body,
    interaction,
    pick,
    post_menu,
    submission_body,
)
from tests.slash.support import post, signed_headers

pytestmark = pytest.mark.usefixtures("deals")
Edit = Callable[[dict[str, Any]], None]


def _payload(body: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(parse_qs(body)["payload"][0])
    return payload


def _form(**data: Any) -> str:
    good = {"v": 1, "action": "set_status", "deal": MAIA, "status": "denied", "story": None,
            "channel": "C0DEALS01"}
    return json.dumps({**good, **data})


def _view(**changes: Any) -> Edit:
    return lambda payload: payload["view"].update(changes)


SUBMISSIONS: dict[str, Edit] = {
    "no view": lambda p: p.pop("view"),
    "view not an object": lambda p: p.update(view="modal"),
    "no state": lambda p: p["view"].pop("state"),
    "state not an object": _view(state=["values"]),
    "values not an object": _view(state={"values": "reason"}),
    "reason not an object": _view(state={"values": {"reason": {"reason": "why"}}}),
    "reason not text": _view(state={"values": {"reason": {"reason": {"value": 5}}}}),
    "metadata garbled": _view(private_metadata="{not json"),
    "metadata missing": _view(private_metadata=None),
    "metadata not ours": _view(private_metadata='{"v": 2, "deal": "x"}'),
    "unknown action": _view(private_metadata=_form(action="delete")),
    "deal too long": _view(private_metadata=_form(deal="k" * 201)),
    "status without set_status": _view(private_metadata=_form(action="merge")),
    "set_status without status": _view(private_metadata=_form(status=None)),
    "split without story": _view(private_metadata=_form(action="split", status=None)),
    "story not text": _view(private_metadata=_form(story=["s"])),
    "no user id": lambda p: p.update(user={"name": "ana"}),
}


@pytest.mark.parametrize("edit", SUBMISSIONS.values(), ids=SUBMISSIONS.keys())
def test_a_malformed_submission_is_refused_and_nothing_applied(
        web: str, services: Services, applied: Recorder, caplog: pytest.LogCaptureFixture,
        edit: Edit) -> None:
    view = {"type": "modal", "callback_id": "deal_correction_form",
            "private_metadata": _form(), "blocks": [],
            "title": {"type": "plain_text", "text": "Mark DENIED"}}
    payload = _payload(submission_body(view, reason="why"))
    edit(payload)
    body = interaction(payload)
    with caplog.at_level(logging.WARNING, logger="bot.web"):
        assert post(web, body, signed_headers(body)).status_code == 400
    assert "refused a signed Slack request" in caplog.text and "payload" not in caplog.text
    good = interaction(_payload(submission_body(view, reason="why")))
    assert post(web, good, signed_headers(good)).status_code == 200
    assert [c.reason for c in applied.corrections] == ["why"]  # the good one only


def _action(**changes: Any) -> Edit:
    return lambda payload: payload["actions"][0].update(changes)


CLICKS: dict[str, Edit] = {
    "no selected option": lambda p: p["actions"][0].pop("selected_option"),
    "selected option not an object": _action(selected_option="status:denied"),
    "option value not text": _action(selected_option={"value": ["status:denied"]}),
    "another app's overflow without its option": lambda p: p["actions"][0].update(
        action_id="someone_else", selected_option=None),
    "unknown status": _action(selected_option={"value": "status:maybe"}),
    "unknown correction": _action(selected_option={"value": "delete_everything"}),
    "block not ours": _action(block_id="section-1"),
    "block without a deal": _action(block_id="fix:"),
    "deal key too long": _action(block_id="fix::" + "k" * 201),
    "story ref of the wrong length": _action(block_id=f"fix:abc:{MAIA}"),
    "split from a card": _action(block_id=f"fix::{MAIA}", selected_option={"value": "split"}),
    "no trigger_id": lambda p: p.pop("trigger_id"),
    "no response_url": lambda p: p.update(response_url=None),
}


@pytest.mark.parametrize("edit", CLICKS.values(), ids=CLICKS.keys())
def test_a_malformed_menu_pick_is_refused_and_no_modal_opens(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        caplog: pytest.LogCaptureFixture, edit: Edit) -> None:
    block = post_menu(services)
    payload = _payload(click_body(block, "Mark DENIED", response_url=urls.issue(),
                                  trigger_id=slack.issue_trigger()))
    edit(payload)
    body = interaction(payload)
    with caplog.at_level(logging.WARNING, logger="bot.web"):
        assert post(web, body, signed_headers(body)).status_code == 400
    assert "refused a signed Slack request" in caplog.text
    watch = CallWatch(slack, "views.open")
    assert pick(web, slack, urls, block, "Not a deal") == 200
    watch.wait()
    assert [FormState.decode(v["private_metadata"]).action for v in slack.opened_views()] == [
        CorrectionAction.NOT_A_DEAL]
