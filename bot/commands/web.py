"""`python -m bot web`: serve Slack commands, interactivity and events over HTTP (the Procfile's
`web` process). Request URL: https://<host>/slack/events; health check: GET /healthz.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from bot.app import build_app
from bot.errors import CommandError, os_reason
from bot.services import build_services, configure_logging
from bot.settings import load_settings
from bot.web import DEFAULT_THREADS, bound_port, make_server, wsgi_app

NAME = "web"
HELP = "Serve Slack commands and interactivity over HTTP (/slack/events) on PORT."

log = logging.getLogger(__name__)
SWITCH_INTERVAL_S = 0.001


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="0.0.0.0",
                        help="interface to bind (default: %(default)s); the port is PORT")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS,
                        help="request threads (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    # Request threads mostly wait on the database and Slack; a short GIL switch interval lets a
    # thread whose query just finished run again sooner than the default 5 ms (the convoy effect).
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    settings = load_settings()
    configure_logging(settings.log_level)
    settings.require("slack_bot_token", "slack_signing_secret")  # before touching the database
    services = build_services(settings)
    assert settings.slack_signing_secret is not None
    application = wsgi_app(build_app(services), services.engine,
                           settings.slack_signing_secret.get_secret_value())
    freeze_start_up_heap()
    try:
        server = make_server(application, host=args.host, port=settings.port,
                             threads=args.threads)
    except OSError as exc:
        raise CommandError(f"PORT: cannot listen on {args.host}:{settings.port}: "
                           f"{os_reason(exc)}") from None
    log.info("serving /slack/events and /healthz on %s:%d", args.host, bound_port(server))
    try:
        server.run()
    finally:
        server.close()
    return 0


def freeze_start_up_heap() -> None:
    """Leave what start-up built (modules, the app, the engine: ~100,000 objects that live as
    long as the process) out of every later garbage collection.

    A full collection walks every tracked object while holding the GIL, so each one paused all
    request and listener threads: ~110 ms at 20 concurrent commands on a busy 2-core machine,
    ~12 ms with the start-up heap frozen ("to speed up collection":
    https://docs.python.org/3/library/gc.html#gc.freeze). Start-up's garbage is collected first,
    so none of it is kept for good."""
    gc.collect()
    gc.freeze()
