"""The Web API methods the sandbox answers, acting on its state as Slack would."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.sandbox.limits import UPDATE_TEXT_MAX, Problem, message_problem, view_problem
from bot.sandbox.membership import refusal

if TYPE_CHECKING:
    from bot.sandbox.server import SlackState


def answer(state: SlackState, method: str, args: dict[str, Any]) -> dict[str, Any]:
    """Slack's answer to one call; the caller holds `state.lock`."""
    handler = _METHODS.get(method)
    if handler is None:
        return {"ok": False, "error": "unknown_method"}
    return refusal(state.workspace, method, args) or handler(state, args)


def _refused(problem: Problem) -> dict[str, Any]:
    return {"ok": False, "error": problem[0], "errors": [problem[1]]}


def _post(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    if (problem := message_problem(args)) is not None:
        return _refused(problem)
    channel = str(args.get("channel", ""))
    message = {**args, "ts": state.next_ts()}
    state.messages.setdefault(channel, []).append(message)
    return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}


def _update(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    if (problem := message_problem(args, UPDATE_TEXT_MAX)) is not None:
        return _refused(problem)
    for message in state.messages.get(str(args.get("channel")), []):
        if message["ts"] == args.get("ts"):
            message.setdefault("versions", []).append(
                {k: v for k, v in message.items() if k != "versions"})
            message.update({k: v for k, v in args.items() if k != "ts"}, edited=True)
            return {"ok": True, "channel": args["channel"], "ts": message["ts"]}
    return {"ok": False, "error": "message_not_found"}


def _history(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    """Newest first: top-level messages and broadcast replies, as Slack lists them."""
    messages = [m for m in reversed(state.messages.get(str(args.get("channel")), []))
                if not m.get("thread_ts") or _truthy(m.get("reply_broadcast"))]
    return _page(state, messages, args)


def _replies(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    """Oldest first: the thread's parent, then its replies."""
    ts = str(args.get("ts"))
    thread = [m for m in state.messages.get(str(args.get("channel")), [])
              if m["ts"] == ts or m.get("thread_ts") == ts]
    if not thread:
        return {"ok": False, "error": "thread_not_found"}
    parent, replies = thread[0], [m for m in thread[1:] if _in_window(m, args)]
    return _page(state, [parent, *replies], args, windowed=False)


def _page(state: SlackState, messages: list[dict[str, Any]], args: dict[str, Any],
          *, windowed: bool = True) -> dict[str, Any]:
    """One page of `limit` messages (capped by the rate regime) between `oldest` and `latest`
    (`inclusive` keeps the bounds): https://docs.slack.dev/reference/methods/conversations.history
    """
    if windowed:
        messages = [m for m in messages if _in_window(m, args)]
    start, size = int(args.get("cursor") or 0), state.history.page_size(args.get("limit"))
    chunk = messages[start:start + size]
    if not _truthy(args.get("include_all_metadata")):
        chunk = [{k: v for k, v in m.items() if k != "metadata"} for m in chunk]
    more = start + size < len(messages)
    return {"ok": True, "messages": chunk, "has_more": more,
            "response_metadata": {"next_cursor": str(start + size) if more else ""}}


def _in_window(message: dict[str, Any], args: dict[str, Any]) -> bool:
    ts, inclusive = float(message["ts"]), _truthy(args.get("inclusive"))
    oldest, latest = args.get("oldest"), args.get("latest")
    if oldest and (ts < float(oldest) or (ts == float(oldest) and not inclusive)):
        return False
    return not (latest and (ts > float(latest) or (ts == float(latest) and not inclusive)))


def _truthy(value: object) -> bool:
    return value in (True, 1, "1", "true", "True")


def _permalink(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    """A link to the message (https://docs.slack.dev/reference/methods/chat.getPermalink). Any
    `ts` gets one: tests seed threads whose posts the sandbox never saw."""
    channel, ts = args.get("channel"), str(args.get("message_ts", ""))
    return {"ok": True, "permalink": f"https://sandbox.slack.invalid/archives/{channel}/p{ts}"}


def _view(args: dict[str, Any]) -> Any:
    view = args.get("view")
    return json.loads(view) if isinstance(view, str) else view  # form-encoded: JSON text


def _publish(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    if (problem := view_problem(_view(args))) is not None:
        return _refused(problem)
    return {"ok": True, "view": {"id": "VSANDBOX", **args}}


def _open(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    """views.open: the trigger first (see bot.sandbox.modals), then the view."""
    if (error := state.modals.trigger_error(args.get("trigger_id"))) is not None:
        return {"ok": False, "error": error}
    view = _view(args)
    if (problem := view_problem(view, "modal")) is not None:
        return _refused(problem)
    state.modals.opened.append(view)
    return {"ok": True, "view": {"id": f"V{len(state.modals.opened):08d}", **view}}


_METHODS: dict[str, Callable[[SlackState, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": lambda s, a: {"ok": True, "user_id": "UBOT", "team_id": "TSANDBOX",
                               "bot_id": "BSANDBOX", "url": "https://sandbox.slack.invalid/"},
    "chat.postMessage": _post,
    "chat.update": _update,
    "conversations.history": _history,
    "conversations.replies": _replies,
    "conversations.join": lambda s, a: s.workspace.join(str(a.get("channel", ""))),
    "conversations.info": lambda s, a: s.workspace.info(str(a.get("channel", ""))),
    "chat.getPermalink": _permalink,
    "chat.postEphemeral": lambda s, a: {"ok": True, "message_ts": s.next_ts()},
    "views.publish": _publish,
    "views.open": _open,
    "usergroups.users.list": lambda s, a: s.modals.members(str(a.get("usergroup", ""))),
}
