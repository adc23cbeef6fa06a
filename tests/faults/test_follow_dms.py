"""`kill -9` of a real `poll --once` process while it sends a follower's direct message, then a
restart: the DM Slack took before the kill is found in the DM's history, not sent again, and
every other DM goes out once. The sandbox Slack kills the process at the DM's post."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.sandbox import SlackSandbox
from briefings.follows import FollowTarget, TargetKind
from briefings.store.follows import follow
from briefings.store.tables import OutboxRow
from tests.faults.harness import Bot, crash_then_restart

FOLLOWER = "U0FOLLOW1"


def _follows(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        for company in ("Microsoft", "AMD"):
            follow(session, FOLLOWER, FollowTarget(TargetKind.COMPANY, company),
                   datetime.now(UTC))


def _dm_rows(engine: Engine) -> list[tuple[str, str, datetime]]:
    with engine.connect() as conn:
        query = select(OutboxRow.idem_key, OutboxRow.state, OutboxRow.not_before).where(
            OutboxRow.kind == "follow_dm")
        return [(key, state, when) for key, state, when in conn.execute(query)]


def test_a_dm_killed_mid_send_is_delivered_once_after_restart(
        bot: Bot, engine: Engine, slack: SlackSandbox) -> None:
    _follows(engine)
    crash_then_restart(bot, engine, slack, after_store=True,
                       when=lambda args: str(args.get("channel", "")).startswith("D"))
    rows = _dm_rows(engine)
    sent = {key for key, state, _ in rows if state == "sent"}
    copies = Counter(m["metadata"]["event_payload"]["outbox_key"] for m in slack.dm(FOLLOWER))
    assert len(sent) >= 2 and set(copies) == sent and max(copies.values()) == 1, rows
    later = [when for _, state, when in rows if state == "pending"]
    assert all(when > datetime.now(UTC) for when in later), rows  # the hour rule's, not lost
