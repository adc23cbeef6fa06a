"""The web process: a WSGI app with Bolt at POST /slack/events and GET /healthz, under waitress.

waitress is a production, multi-threaded server (Bolt's built-in one is single-threaded and for
development only). The web process answers Slack; it never starts the scheduler.
"""

from __future__ import annotations

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

from briefings.store import slack_notices

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
DEFAULT_THREADS = 8


def wsgi_app(app: App, engine: Engine) -> WSGIApplication:
    """Route /slack/events to Bolt and /healthz to a database check; 404 for anything else."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == EVENTS_PATH and method == "POST":
            return bolt(environ, start_response)
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return _health(engine, start_response)
        return _json(start_response, "404 Not Found", {"error": "not found"})

    return application


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

