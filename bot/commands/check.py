"""`python -m bot check`: the first command to run against a real workspace. One line per check:
the bot token (auth.test), each configured channel (it exists, the bot can post there and read
it: public channels are joined, as the clock does at start) and the database. Exit 0 when every
check passes, 2 otherwise."""

from __future__ import annotations

import argparse

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import text

from bot.channel_check import check_channel
from bot.delivery.outcomes import CONNECTION_ERRORS, api_error_code
from bot.services import build_services
from bot.settings import load_settings
from bot.slack import make_web_client
from briefings.config import ChannelConfig
from briefings.errors import BriefingsError

NAME = "check"
HELP = "Check the Slack token, each configured channel and the database; exit 2 on a problem."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options: what is checked comes from the environment and the config."""


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    try:
        services = build_services(settings)
        with services.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except BriefingsError as exc:
        return _report([(False, f"database: {exc}")])
    database = (True, f"database: {services.engine.url.render_as_string()} answers, schema "
                      "up to date")
    client = make_web_client(settings)
    try:
        who = client.auth_test()
    except SlackApiError as exc:
        return _report([(False, f"token: Slack refuses it ({api_error_code(exc)})"), database])
    except (SlackClientError, *CONNECTION_ERRORS) as exc:
        return _report([(False, f"token: cannot reach Slack at {settings.slack_api_url} "
                                f"({type(exc).__name__})"), database])
    token = (True, f"token: works for bot {who.get('user_id')} in team {who.get('team_id')}")
    channels = [_channel(client, channel) for channel in services.config.briefings.channels]
    return _report([token, *channels, database])


def _channel(client: WebClient, channel: ChannelConfig) -> tuple[bool, str]:
    try:
        state = check_channel(client, channel)
    except SlackApiError as exc:
        return False, f"channel {channel.name or channel.id}: {api_error_code(exc)}"
    if state.problem is not None:
        return False, f"channel {state.label}: {state.problem}"
    joined = " (joined now)" if state.joined else ""
    return True, f"channel {state.label}: the bot can post and read here{joined}"


def _report(results: list[tuple[bool, str]]) -> int:
    """Print one line per check; 0 when all passed, else 2."""
    for ok, line in results:
        print(f"{'ok  ' if ok else 'FAIL'} {line}")
    return 0 if all(ok for ok, _ in results) else 2
