"""The shape a Slack request must have before Bolt and our listeners see it.

Bolt trusts a signed body's shape, so a malformed one (an `actions` that is no list of objects,
an `app_home_opened` whose user is a number, a correction form's `private_metadata` that is not
ours, an overflow pick without its option) raised inside a listener and answered HTTP 500.
These checks cover the request kinds we listen to; anything else passes to Bolt untouched.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from bot.render.correction_form import CALLBACK_ID as FORM_CALLBACK
from bot.render.correction_form import FormState, submitted
from bot.render.correction_menu import ACTION_ID as MENU_ACTION
from bot.render.correction_menu import menu_choice


def problem(body: str, content_type: str) -> str | None:
    """What is wrong with a signed request's body, or None when the listeners can take it."""
    try:
        data = _parsed(body, content_type)
    except ValueError as exc:
        return f"unreadable body ({type(exc).__name__})"
    if not isinstance(data, dict):
        return "the body is not an object"
    kind = data.get("type")
    if kind == "block_actions":
        return _actions_problem(data) or _correction_problem(data)
    if kind == "view_submission":
        return _submission_problem(data)
    if kind == "event_callback":
        return _event_problem(data.get("event"))
    return None


def _parsed(body: str, content_type: str) -> Any:
    if "json" in content_type:
        return json.loads(body)
    form = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
    return json.loads(form["payload"]) if "payload" in form else form


def _actions_problem(data: dict[str, Any]) -> str | None:
    actions = data.get("actions")
    if not isinstance(actions, list) or not actions:
        return "block_actions without a list of actions"
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("action_id"), str):
            return "block_actions with an action that is no object with an action_id"
        if not isinstance(action.get("value", ""), str):
            return "block_actions with a non-text action value"
        option = action.get("selected_option")
        if action.get("type") == "overflow" and not (
                isinstance(option, dict) and isinstance(option.get("value"), str)):
            return "block_actions with an overflow action and no selected option"
    if not _has_id(data.get("user")):
        return "block_actions without a user id"
    if data.get("channel") is not None and not _has_id(data.get("channel")):
        return "block_actions with a malformed channel"
    return None


def _correction_problem(data: dict[str, Any]) -> str | None:
    """A pick from our correction menu must decode, and carry what opening its form needs."""
    ours = [a for a in data["actions"] if a["action_id"] == MENU_ACTION]
    if not ours:
        return None
    try:
        menu_choice(ours[0])
    except ValueError as exc:
        return f"block_actions from the correction menu: {exc}"
    if not isinstance(data.get("trigger_id"), str) or not isinstance(
            data.get("response_url"), str):
        return "block_actions from the correction menu without a trigger_id or response_url"
    return None


def _submission_problem(data: dict[str, Any]) -> str | None:
    view = data.get("view")
    if not isinstance(view, dict) or not isinstance(view.get("state"), dict):
        return "view_submission without a view and its state"
    if not _has_id(data.get("user")):
        return "view_submission without a user id"
    if view.get("callback_id") != FORM_CALLBACK:
        return None
    try:
        FormState.decode(view.get("private_metadata"))
        submitted(view)
    except ValueError as exc:
        return f"view_submission of the correction form: {exc}"
    return None


def _event_problem(event: object) -> str | None:
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return "event_callback without an event type"
    if event["type"] == "app_home_opened":
        if not isinstance(event.get("user"), str):
            return "app_home_opened whose user is not text"
        if not isinstance(event.get("tab", "home"), str):
            return "app_home_opened whose tab is not text"
    return None


def _has_id(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)
