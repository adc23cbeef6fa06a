"""104 simulated weeks across DST changes: exactly one digest per week, windows edge to edge.

APScheduler's real CronTrigger drives the simulation (it fires twice in the repeated hour of
November at 01:30 in 3.11); the digest job's own due-week logic and ledger must absorb that.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import Deliverer
from bot.digest_post import DigestPlanner
from bot.jobs import ON_TIME_GRACE, DigestJob
from bot.sandbox import SlackSandbox
from bot.scheduler import digest_trigger
from briefings.config import ChannelConfig
from briefings.digest_window import DigestSchedule, IsoWeek, due_week, window_for
from briefings.store.database import transaction
from briefings.store.tables import OutboxRow, SentDigestRow
from tests.digest.support import FakeClock

UTC = dt.UTC
START = dt.datetime(2025, 1, 1, tzinfo=UTC)  # spans 2025-03-09, 2025-11-02 and 2026's changes
WEEKS = 104
LATENCY = dt.timedelta(seconds=3)


def fire_times(schedule: DigestSchedule, limit: int = WEEKS + 10) -> list[dt.datetime]:
    """The CronTrigger's fire times from START, bounded so a stuck trigger cannot loop forever."""
    trigger = digest_trigger(schedule)
    fires: list[dt.datetime] = []
    previous: dt.datetime | None = None
    now = START
    while len(fires) < limit:
        fire = trigger.get_next_fire_time(previous, now)
        assert fire is not None
        assert not fires or fire.astimezone(UTC) > fires[-1], "trigger did not move forward"
        fires.append(fire.astimezone(UTC))
        previous, now = fire, fire
    return fires


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Tokyo", "Europe/London"])
@pytest.mark.parametrize("local_time", [dt.time(1, 30), dt.time(2, 30)])
@pytest.mark.parametrize("weekday", [6, 0])  # Sunday (the DST day itself) and Monday
def test_one_digest_per_week_with_contiguous_windows(zone: str, local_time: dt.time,
                                                     weekday: int) -> None:
    schedule = DigestSchedule(weekday, local_time, ZoneInfo(zone))
    posted: list[IsoWeek] = []
    fires = fire_times(schedule)
    for previous, fire in zip([None, *fires], fires, strict=False):
        week = due_week(schedule, fire + LATENCY, ON_TIME_GRACE)
        repeat = previous is not None and fire - previous < dt.timedelta(hours=2)
        assert week is not None or repeat, f"a cron fire at {fire} found no digest due"
        if week is not None and week not in posted:  # the sent-digest record, as a set
            posted.append(week)
        if len(posted) == WEEKS:
            break
    assert len(posted) == WEEKS
    assert all(b == a.shift(1) for a, b in itertools.pairwise(posted))
    windows = [window_for(week, schedule.zone) for week in posted]
    assert all(a.end == b.start for a, b in itertools.pairwise(windows))


def test_the_november_double_fire_is_real_and_harmless() -> None:
    schedule = DigestSchedule(6, dt.time(1, 30), ZoneInfo("America/New_York"))
    fires = fire_times(schedule, limit=50)
    assert len(fires) != len({f.date() for f in fires})  # CronTrigger 3.11 fires twice on 2 Nov
    weeks = [due_week(schedule, f + LATENCY, ON_TIME_GRACE) for f in fires]
    assert len({w for w in weeks if w is not None}) == len({f.date() for f in fires})


def count(sessions: sessionmaker[Session], table: type[SentDigestRow] | type[OutboxRow]) -> int:
    with transaction(sessions) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_104_weeks_through_the_job_database_and_slack(sessions: sessionmaker[Session],
                                                      slack: SlackSandbox) -> None:
    schedule = DigestSchedule(6, dt.time(1, 30), ZoneInfo("America/New_York"))
    channels = [ChannelConfig(id="C0DIGEST1", digest=True),
                ChannelConfig(id="C0DIGEST2", digest=True)]
    clock = FakeClock(START)
    job = DigestJob(DigestPlanner(sessions, channels, schedule.zone), schedule,
                    dt.timedelta(hours=24), clock)
    deliverer = Deliverer(sessions, WebClient(token="xoxb-test", base_url=slack.url), clock)
    weeks: set[IsoWeek | None] = set()
    for fire in fire_times(schedule):
        clock.now = fire + LATENCY
        weeks.add(job.on_schedule())
        job.catch_up()  # a restart right after the send posts nothing more
        deliverer.deliver_due()
        if len(weeks - {None}) == WEEKS:
            break
    assert count(sessions, SentDigestRow) == 2 * WEEKS
    for channel in ("C0DIGEST1", "C0DIGEST2"):
        texts = [message["text"] for message in slack.channel(channel)]
        assert len(texts) == len(set(texts)) == WEEKS  # quiet weeks: one message each
