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
from dataclasses import dataclass
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.delivery import Deliverer
from bot.digest_post import DigestPlanner, Permalinks
from bot.jobs import DigestJob, PollJob
from bot.services import Services
from briefings.digest_window import WEEKDAYS, DigestSchedule
from briefings.feeds.fetch import make_client

log = logging.getLogger(__name__)

DELIVER_EVERY = timedelta(seconds=10)
POLL_CHECK_EVERY = timedelta(minutes=1)  # the ledger turns these ticks into one run per period
DIGEST_CHECK_EVERY = timedelta(minutes=30)


@dataclass(frozen=True)
class Jobs:
    """The clock's work, built from the services; each job reads `services.clock`."""

    poll: PollJob
    deliverer: Deliverer
    digest: DigestJob
    schedule: DigestSchedule


def build_jobs(services: Services, client: WebClient) -> Jobs:
    config = services.config.briefings
    schedule = DigestSchedule.from_config(config.digest, services.settings.zone)
    deliverer = Deliverer(services.sessions, client, services.clock)
    planner = DigestPlanner(services.sessions, config.channels, schedule.zone,
                            Permalinks(client))
    digest = DigestJob(planner, schedule, timedelta(hours=config.digest.catch_up_hours),
                       services.clock)
    poll = PollJob(services.sessions, services.pipeline, config.feeds, make_client, deliverer,
                   services.clock)
    return Jobs(poll, deliverer, digest, schedule)


def digest_trigger(schedule: DigestSchedule) -> CronTrigger:
    """Fires at the configured local day and time in TIMEZONE."""
    return CronTrigger(day_of_week=WEEKDAYS[schedule.weekday][:3], hour=schedule.time.hour,
                       minute=schedule.time.minute, timezone=schedule.zone)


def add_jobs(scheduler: BaseScheduler, jobs: Jobs) -> None:
    """Register the jobs: no overlap, coalesced, and never dropped for being late."""
    options = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None,
               "replace_existing": True}
    scheduler.add_job(jobs.poll, IntervalTrigger(seconds=POLL_CHECK_EVERY.seconds),
                      id="poll", **options)
    scheduler.add_job(jobs.deliverer.deliver_due, IntervalTrigger(seconds=DELIVER_EVERY.seconds),
                      id="deliver", **options)
    scheduler.add_job(jobs.digest.on_schedule, digest_trigger(jobs.schedule), id="digest",
                      **options)
    scheduler.add_job(jobs.digest.catch_up,
                      IntervalTrigger(seconds=int(DIGEST_CHECK_EVERY.total_seconds())),
                      id="digest-catch-up", **options)


def start_clock(services: Services, client: WebClient) -> BackgroundScheduler:
    """Catch up a missed digest, then start the jobs in background threads."""
    jobs = build_jobs(services, client)
    jobs.digest.catch_up()
    scheduler = BackgroundScheduler(timezone=services.settings.zone)
    add_jobs(scheduler, jobs)
    scheduler.start()
    log.info("clock started: polling every %s, digest %s %s in %s", jobs.poll.interval,
             services.config.briefings.digest.day, services.config.briefings.digest.time,
             services.settings.timezone)
    return scheduler


def wait_for_stop() -> None:
    """Block until SIGTERM or SIGINT (Heroku gives 30 s after SIGTERM)."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(timeout=1.0):  # a timed wait lets the handler run promptly
        pass
    log.info("stopping: letting running jobs finish")


def stop_clock(scheduler: BaseScheduler) -> None:
    """Run no new jobs; wait for the running ones so nothing is left half written."""
    scheduler.shutdown(wait=True)


