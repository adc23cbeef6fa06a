"""A loopback emulation of Slack's `response_url`, recording what the user was shown.

Slack gives every slash command and interaction a `response_url` that accepts up to 5 messages
within 30 minutes (https://docs.slack.dev/interactivity/handling-user-interaction, "Message
responses"). It refuses the same messages `chat.postMessage` refuses and answers, as incoming
webhooks do, with an HTTP 4xx and a plain-text error code
(https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks, "Handling errors").
An answer that Slack refused is recorded too, so a test can see that the user saw nothing.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot.sandbox.limits import message_problem

VALID_S = 30 * 60
MAX_USES = 5


@dataclass
class Response:
    """One POST to a response_url: what was sent and how Slack answered (`error` None: shown)."""

    hook: str
    payload: dict[str, Any]
    status: int
    error: str | None


@dataclass
class _Hook:
    issued_at: float
    source: str | None  # the message (on the user's screen) this interaction came from
    uses: int = 0


@dataclass
class Screen:
    """What the user and the channel see: ephemeral answers by id, and in-channel posts."""

    private: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel: list[dict[str, Any]] = field(default_factory=list)


Refusal = Callable[[dict[str, Any]], "tuple[int, str] | None"]


class ResponseUrls:
    """Start with `start()`; `issue()` hands out a URL to put in a command or action payload.
    `refusals` are faults: each may refuse a payload with (HTTP status, Slack's error code)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.screen = Screen()
        self.responses: queue.Queue[Response] = queue.Queue()
        self.refusals: list[Refusal] = []
        self._hooks: dict[str, _Hook] = {}
        self._first_shown: dict[str, str] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True

    def start(self) -> ResponseUrls:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def issue(self, source: str | None = None) -> str:
        """A fresh response_url; `source` is the shown message an interaction's button was on."""
        with self._lock:
            hook = f"h{next(self._ids)}"
            self._hooks[hook] = _Hook(self.clock(), source)
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks/{hook}"

    def source_of(self, url: str) -> str | None:
        """The id of the shown message a hook's first accepted answer became (for a share)."""
        return self._first_shown.get(url.rsplit("/", 1)[-1])

    def next(self, timeout: float = 10) -> Response:
        """The next POST any hook received, in arrival order."""
        return self.responses.get(timeout=timeout)

    def receive(self, hook: str, payload: dict[str, Any]) -> tuple[int, str]:
        """Slack's answer to one POST, applied to the screen when accepted."""
        with self._lock:
            status, error = self._apply(hook, payload)
        self.responses.put(Response(hook, payload, status, error))
        return status, error or "ok"

    def _apply(self, name: str, payload: dict[str, Any]) -> tuple[int, str | None]:
        hook = self._hooks.get(name)
        if hook is None:
            return 404, "invalid_url"
        if self.clock() - hook.issued_at > VALID_S:
            return 404, "expired_url"
        if hook.uses >= MAX_USES:
            return 404, "used_url"
        hook.uses += 1
        if (refused := next((r for f in self.refusals if (r := f(payload))), None)) is not None:
            return refused
        if payload.get("delete_original"):
            if hook.source is None or self.screen.private.pop(hook.source, None) is None:
                return 404, "message_not_found"
            return 200, None
        if (problem := message_problem(payload)) is not None:
            return 400, problem[0]
        shown = {**payload, "id": f"m{next(self._ids)}"}
        if payload.get("response_type") == "in_channel":
            self.screen.channel.append(shown)
        elif payload.get("replace_original") and hook.source in self.screen.private:
            self.screen.private[str(hook.source)] = {**shown, "id": hook.source}
        else:
            self.screen.private[shown["id"]] = shown
            self._first_shown.setdefault(name, shown["id"])
        return 200, None


def _handler_for(urls: ResponseUrls) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                payload = json.loads(raw or b"{}")
            except ValueError:
                payload = None
            if not isinstance(payload, dict):
                status, body = 400, "invalid_payload"
            else:
                status, body = urls.receive(self.path.rsplit("/", 1)[-1], payload)
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler
