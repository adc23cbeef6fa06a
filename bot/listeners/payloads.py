"""The shape a Slack request must have before Bolt and our listeners see it.

Bolt trusts a signed body's shape, so a malformed one (an `actions` that is no list of objects,
an `app_home_opened` whose user is a number) raised inside a listener and answered HTTP 500.
These checks cover the request kinds we listen to; anything else passes to Bolt untouched.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs


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
        return _actions_problem(data)
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
    if not _has_id(data.get("user")):
        return "block_actions without a user id"
    if data.get("channel") is not None and not _has_id(data.get("channel")):
        return "block_actions with a malformed channel"
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
