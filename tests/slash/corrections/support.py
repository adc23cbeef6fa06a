"""Interaction payloads as Slack sends them for the correction menu and form, and a wait for a
Web API call that is driven by the call itself (a watching fault), not by the clock."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any
from urllib.parse import urlencode

from slack_sdk.models.blocks import Block

from bot.render.briefing import render
from bot.render.correction_menu import ACTION_ID
from bot.sandbox import ResponseUrls, SlackSandbox
from bot.sandbox.limits import view_problem
from bot.services import Services
from briefings.briefing import Briefing, MessageKind
from briefings.models import Deal
from briefings.store.database import transaction
from briefings.store.deals import get_deal
from tests.slash.support import command_body, post, signed_headers

USER = {"id": "U0ANALYST", "username": "ana", "name": "ana", "team_id": "T0TEAM"}
OTHER = {"id": "U0OTHER", "username": "otto", "name": "otto", "team_id": "T0TEAM"}
MAIA = "anthropic-microsoft:maia:2"  # seeded by tests/slash/conftest.py's `deals`


def menu_block(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """The one block of a message that carries the correction menu."""
    found = [b for b in blocks if (b.get("accessory") or {}).get("action_id") == ACTION_ID]
    assert len(found) == 1, blocks
    return found[0]


def as_json(blocks: list[Block]) -> list[dict[str, Any]]:
    return [block.to_dict() for block in blocks]


def click_body(block: dict[str, Any], label: str, *, response_url: str, trigger_id: str,
               user: dict[str, Any] = USER, channel: str = "C0DEALS01") -> str:
    """A block_actions payload for picking the option labelled `label` from `block`'s menu."""
    option = next(o for o in block["accessory"]["options"] if o["text"]["text"] == label)
    action = {"type": "overflow", "action_id": ACTION_ID, "block_id": block["block_id"],
              "selected_option": option, "action_ts": "1700000000.000200"}
    return interaction({
        "type": "block_actions", "user": user, "api_app_id": "A0APP", "token": "x",
        "team": {"id": "T0TEAM"}, "channel": {"id": channel, "name": "deals"},
        "container": {"type": "message", "message_ts": "1700000000.000001",
                      "channel_id": channel, "is_ephemeral": False},
        "trigger_id": trigger_id, "response_url": response_url, "actions": [action]})


def submission_body(view: dict[str, Any], *, reason: str | None = None,
                    target: str | None = None, user: dict[str, Any] = USER) -> str:
    """A view_submission payload for a view the stand-in opened, with what the person typed."""
    values: dict[str, Any] = {"reason": {"reason": {"type": "plain_text_input",
                                                     "value": reason}}}
    if target is not None:
        values["target"] = {"target": {"type": "static_select", "selected_option": {
            "text": {"type": "plain_text", "text": "a deal"}, "value": target}}}
    submitted = {**view, "id": "V00000001", "team_id": "T0TEAM", "hash": "1.abc",
                 "state": {"values": values}}
    return interaction({"type": "view_submission", "team": {"id": "T0TEAM"}, "user": user,
                        "api_app_id": "A0APP", "token": "x", "trigger_id": "9.9.abc",
                        "view": submitted, "response_urls": []})


def interaction(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


class CallWatch:
    """Set when the stand-in receives a call of `method` (before it answers): install it before
    the request, then `wait()`; reading the sandbox afterwards waits for the answer's lock."""

    def __init__(self, slack: SlackSandbox, method: str) -> None:
        self.seen = threading.Event()

        def watch(called: str, args: dict[str, Any]) -> None:
            if called == method:
                self.seen.set()

        slack.state.faults.append(watch)

    def wait(self, timeout: float = 10) -> None:
        assert self.seen.wait(timeout), "the call never came"


def post_menu(services: Services, key: str = MAIA, story: int = 1) -> dict[str, Any]:
    """The menu block of the briefing of a stored deal's story, as delivery would post it."""
    with transaction(services.sessions) as session:
        deal = get_deal(session, key)
    assert deal is not None
    return menu_block(render(briefing(deal, story)).blocks_json())


def card_menu(web: str, urls: ResponseUrls) -> dict[str, Any]:
    body = command_body("msft maia", urls.issue())
    post(web, body, signed_headers(body))
    return menu_block(urls.next().payload["blocks"])


def pick(web: str, slack: SlackSandbox, urls: ResponseUrls, block: dict[str, Any], label: str,
          *, user: dict[str, Any] = USER, trigger: str | None = None) -> int:
    body = click_body(block, label, response_url=urls.issue(), user=user,
                      trigger_id=trigger or slack.issue_trigger())
    return post(web, body, signed_headers(body)).status_code


def opened(web: str, slack: SlackSandbox, urls: ResponseUrls, block: dict[str, Any],
            label: str, user: dict[str, Any] = USER) -> dict[str, Any]:
    before = len(slack.opened_views())
    watch = CallWatch(slack, "views.open")
    assert pick(web, slack, urls, block, label, user=user) == 200
    watch.wait()
    views = slack.opened_views()
    assert len(views) == before + 1  # this click opened one view
    view = views[-1]
    assert view_problem(view, "modal") is None
    return view


def told(urls: ResponseUrls) -> str:
    response = urls.next()
    assert response.error is None and response.payload["response_type"] == "ephemeral"
    assert response.payload["replace_original"] is False
    return str(response.payload["text"])


def briefing(deal: Deal, story: int = 0, kind: MessageKind = MessageKind.NEW_DEAL) -> Briefing:
    """The briefing of one of a seeded deal's stories (`tests.slash.support.seed_deal` ids)."""
    return Briefing(kind=kind, deal_key=deal.key, story_id=f"{deal.key}#{story}",
                    status=deal.status, previous_status=None, title="A report",
                    summary=deal.summary, subject=deal.subject, parties=deal.parties,
                    chips=deal.chips, use="unknown", value=None, capacity=None,
                    evidence=deal.evidence, outlet="Chip Wire",
                    link="https://news.example/a", published=deal.first_seen)


class LogWatch(logging.Handler):
    """Set once `logger` logs a line containing `text`: for lines a listener writes after the
    step a test can see (the answer Slack refused is seen before its log line is written)."""

    def __init__(self, logger: str, text: str) -> None:
        super().__init__(logging.DEBUG)
        self.text, self.seen = text, threading.Event()
        self._logger = logging.getLogger(logger)

    def __enter__(self) -> LogWatch:
        self._logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if self.text in record.getMessage():
            self.seen.set()

    def wait(self, timeout: float = 10) -> None:
        assert self.seen.wait(timeout), f"never logged: {self.text}"
