"""`python -m bot feeds`: feed health, one line per feed; `--enable NAME` revives a disabled one."""

from __future__ import annotations

import argparse
import difflib

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import CommandError
from bot.services import build_services
from bot.settings import load_settings
from briefings.store.database import transaction
from briefings.store.feeds import FeedHealth, all_feeds, enable_feed
from briefings.store.tables import FeedRow

NAME = "feeds"
HELP = "Show each feed's health: state, last success, last error, failures in a row, entries."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--enable", metavar="NAME",
                        help="re-enable a feed disabled after HTTP 410 and check it next cycle")


def run(args: argparse.Namespace) -> int:
    services = build_services(load_settings())
    if args.enable:
        with transaction(services.sessions) as session:
            found = enable_feed(session, args.enable)
            hint = "" if found else _did_you_mean(session, args.enable)
        if not found:
            raise CommandError(f"--enable: no polled feed is named {args.enable!r}{hint}")
        print(f"Enabled {args.enable!r}.")
        return 0
    with transaction(services.sessions) as session:
        rows = all_feeds(session, services.config.briefings.fetch.unhealthy_after)
    if not rows:
        print("No feed has been polled yet; run `python -m bot poll --once`.")
    for row in rows:
        print(_line(row))
    return 0


def _did_you_mean(session: Session, name: str) -> str:
    names = list(session.scalars(select(FeedRow.name)))
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _line(row: FeedHealth) -> str:
    ok = f"{row.last_success_at:%Y-%m-%d %H:%M}" if row.last_success_at else "never"
    due = f"{row.next_check_at:%H:%M}" if row.next_check_at else "now"
    line = (f"{row.state.upper():<9} {row.name:<32} last ok {ok:<16} "
            f"failures {row.consecutive_failures:<3} HTTP {row.last_status or '-':<4} "
            f"entries {row.entries_seen:<4} next {due}")
    if row.consecutive_failures or row.disabled:
        line += f"\n{'':<10}last error: {row.last_error}"
    return line
