"""`python -m bot clock`: the scheduled jobs (poll, deliver, weekly digest) until SIGTERM."""

from __future__ import annotations

import argparse

from bot.scheduler import start_clock, stop_clock, stop_on_signals, wait_for
from bot.services import build_services, configure_logging
from bot.settings import load_settings
from bot.slack import make_delivery_client

NAME = "clock"
HELP = "Run the scheduled jobs: polling, delivery and the weekly digest."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options: feeds, channels and the digest time come from the config and TIMEZONE."""


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings.log_level)
    client = make_delivery_client(settings)
    stop = stop_on_signals()
    clock = start_clock(build_services(settings), client, stop)
    try:
        wait_for(stop)
    finally:
        stop_clock(clock)
    return 0
