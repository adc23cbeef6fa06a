"""A loopback stand-in for the Slack Web API: the offline demo posts to it, tests inject faults.

It answers the methods the bot uses (auth.test, chat.postMessage, chat.update, chat.getPermalink,
conversations.history), keeps the messages per channel with their threads, and records every call.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

Fault = Callable[[str, dict[str, Any]], "tuple[int, dict[str, str], bytes] | None"]


@dataclass
class Call:
    """One recorded Web API call."""

    method: str
    args: dict[str, Any]
    status: int


@dataclass
class SlackState:
    """Everything the sandbox holds; guarded by `lock`."""

    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"


class SlackSandbox:
    """Start with `start()`; `url` is the base URL to give the app as SLACK_API_URL."""

    def __init__(self) -> None:
        self.state = SlackState()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self.state))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def start(self) -> SlackSandbox:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def channel(self, channel: str) -> list[dict[str, Any]]:
        """Messages posted to a channel, top-level and replies, in posting order."""
        with self.state.lock:
            return list(self.state.messages.get(channel, []))

    def calls(self, method: str | None = None) -> list[Call]:
        with self.state.lock:
            return [c for c in self.state.calls if method is None or c.method == method]

    def __enter__(self) -> SlackSandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_for(state: SlackState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            method = self.path.rsplit("/", 1)[-1]
            args = _read_args(self)
            with state.lock:
                faulted = next((r for f in state.faults if (r := f(method, args)) is not None),
                               None)
                status, headers, body = faulted or (200, {}, _answer(state, method, args))
                state.calls.append(Call(method, args, status))
            if status < 0:  # a fault asking for the connection to drop without an answer
                self.close_connection = True
                self.connection.close()
                return
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _read_args(handler: BaseHTTPRequestHandler) -> dict[str, Any]:
    raw = handler.rfile.read(int(handler.headers.get("Content-Length") or 0)).decode()
    if "json" in (handler.headers.get("Content-Type") or ""):
        parsed: dict[str, Any] = json.loads(raw or "{}")
        return parsed
    args: dict[str, Any] = dict(parse_qsl(raw))
    for key in ("blocks", "metadata"):
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args


def _answer(state: SlackState, method: str, args: dict[str, Any]) -> bytes:
    handler = _METHODS.get(method)
    result = handler(state, args) if handler else {"ok": False, "error": "unknown_method"}
    return json.dumps(result).encode()


def _post(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    channel = str(args.get("channel", ""))
    message = {**args, "ts": state.next_ts()}
    state.messages.setdefault(channel, []).append(message)
    return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}


def _update(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    for message in state.messages.get(str(args.get("channel")), []):
        if message["ts"] == args.get("ts"):
            message.setdefault("versions", []).append(
                {k: v for k, v in message.items() if k != "versions"})
            message.update({k: v for k, v in args.items() if k != "ts"}, edited=True)
            return {"ok": True, "channel": args["channel"], "ts": message["ts"]}
    return {"ok": False, "error": "message_not_found"}


def _history(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    messages = list(reversed(state.messages.get(str(args.get("channel")), [])))
    return {"ok": True, "messages": messages, "has_more": False}


def _permalink(state: SlackState, args: dict[str, Any]) -> dict[str, Any]:
    channel, ts = args.get("channel"), str(args.get("message_ts", ""))
    return {"ok": True, "permalink": f"https://sandbox.slack.invalid/archives/{channel}/p{ts}"}


_METHODS: dict[str, Callable[[SlackState, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": lambda s, a: {"ok": True, "user_id": "UBOT", "team_id": "TSANDBOX",
                               "bot_id": "BSANDBOX", "url": "https://sandbox.slack.invalid/"},
    "chat.postMessage": _post,
    "chat.update": _update,
    "conversations.history": _history,
    "chat.getPermalink": _permalink,
    "chat.postEphemeral": lambda s, a: {"ok": True, "message_ts": s.next_ts()},
    "views.publish": lambda s, a: {"ok": True, "view": {"id": "VSANDBOX", **a}},
}
