"""Fixtures for the digest tests: a fake clock, a loopback Slack, a digest job over a database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import Deliverer
from bot.digest_post import DigestPlanner, Permalinks
from bot.jobs import DigestJob
from bot.sandbox import SlackSandbox
from briefings.config import ChannelConfig
from briefings.digest_window import DigestSchedule

NEW_YORK = ZoneInfo("America/New_York")
CHANNELS = (ChannelConfig(id="C0DEALS01", digest=True), ChannelConfig(id="C0QUIET01"))


class FakeClock:
    """`now` as the test sets it; no real waiting anywhere."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class Clock:
    """One start of the clock process: its digest job and deliverer, sharing a fake clock."""

    digest: DigestJob
    deliverer: Deliverer


def start_process(sessions: sessionmaker[Session], slack: SlackSandbox, clock: FakeClock,
                  schedule: DigestSchedule, catch_up_hours: int = 24) -> Clock:
    client = WebClient(token="xoxb-test", base_url=slack.url)
    planner = DigestPlanner(sessions, CHANNELS, schedule.zone, Permalinks(client))
    job = DigestJob(planner, schedule, dt.timedelta(hours=catch_up_hours), clock)
    return Clock(job, Deliverer(sessions, client, clock))
