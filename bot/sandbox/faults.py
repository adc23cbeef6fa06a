"""Ready-made faults for `SlackSandbox.state.faults`: rate limits, server errors, `ok: false`
answers, and sends whose answer is lost after Slack stored the message.

Each takes the call's method (and optionally a channel), how many matching calls to let through
first (`after`) and how many times to strike (`times=None`: forever).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.sandbox.server import DELAY_HEADER, Fault, SlackSandbox

WRITES = ("chat.postMessage", "chat.update")
Reply = tuple[int, dict[str, str], bytes]


def _striking(method: str | None, channel: str | None, times: int | None,
              reply: Callable[[str, dict[str, Any]], Reply], after: int = 0) -> Fault:
    """Strike matching calls (`method=None`: any method) from the `after`-th on, `times` times:
    counted in calls the sandbox sees, never in wall time, so a loaded machine changes nothing."""
    counter = itertools.count()

    def fault(called: str, args: dict[str, Any]) -> Reply | None:
        if (method is not None and called != method) or (
                channel is not None and args.get("channel") != channel):
            return None
        n = next(counter) - after
        if n < 0 or (times is not None and n >= times):
            return None
        return reply(called, args)

    return fault


def _json(body: dict[str, Any]) -> bytes:
    return json.dumps(body).encode()


def rate_limited(method: str = "chat.postMessage", *, retry_after: str = "2",
                 channel: str | None = None, times: int | None = 1, after: int = 0) -> Fault:
    """HTTP 429 `ratelimited` with the given `Retry-After` (any string, e.g. "1.5" or "soon")."""
    body = _json({"ok": False, "error": "ratelimited"})
    return _striking(method, channel, times,
                     lambda m, a: (429, {"Retry-After": retry_after}, body), after)


def server_error(method: str = "chat.postMessage", *, status: int = 500,
                 channel: str | None = None, times: int | None = 1, after: int = 0) -> Fault:
    """A 5xx with an HTML body, as a load balancer sends; nothing is stored."""
    body = b"<html><body>Internal Server Error</body></html>"
    return _striking(method, channel, times,
                     lambda m, a: (status, {"Content-Type": "text/html"}, body), after)


def api_error(error: str, method: str = "chat.postMessage", *, channel: str | None = None,
              times: int | None = None, after: int = 0) -> Fault:
    """HTTP 200 `{"ok": false, "error": error}`, e.g. channel_not_found."""
    return _striking(method, channel, times,
                     lambda m, a: (200, {}, _json({"ok": False, "error": error})), after)


def token_refused(error: str = "token_revoked", *, times: int | None = 1,
                  after: int = 0) -> Fault:
    """Every method answers `ok: false` with a token-wide error (see bot.sandbox.tokens) for
    the `times` calls after the first `after`, whatever they are."""
    return _striking(None, None, times,
                     lambda m, a: (200, {}, _json({"ok": False, "error": error})), after)


def lost_answer(sandbox: SlackSandbox, method: str = "chat.postMessage", *,
                channel: str | None = None, times: int | None = 1, after: int = 0,
                delay: float | None = None) -> Fault:
    """Slack stores the message, then the answer is lost: the connection drops, or (with
    `delay`) the answer comes after the client has given up waiting."""
    def reply(called: str, args: dict[str, Any]) -> Reply:
        body = sandbox.state.answer(called, args)
        return (200, {DELAY_HEADER: str(delay)}, body) if delay else (-1, {}, b"")

    return _striking(method, channel, times, reply, after)


def channel_pacing(clock: Callable[[], datetime], min_interval: float = 1.0) -> Fault:
    """Slack's one-message-per-second rule: a write to a channel sooner than `min_interval`
    after the previous one (by `clock`) is answered 429."""
    last: dict[str, datetime] = {}
    body = _json({"ok": False, "error": "ratelimited"})

    def fault(method: str, args: dict[str, Any]) -> Reply | None:
        if method not in WRITES:
            return None
        channel, now = str(args.get("channel")), clock()
        previous = last.get(channel)
        if previous is not None and (now - previous).total_seconds() < min_interval:
            return 429, {"Retry-After": "1"}, body
        last[channel] = now
        return None

    return fault


class Outage:
    """Slack down for writes until `end()`: every `chat.postMessage` / `chat.update` answers
    503 (as Slack's edge does while it is down; nothing is stored). Ended by the test's own
    event, never by a timer, so what happens during and after it does not depend on timing."""

    def __init__(self, methods: tuple[str, ...] = WRITES) -> None:
        self._methods = methods
        self._over = threading.Event()
        self.struck = 0

    def end(self) -> None:
        self._over.set()

    def __call__(self, method: str, args: dict[str, Any]) -> Reply | None:
        if self._over.is_set() or method not in self._methods:
            return None
        self.struck += 1
        return 503, {"Content-Type": "text/html"}, b"<html><body>Service Unavailable</body></html>"
