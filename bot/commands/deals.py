"""`python -m bot deals`: the tracked deals, most recent activity first."""

from __future__ import annotations

import argparse

from bot.render.status import label
from bot.services import build_services
from bot.settings import load_settings
from briefings.store.database import transaction
from briefings.store.deals import recent_deals

NAME = "deals"
HELP = "List the tracked deals with their status, most recent activity first."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=50, help="how many (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    services = build_services(load_settings())
    with transaction(services.sessions) as session:
        deals = recent_deals(session, args.limit)
    if not deals:
        print("No deals tracked yet.")
    for deal in deals:
        print(f"{label(deal.status):<12} {' + '.join(deal.parties):<30} {deal.subject:<30} "
              f"last {deal.last_activity:%Y-%m-%d %H:%M} UTC  {deal.key}")
    return 0
