"""`python -m bot poll --once`: fetch, triage, plan and deliver one cycle against SLACK_API_URL."""

from __future__ import annotations

import argparse

from bot.delivery import Deliverer
from bot.services import build_services, configure_logging
from bot.settings import load_settings
from bot.slack import make_web_client
from briefings.cycle import run_poll_cycle
from briefings.feeds.fetch import make_client

NAME = "poll"
HELP = "Poll every feed once, triage, plan and deliver the briefings, then exit."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", required=True,
                        help="run one cycle and exit (the clock process polls on schedule)")
    parser.add_argument("--no-deliver", action="store_true",
                        help="plan messages but leave them in the outbox")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings.log_level)
    if not args.no_deliver:
        settings.require("slack_bot_token")
    services = build_services(settings)
    with make_client(services.config.briefings.fetch) as http:
        report = run_poll_cycle(services.sessions, http, services.pipeline,
                                services.config.briefings.feeds, services.clock(),
                                look_back_hours=services.config.briefings.look_back_hours)
    print(f"{report.new} new stories, {report.relevant} relevant, {report.planned} planned")
    if args.no_deliver:
        return 0
    delivered = Deliverer(services.sessions, make_web_client(settings), services.clock)
    result = delivered.deliver_due()
    print(f"delivered {result.sent}, retrying {result.retried}, failed {result.failed}")
    return 0
