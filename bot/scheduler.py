"""The clock: APScheduler 3 jobs for polling, delivery and the weekly digest, in one process.

APScheduler only wakes the jobs; correctness lives in the database. `max_instances=1` and
`coalesce` stop an overrunning job from stacking up; the digest's CronTrigger uses TIMEZONE, and
since CronTrigger 3.11 fires twice in a repeated DST hour (and has had skipped-day bugs), the
digest job itself decides which week is due and the sent-digest record makes it once per week.
A missed digest is caught up at start-up and every half hour within `catch_up_hours`, from the
persisted record rather than APScheduler's in-memory `misfire_grace_time`.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.channel_check import startup_check
from bot.delivery import Deliverer
from bot.digest_post import DigestPlanner, Permalinks
from bot.jobs import DigestJob, PollJob, RetentionJob
from bot.leader_gate import LeaderGate
from bot.services import Services
from briefings.digest_window import WEEKDAYS, DigestSchedule
from briefings.feeds.fetch import Fetcher
from briefings.leadership import Leadership

log = logging.getLogger(__name__)

DELIVER_EVERY = timedelta(seconds=10)
POLL_CHECK_EVERY = timedelta(minutes=1)  # the ledger turns these ticks into one run per period
DIGEST_CHECK_EVERY = timedelta(minutes=30)
HEARTBEAT_EVERY = timedelta(seconds=20)  # well inside the leader lease's 60 s
RETENTION_CHECK_EVERY = timedelta(hours=1)  # the ledger makes it once a day
START_AT_ONCE = frozenset({"poll", "deliver"})


@dataclass(frozen=True)
class Jobs:
    """The clock's work, built from the services; each job reads `services.clock`."""

    poll: PollJob
    deliverer: Deliverer
    digest: DigestJob
    retention: RetentionJob
    schedule: DigestSchedule
    gate: LeaderGate
    fetcher: Fetcher


def build_jobs(services: Services, client: WebClient,
               stop: threading.Event | None = None) -> Jobs:
    """`stop` (from `stop_on_signals`) reaches the poll and delivery under way the moment it is
    set, not only once `stop_clock` runs; a fresh one by default."""
    config = services.config.briefings
    stop = stop or threading.Event()
    schedule = DigestSchedule.from_config(config.digest, services.settings.zone)
    deliverer = Deliverer(services.sessions, client, services.clock, stopping=stop)
    planner = DigestPlanner(services.sessions, config.channels, schedule.zone,
                            Permalinks(client))
    digest = DigestJob(planner, schedule, timedelta(hours=config.digest.catch_up_hours),
                       services.clock)
    fetcher = Fetcher(config.fetch)
    poll = PollJob(services.sessions, services.pipeline, config.feeds, fetcher, deliverer,
                   services.clock, look_back_hours=config.look_back_hours, stop=stop)
    retention = RetentionJob(services.sessions, config.retention_days, services.clock)
    gate = LeaderGate(Leadership(services.engine, services.sessions), services.clock)
    return Jobs(poll, deliverer, digest, retention, schedule, gate, fetcher)


def digest_trigger(schedule: DigestSchedule) -> CronTrigger:
    """Fires at the configured local day and time in TIMEZONE."""
    return CronTrigger(day_of_week=WEEKDAYS[schedule.weekday][:3], hour=schedule.time.hour,
                       minute=schedule.time.minute, timezone=schedule.zone)


def add_jobs(scheduler: BaseScheduler, jobs: Jobs) -> None:
    """Register the jobs, each behind the leader gate: no overlap, coalesced, never dropped for
    being late (each job works out for itself what is due)."""
    every: dict[str, tuple[Callable[[], object], BaseTrigger]] = {
        "leader-heartbeat": (jobs.gate.leading, _every(HEARTBEAT_EVERY)),
        "poll": (jobs.poll, _every(POLL_CHECK_EVERY)),
        "deliver": (jobs.deliverer.deliver_due, _every(DELIVER_EVERY)),
        "digest": (jobs.digest.on_schedule, digest_trigger(jobs.schedule)),
        "digest-catch-up": (jobs.digest.catch_up, _every(DIGEST_CHECK_EVERY)),
        "retention": (jobs.retention, _every(RETENTION_CHECK_EVERY)),
    }
    for job_id, (job, trigger) in every.items():
        start = {"next_run_time": datetime.now(UTC)} if job_id in START_AT_ONCE else {}
        scheduler.add_job(job if job_id == "leader-heartbeat" else jobs.gate.guard(job), trigger,
                          id=job_id, name=job_id, max_instances=1, coalesce=True,
                          misfire_grace_time=None, replace_existing=True, **start)


def _every(interval: timedelta) -> IntervalTrigger:
    return IntervalTrigger(seconds=int(interval.total_seconds()))


@dataclass(frozen=True)
class Clock:
    scheduler: BackgroundScheduler
    gate: LeaderGate
    deliverer: Deliverer
    fetcher: Fetcher


def start_clock(services: Services, client: WebClient,
                stop: threading.Event | None = None) -> Clock:
    """Catch up a missed digest, then start the jobs in background threads; `stop` as for
    `build_jobs`."""
    jobs = build_jobs(services, client, stop)
    startup_check(services.sessions, client, services.config.briefings.channels,
                  services.clock, jobs.deliverer.token.pause)
    jobs.gate.guard(jobs.digest.catch_up)()
    scheduler = BackgroundScheduler(timezone=services.settings.zone)
    add_jobs(scheduler, jobs)
    scheduler.start()
    log.info("clock started: polling every %s, digest %s %s in %s", jobs.poll.interval,
             services.config.briefings.digest.day, services.config.briefings.digest.time,
             services.settings.timezone)
    return Clock(scheduler, jobs.gate, jobs.deliverer, jobs.fetcher)


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT (Heroku gives 30 s after SIGTERM); install it before
    starting anything, so an early signal still stops the process cleanly."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def wait_for(stop: threading.Event) -> None:
    while not stop.wait(timeout=1.0):  # a timed wait lets the signal handler run promptly
        pass
    log.info("stopping: letting running jobs finish")


def stop_clock(clock: Clock) -> None:
    """Run no new jobs, wait for the running ones so nothing is left half written, then step
    down so a follower takes over at once."""
    clock.deliverer.stop()  # sets the jobs' stop: the message in flight finishes, the rest stay
    # pending; a poll under way fetches no more feeds and stores what it fetched
    clock.scheduler.shutdown(wait=True)
    clock.fetcher.close()
    clock.gate.release()


