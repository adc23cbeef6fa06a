"""`python -m bot digest`: preview a week's digest in the terminal, or post it now."""

from __future__ import annotations

import argparse
import sys

from bot.delivery import Deliverer
from bot.digest_post import DigestPlanner, Permalinks, digest_channels
from bot.render.digest import render_digest
from bot.render.terminal import blocks_to_text
from bot.services import Services, build_services, configure_logging
from bot.settings import load_settings
from bot.slack import make_delivery_client
from briefings.digest_window import IsoWeek

NAME = "digest"
HELP = "Preview or post the weekly digest."


def configure(parser: argparse.ArgumentParser) -> None:
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--preview", action="store_true",
                        help="print the digest to the terminal (nothing is posted)")
    action.add_argument("--post", action="store_true",
                        help="post it now to the digest channels, once per week")
    parser.add_argument("--week", type=_week, metavar="YYYY-Www",
                        help="the ISO week to summarise, e.g. 2026-W21 (default: last week)")
    parser.add_argument("--channel", help="preview as this channel sees it (its filters)")
    parser.add_argument("--force", action="store_true",
                        help="with --post: post again even if this week's digest was posted")


def _week(text: str) -> IsoWeek:
    try:
        return IsoWeek.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    if args.force and not args.post:
        print("error: --force only applies to --post", file=sys.stderr)
        return 2
    settings = load_settings()
    configure_logging(settings.log_level)
    if args.post:
        settings.require("slack_bot_token")
    services = build_services(settings)
    week = args.week or IsoWeek.of(services.clock().astimezone(settings.zone).date()).shift(-1)
    return _post(services, week, args.force) if args.post else _preview(services, week, args)


def _preview(services: Services, week: IsoWeek, args: argparse.Namespace) -> int:
    planner = DigestPlanner(services.sessions, services.config.briefings.channels,
                            services.settings.zone)
    channels = {c.id: c for c in services.config.briefings.channels}
    if args.channel and args.channel not in channels:
        print(f"error: channel {args.channel} is not in the config", file=sys.stderr)
        return 2
    channel = channels.get(args.channel) if args.channel else None
    messages = render_digest(planner.content(planner.facts(week), channel), planner.zone)
    print(f"Digest preview for {week} as {channel.id if channel else 'an unfiltered channel'} "
          "(thread links are added when posted)")
    for index, message in enumerate(messages, 1):
        print(f"\n--- message {index} of {len(messages)} ---")
        print(blocks_to_text(message.blocks))
    return 0


def _post(services: Services, week: IsoWeek, force: bool) -> int:
    config = services.config.briefings
    if not digest_channels(config.channels):
        print("No channel has `digest = true` in the config; nothing to post.")
        return 0
    client = make_delivery_client(services.settings)
    planner = DigestPlanner(services.sessions, config.channels, services.settings.zone,
                            Permalinks(client))
    for channel, planned in planner.plan(week, services.clock(), force=force).items():
        note = "queued" if planned else "already posted (use --force to post again)"
        print(f"{channel}: digest {week} {note}")
    report = Deliverer(services.sessions, client, services.clock).deliver_due()
    print(f"delivered {report.sent}, retrying {report.retried}, failed {report.failed}")
    return 0 if report.failed == 0 else 1
