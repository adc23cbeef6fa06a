"""`python -m bot status`: what an operator checks first - the clock, the outbox backlog, failed
deliveries with their reasons, flood-cap holds, and one health line per feed."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services import build_services
from bot.settings import load_settings
from briefings.store import outbox, slack_notices
from briefings.store.database import transaction
from briefings.store.feeds import UNHEALTHY_AFTER, FeedHealth, all_feeds
from briefings.store.leases import LAPSED
from briefings.store.tables import LeaseRow, OutboxRow

NAME = "status"
HELP = "Show the clock, the outbox backlog, failed deliveries and feed health."
STATES = (outbox.PENDING, outbox.SENDING, outbox.SENT, outbox.FAILED, outbox.UNVERIFIED,
          outbox.SKIPPED, outbox.WITHDRAWN)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=20, help="failures to list (default: 20)")
    parser.add_argument("--retry-failed", type=float, metavar="HOURS",
                        help="after fixing the cause (e.g. inviting the bot to the channel), "
                             "send again the messages that failed in the last HOURS")


def run(args: argparse.Namespace) -> int:
    services = build_services(load_settings())
    now = services.clock()
    with transaction(services.sessions) as session:
        if args.retry_failed is not None:
            count = outbox.retry_failed(session, now, timedelta(hours=args.retry_failed))
            print(f"{count} failed messages queued again; `python -m bot poll --once` sends them")
        lines = report(session, now, args.limit,
                       services.config.briefings.fetch.unhealthy_after)
    print("\n".join(lines))
    return 0


def report(session: Session, now: datetime, limit: int = 20,
           unhealthy_after: int = UNHEALTHY_AFTER) -> list[str]:
    """The whole status report as lines of text."""
    counts = outbox.counts_by_state(session)
    due = len(outbox.due(session, now, limit=10_000))
    checks, oldest = outbox.uncertain_count(session), outbox.oldest_pending(session)
    notes = [f"{due} due now"] + [f"{checks} to check in Slack before resending"] * bool(checks)
    if oldest is not None:
        notes.append(f"oldest unsent planned {_age(now - oldest)} ago")
    lines = [*_clock(session, now), *_slack(session), "",
             "Outbox: " + ", ".join(f"{state} {counts.get(state, 0)}" for state in STATES)
             + f" ({', '.join(notes)})"]
    lines += _rows("Failed deliveries", outbox.failures(session, limit))
    lines += _rows("Possibly posted, not verifiable (never resent)",
                   outbox.failures(session, limit, (outbox.UNVERIFIED,)))
    lines += _rows("Held back by flood caps, or superseded",
                   outbox.failures(session, limit, (outbox.SKIPPED,)))
    feeds = all_feeds(session, unhealthy_after)
    return [*lines, "", "Feeds:", *(_feed(row) for row in feeds)]


def _age(age: timedelta) -> str:
    minutes = int(age.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


def _clock(session: Session, now: datetime) -> list[str]:
    leases = list(session.scalars(select(LeaseRow)))
    if not leases:
        return ["Clock: no clock has held the lease yet"]
    return [f"Clock: {lease.name} {_lease_state(lease, now)} "
            f"(last heartbeat {lease.heartbeat_at:%Y-%m-%d %H:%M:%S} UTC)" for lease in leases]


def _slack(session: Session) -> list[str]:
    """Token and channel problems the clock recorded."""
    lines = [f"Slack: {problem}" for problem in slack_notices.problems(session)]
    if slack_notices.token_problem(session) is not None:
        lines[0] = lines[0].replace("Delivery paused", "delivery PAUSED") + (
            "; messages stay pending and go out once auth.test passes")
    return lines


def _lease_state(lease: LeaseRow, now: datetime) -> str:
    """Live, released by a clean stop (SIGTERM), or lost: lapsed with no one renewing it."""
    if lease.expires_at <= LAPSED:
        return f"released by {lease.holder} at a clean stop"
    if lease.expires_at < now:
        return (f"lost by {lease.holder}: the lease expired without a clean stop (killed, "
                "crashed or cut off from the database)")
    return f"held by {lease.holder}, live"


def _rows(title: str, rows: list[OutboxRow]) -> list[str]:
    if not rows:
        return []
    return ["", f"{title} (newest first):"] + [
        f"  {row.created_at:%Y-%m-%d %H:%M} {row.channel} {row.kind:<13} "
        f"{row.deal_key or '-'} story {row.story_id or '-'}: {row.error}" for row in rows]


def _feed(row: FeedHealth) -> str:
    ok = f"{row.last_success_at:%Y-%m-%d %H:%M}" if row.last_success_at else "never"
    failures = f" x{row.consecutive_failures}" if row.consecutive_failures else ""
    error = f" - last error: {row.last_error}" if row.consecutive_failures or row.disabled else ""
    return f"  [{row.state.upper()}{failures}] {row.name}: last success {ok}{error}"
