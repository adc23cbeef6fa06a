"""Week arithmetic for the digest, in the team's time zone. Pure.

A digest summarises one ISO week, local Monday 00:00 to the next Monday 00:00, and is due at the
configured day and time of the following week. Every instant is computed from local calendar dates
(never by adding hours), so daylight-saving weeks neither gap, overlap nor repeat.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from briefings.config import DigestConfig

UTC = dt.UTC
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEK_ID = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True, order=True)
class IsoWeek:
    """An ISO-8601 week such as 2026-W21: the digest's period and its once-per-week key."""

    year: int
    week: int

    def __post_init__(self) -> None:
        dt.date.fromisocalendar(self.year, self.week, 1)  # raises ValueError on W53 of short years

    @staticmethod
    def parse(text: str) -> IsoWeek:
        """`2026-W21` to a week; ValueError with the accepted form otherwise."""
        match = _WEEK_ID.match(text.strip())
        if not match:
            raise ValueError(f"not an ISO week: {text!r} (expected e.g. 2026-W21)")
        return IsoWeek(int(match[1]), int(match[2]))

    @staticmethod
    def of(day: dt.date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return IsoWeek(year, week)

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    def shift(self, weeks: int) -> IsoWeek:
        return IsoWeek.of(self.monday + dt.timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


@dataclass(frozen=True, slots=True)
class DigestWindow:
    """The UTC instants [start, end) of one local week."""

    week: IsoWeek
    start: dt.datetime
    end: dt.datetime

    def contains(self, instant: dt.datetime) -> bool:
        return self.start <= instant < self.end


@dataclass(frozen=True, slots=True)
class DigestSchedule:
    """When digests are due: a weekday and local time in a zone, as `[digest]` configures."""

    weekday: int  # 0 = Monday
    time: dt.time
    zone: ZoneInfo

    @staticmethod
    def from_config(config: DigestConfig, zone: ZoneInfo) -> DigestSchedule:
        return DigestSchedule(WEEKDAYS.index(config.day), config.time, zone)


def local_instant(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """A local wall time as UTC. A time skipped by a DST jump maps past the jump, a repeated one
    to its first occurrence (PEP 495 fold=0), so each local date yields exactly one instant."""
    return dt.datetime.combine(day, time, tzinfo=zone).astimezone(UTC)


def window_for(week: IsoWeek, zone: ZoneInfo) -> DigestWindow:
    """Local Monday 00:00 to the next local Monday 00:00 (Sunday 24:00), in UTC."""
    start = local_instant(week.monday, dt.time(0), zone)
    end = local_instant(week.shift(1).monday, dt.time(0), zone)
    return DigestWindow(week, start, end)


def send_time(schedule: DigestSchedule, week: IsoWeek) -> dt.datetime:
    """When the digest summarising `week` is due: the configured day and time the week after."""
    day = week.shift(1).monday + dt.timedelta(days=schedule.weekday)
    return local_instant(day, schedule.time.replace(tzinfo=None), schedule.zone)


def last_due(schedule: DigestSchedule, now: dt.datetime) -> tuple[IsoWeek, dt.datetime]:
    """The week whose digest fell due most recently at or before `now`, and when it fell due."""
    week = IsoWeek.of(now.astimezone(schedule.zone).date()).shift(-1)
    if send_time(schedule, week) > now:
        week = week.shift(-1)
    return week, send_time(schedule, week)


def due_week(schedule: DigestSchedule, now: dt.datetime, tolerance: dt.timedelta
             ) -> IsoWeek | None:
    """The week to post now, if its due time passed no more than `tolerance` ago."""
    week, due_at = last_due(schedule, now)
    return week if now - due_at <= tolerance else None
