"""A loopback stand-in for the Slack Web API: the offline demo posts to it, tests inject faults.

It answers the methods the bot uses (auth.test, chat.postMessage, chat.update, chat.getPermalink,
conversations.history and .replies, views.open and .publish, usergroups.users.list), keeps the
messages per channel with their threads, and records every call. Like Slack, it rejects blocks
over Block Kit's limits (`invalid_blocks`) and returns message metadata from history only with
`include_all_metadata`. Ready-made faults for `state.faults` are in `bot.sandbox.faults`; modal
triggers and user groups are in `bot.sandbox.modals`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from bot.sandbox.history import HistoryLimits
from bot.sandbox.membership import Workspace
from bot.sandbox.methods import answer
from bot.sandbox.modals import Modals
from bot.sandbox.tokens import token_refusal

DELAY_HEADER = "X-Sandbox-Delay"
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
    workspace: Workspace = field(default_factory=Workspace)
    history: HistoryLimits = field(default_factory=HistoryLimits)
    token_error: str | None = None  # see bot.sandbox.tokens
    clock: Callable[[], float] = time.time  # the wall clock message `ts` values are taken from
    deleted: set[tuple[str, str]] = field(default_factory=set)
    modals: Modals = field(default_factory=lambda: Modals(time.time))
    _last_ts: int = 0

    def next_ts(self) -> str:
        """A `ts` from `clock`, as Slack's are (seconds.microseconds), unique and increasing."""
        micros = max(int(self.clock() * 1_000_000), self._last_ts + 1)
        self._last_ts = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def refusal(self, method: str) -> tuple[int, dict[str, str], bytes] | None:
        """A token-wide error or a read over the history rate limit, before the method runs."""
        return token_refusal(self.token_error) or self.history.reject(method)

    def answer(self, method: str, args: dict[str, Any]) -> bytes:
        """Carry out a call as Slack would; for faults that act, then lose the answer.
        The caller holds `lock` (faults run under it)."""
        return json.dumps(answer(self, method, args)).encode()


class SlackSandbox:
    """Start with `start()`; `url` is the base URL to give the app as SLACK_API_URL."""

    def __init__(self) -> None:
        self.state = SlackState()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self.state))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def start(self) -> SlackSandbox:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        """Forget every message, call and fault, so one server can serve many tests (stopping
        and starting one costs half a second)."""
        with self.state.lock:
            self.state.messages.clear()
            self.state.calls.clear()
            self.state.faults.clear()
            self.state.deleted.clear()
            self.state.workspace = Workspace()
            self.state.history = HistoryLimits()
            self.state.token_error = None
            self.state.modals = Modals(self.state.clock)

    def channel(self, channel: str) -> list[dict[str, Any]]:
        """Messages posted to a channel, top-level and replies, in posting order."""
        with self.state.lock:
            return list(self.state.messages.get(channel, []))

    def delete(self, channel: str, ts: str) -> None:
        """Someone deleted a message in Slack: it leaves history, and chat.update on its `ts`
        answers `message_not_found` (https://docs.slack.dev/reference/methods/chat.update)."""
        with self.state.lock:
            messages = self.state.messages.get(channel, [])
            messages[:] = [m for m in messages if m["ts"] != ts]
            self.state.deleted.add((channel, ts))

    def issue_trigger(self, age: float = 0.0) -> str:
        """A `trigger_id` as Slack puts in an interaction payload, `age` seconds old."""
        with self.state.lock:
            return self.state.modals.issue_trigger(age)

    def add_usergroup(self, group: str, members: list[str]) -> None:
        with self.state.lock:
            self.state.modals.usergroups[group] = list(members)

    def opened_views(self) -> list[dict[str, Any]]:
        """The views `views.open` accepted, in order."""
        with self.state.lock:
            return list(self.state.modals.opened)

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
                status, headers, body = (faulted or state.refusal(method)
                                         or (200, {}, state.answer(method, args)))
                state.calls.append(Call(method, args, status))
            headers = dict(headers)
            time.sleep(float(headers.pop(DELAY_HEADER, 0)))  # a fault asking for a slow answer
            if status < 0:  # a fault asking for the connection to drop without an answer
                self.close_connection = True
                self.connection.close()
                return
            try:
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                self.close_connection = True

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
