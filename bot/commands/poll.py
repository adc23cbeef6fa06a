"""`python -m bot poll --once`: fetch, triage, plan and deliver one cycle against SLACK_API_URL."""

from __future__ import annotations

import argparse
import logging

from bot.delivery import Deliverer
from bot.scheduler import stop_on_signals
from bot.services import build_services, configure_logging
from bot.settings import load_settings
from bot.slack import make_delivery_client
from briefings.cycle import run_poll_cycle
from briefings.feeds.fetch import make_client

NAME = "poll"
HELP = "Poll every feed once, triage, plan and deliver the briefings, then exit."
log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", required=True,
                        help="run one cycle and exit (the clock process polls on schedule)")
    parser.add_argument("--no-deliver", action="store_true",
                        help="plan messages but leave them in the outbox")
    parser.add_argument("--max-wait", type=float, default=120.0, metavar="SECONDS",
                        help="wait up to this long for paced or retried messages "
                             "(default: %(default)s); the rest stay in the outbox")


def run(args: argparse.Namespace) -> int:
    """SIGTERM or SIGINT, as for the clock: the cycle under way fetches no more feeds (those not
    fetched yet stay due), the fetches under way end by their deadline and what they fetched is
    stored with its messages planned and its feeds' state recorded, the message in flight is
    sent, and the rest stay pending in the outbox for the clock or the next poll; exit code 0."""
    settings = load_settings()
    configure_logging(settings.log_level)
    if not args.no_deliver:
        settings.require("slack_bot_token")
    stop = stop_on_signals()  # before anything starts, so an early signal still stops cleanly
    services = build_services(settings)
    with make_client(services.config.briefings.fetch) as http:
        report = run_poll_cycle(services.sessions, http, services.pipeline,
                                services.config.briefings.feeds, services.clock(),
                                look_back_hours=services.config.briefings.look_back_hours,
                                stop=stop)
    print(f"{report.new} new stories, {report.relevant} relevant, {report.planned} planned"
          + (f", {report.held_back} held back by the flood caps" if report.held_back else "")
          + (f" (listed in {report.rollups} roll-up(s))" if report.rollups else ""))
    if args.no_deliver:
        return 0
    deliverer = Deliverer(services.sessions, make_delivery_client(settings), services.clock,
                          stopping=stop)
    result = deliverer.drain(max_wait=args.max_wait)
    print(f"delivered {result.sent} ({result.found} found already posted), "
          f"waiting to retry {result.retried + result.rate_limited}, failed {result.failed}"
          + (" - see `python -m bot status`" if result.failed else ""))
    if stop.is_set():
        log.info("stopped by a signal: undelivered messages stay in the outbox")
    return 0
