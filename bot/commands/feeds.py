"""`python -m bot feeds`: feed health, one line per feed."""

from __future__ import annotations

import argparse

from bot.services import build_services
from bot.settings import load_settings
from briefings.store.database import transaction
from briefings.store.feeds import all_feeds

NAME = "feeds"
HELP = "Show each feed's health: last success, last error, failures in a row, entries seen."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    services = build_services(load_settings())
    with transaction(services.sessions) as session:
        rows = all_feeds(session)
    if not rows:
        print("No feed has been polled yet; run `python -m bot poll --once`.")
    for row in rows:
        ok = f"{row.last_success_at:%Y-%m-%d %H:%M}" if row.last_success_at else "never"
        error = f"  last error: {row.last_error}" if row.consecutive_failures else ""
        print(f"{row.name:<32} last ok {ok:<16} failures {row.consecutive_failures:<3} "
              f"HTTP {row.last_status or '-':<4} entries {row.entries_seen}{error}")
    return 0
