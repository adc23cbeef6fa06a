"""The web process: a WSGI app with Bolt at POST /slack/events and GET /healthz, under waitress.

waitress is a production, multi-threaded server (Bolt's built-in one is single-threaded and for
development only). The web process answers Slack; it never starts the scheduler.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from waitress import create_server

from bot.listeners.payloads import problem
from bot.signing import SIGNATURE, TIMESTAMP, SignatureCheck
from briefings.store import slack_notices

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
DEFAULT_THREADS = 8


MAX_BODY = 1 << 20  # Slack's payloads are kilobytes; anything near a megabyte is not Slack


def wsgi_app(app: App, engine: Engine, signing_secret: str) -> WSGIApplication:
    """Route /slack/events to Bolt (only signed, well-formed requests reach it) and /healthz to a
    database check; 404 for anything else."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    check = SignatureCheck(signing_secret)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == EVENTS_PATH and method == "POST":
            refusal = _refusal(check, environ)
            if refusal is not None:
                return _json(start_response, refusal, {"error": "invalid request"})
            return bolt(environ, start_response)
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return _health(engine, start_response)
        return _json(start_response, "404 Not Found", {"error": "not found"})

    return application


def _refusal(check: SignatureCheck, environ: WSGIEnvironment) -> str | None:
    """The HTTP status refusing this request, or None after putting its body back for Bolt.

    401 for a bad signature, 400 for a signed body that is not UTF-8 or that our listeners could
    not take (`payloads.problem`); each refusal is logged in one line, without the body.
    """
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if not 0 <= length <= MAX_BODY:
        log.warning("refused a Slack request with a bad Content-Length (400)")
        return "400 Bad Request"
    raw = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(raw)
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        body = None
    if body is None or not check.is_valid(body, environ.get(TIMESTAMP), environ.get(SIGNATURE)):
        log.warning("rejected a request without a valid Slack signature (401)")
        return "401 Unauthorized"
    if (why := problem(body, str(environ.get("CONTENT_TYPE") or ""))) is not None:
        log.warning("refused a signed Slack request: %s (400)", why)
        return "400 Bad Request"
    return None


def _health(engine: Engine, start_response: StartResponse) -> Iterable[bytes]:
    """200 when the database answers and Slack accepts the token; 503 (without details) when
    the database does not answer, or naming the token error while delivery is paused."""
    try:
        with Session(engine) as session:
            session.execute(text("SELECT 1"))
            token = slack_notices.token_problem(session)
    except SQLAlchemyError as exc:
        log.warning("health check: database unavailable (%s)", type(exc).__name__)
        return _json(start_response, "503 Service Unavailable", {"ok": False, "database": "down"})
    if token is not None:
        log.warning("health check: delivery paused, Slack refuses the token (%s)", token[0])
        return _json(start_response, "503 Service Unavailable",
                     {"ok": False, "database": "up", "slack_token": token[0],
                      "delivery": "paused"})
    return _json(start_response, "200 OK", {"ok": True, "database": "up"})


def _json(start_response: StartResponse, status: str, body: dict[str, Any]) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
    return [data]


class Server(Protocol):
    """What we use of a waitress server (waitress ships no type hints)."""

    effective_port: int

    def run(self) -> None: ...

    def close(self) -> None: ...


def make_server(application: Callable[..., Iterable[bytes]], *, host: str, port: int,
                threads: int = DEFAULT_THREADS) -> Server:
    """A waitress server, bound (port 0 picks a free one); call `.run()` to serve."""
    server: Server = create_server(application, host=host, port=port, threads=threads,
                                   ident="deal-briefings", clear_untrusted_proxy_headers=True)
    return server


def bound_port(server: Server) -> int:
    """The port a server bound to (useful after asking for port 0)."""
    return int(server.effective_port)

