"""Restarts and downtime around the digest time: exactly one digest per channel per week."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox import SlackSandbox
from briefings.digest_window import DigestSchedule, IsoWeek, send_time
from briefings.store import outbox
from briefings.store.database import transaction
from tests.digest.seed import Report, seed_deal
from tests.digest.support import NEW_YORK, FakeClock, start_process

SCHEDULE = DigestSchedule(0, dt.time(9, 0), NEW_YORK)  # Monday 09:00 New York
WEEK = IsoWeek(2026, 47)
DUE = send_time(SCHEDULE, WEEK)


def posts(slack: SlackSandbox) -> int:
    return len(slack.channel("C0DEALS01"))


def test_restart_before_and_after_the_send(sessions: sessionmaker[Session],
                                           slack: SlackSandbox) -> None:
    clock = FakeClock(DUE - dt.timedelta(minutes=5))
    first = start_process(sessions, slack, clock, SCHEDULE)
    assert first.digest.catch_up() is None  # started 08:55: nothing due yet
    clock.now = DUE
    assert first.digest.on_schedule() == WEEK
    first.deliverer.deliver_due()
    clock.now = DUE + dt.timedelta(minutes=5)
    second = start_process(sessions, slack, clock, SCHEDULE)
    assert second.digest.catch_up() == WEEK  # due, but already recorded
    second.deliverer.deliver_due()
    assert posts(slack) == 1
    assert slack.channel("C0QUIET01") == []  # not opted in


def test_down_across_the_send_time_catches_up_once(sessions: sessionmaker[Session],
                                                   slack: SlackSandbox) -> None:
    clock = FakeClock(DUE + dt.timedelta(hours=2))  # down from 08:55 to 11:00
    for _ in range(2):  # the second start posts nothing more
        process = start_process(sessions, slack, clock, SCHEDULE)
        process.digest.catch_up()
        process.deliverer.deliver_due()
        clock.now += dt.timedelta(minutes=1)
    assert posts(slack) == 1
    assert "2026-W47" in slack.channel("C0DEALS01")[0]["text"]


def test_too_late_to_catch_up_posts_nothing(sessions: sessionmaker[Session],
                                            slack: SlackSandbox) -> None:
    clock = FakeClock(DUE + dt.timedelta(hours=25))
    process = start_process(sessions, slack, clock, SCHEDULE, catch_up_hours=24)
    assert process.digest.catch_up() is None
    process.deliverer.deliver_due()
    assert posts(slack) == 0


def test_crash_between_planning_and_sending_sends_once(sessions: sessionmaker[Session],
                                                       slack: SlackSandbox) -> None:
    clock = FakeClock(DUE)
    start_process(sessions, slack, clock, SCHEDULE).digest.on_schedule()  # then it dies
    clock.now = DUE + dt.timedelta(minutes=3)
    restarted = start_process(sessions, slack, clock, SCHEDULE)
    restarted.digest.catch_up()
    restarted.deliverer.deliver_due()
    restarted.deliverer.deliver_due()
    assert posts(slack) == 1


def test_thread_permalinks_and_their_failure(sessions: sessionmaker[Session],
                                             slack: SlackSandbox) -> None:
    monday = dt.datetime(2026, 11, 16, 12, 0, tzinfo=NEW_YORK)
    with transaction(sessions) as session:
        seed_deal(session, "linked", [Report("Reuters", monday)])
        seed_deal(session, "unlinked", [Report("Reuters", monday)], parties=("Meta", "Arm"))
        outbox.record_thread(session, "linked", "C0DEALS01", "1700000000.000001",
                             "unconfirmed", "linked-0")
        outbox.record_thread(session, "unlinked", "C0DEALS01", "1700000000.000002",
                             "unconfirmed", "unlinked-0")
    slack.state.faults.append(lambda method, args: (200, {}, b'{"ok":false,"error":"x"}') if (
        method == "chat.getPermalink" and args.get("message_ts") == "1700000000.000002")
        else None)
    process = start_process(sessions, slack, FakeClock(DUE), SCHEDULE)
    process.digest.on_schedule()
    process.deliverer.deliver_due()
    text = str(slack.channel("C0DEALS01")[0]["blocks"])
    assert "<https://sandbox.slack.invalid/archives/C0DEALS01/p1700000000.000001|thread>" in text
    assert text.count("|thread>") == 1  # the failed lookup only omits its link
