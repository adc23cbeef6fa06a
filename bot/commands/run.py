"""`python -m bot run`: Socket Mode (no public URL needed) plus the clock's jobs, in one process."""

from __future__ import annotations

import argparse
from urllib.error import URLError

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.app import build_app
from bot.delivery.outcomes import api_error_code
from bot.errors import CommandError, os_reason
from bot.scheduler import start_clock, stop_clock, stop_on_signals, wait_for
from bot.services import build_services, configure_logging
from bot.settings import load_settings
from bot.slack import make_delivery_client

NAME = "run"
HELP = "Socket Mode and the scheduled jobs in one process (development)."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options: needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_APP_TOKEN."""


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings.log_level)
    settings.require("slack_app_token")
    assert settings.slack_app_token is not None
    services = build_services(settings)
    app = build_app(services)
    stop = stop_on_signals()
    handler = SocketModeHandler(app, settings.slack_app_token.get_secret_value())
    try:
        handler.connect()  # type: ignore[no-untyped-call]
    except (OSError, SlackApiError) as exc:
        raise CommandError(f"Socket Mode: could not connect through SLACK_API_URL "
                           f"({settings.slack_api_url}): {_why(exc)}") from None
    clock = start_clock(services, make_delivery_client(settings), stop)
    try:
        wait_for(stop)
    finally:
        stop_clock(clock)
        handler.close()  # type: ignore[no-untyped-call]
    return 0


def _why(exc: OSError | SlackApiError) -> str:
    if isinstance(exc, SlackApiError):
        return api_error_code(exc)
    reason = exc.reason if isinstance(exc, URLError) else exc
    return os_reason(reason) if isinstance(reason, OSError) else str(reason)
