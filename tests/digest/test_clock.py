"""The clock's wiring: job options, the digest trigger's zone, and the poll job's ledger."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import Deliverer
from bot.jobs import PollJob, RetentionJob, period_of
from bot.leader_gate import LeaderGate
from bot.sandbox import SlackSandbox
from bot.scheduler import add_jobs, build_jobs
from bot.services import Services
from bot.settings import Settings
from briefings.config import FeedConfig, load_config
from briefings.feeds.fetch import Fetcher
from briefings.leadership import Leadership
from briefings.models import Story, Verdict
from briefings.pipeline import Pipeline
from briefings.store import job_runs
from briefings.store.database import transaction
from tests.digest.support import FakeClock
from tests.feeds.samples import rss
from tests.feeds.server import FeedServer, respond

NOON = dt.datetime(2026, 11, 24, 12, 7, tzinfo=dt.UTC)


class NoTriage:
    def judge(self, story: Story) -> Verdict:
        return Verdict.irrelevant()


def services(sessions: sessionmaker[Session], config_path: Path, clock: FakeClock) -> Services:
    config = load_config(config_path)
    settings = Settings(_env_file=None, timezone="Asia/Tokyo")  # type: ignore[call-arg]
    pipeline = Pipeline(sessions, config, NoTriage())  # type: ignore[arg-type]
    engine = sessions.kw["bind"]
    return Services(settings, config, engine, sessions, pipeline, clock)


def test_jobs_never_overlap_and_the_digest_fires_in_the_configured_zone(
        sessions: sessionmaker[Session], config_path: Path, slack: SlackSandbox) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url)
    jobs = build_jobs(services(sessions, config_path, FakeClock(NOON)), client)
    scheduler = BackgroundScheduler(timezone="UTC")
    add_jobs(scheduler, jobs)
    by_id = {job.id: job for job in scheduler.get_jobs()}
    assert set(by_id) == {"leader-heartbeat", "poll", "deliver", "digest", "digest-catch-up",
                          "retention"}
    assert all(j.max_instances == 1 and j.coalesce for j in by_id.values())
    fire = by_id["digest"].trigger.get_next_fire_time(None, NOON)
    assert fire.astimezone(dt.UTC) == dt.datetime(2026, 11, 30, 0, 0, tzinfo=dt.UTC)  # Mon 9 JST


def test_a_poll_period_runs_once_across_restarts(sessions: sessionmaker[Session],
                                                  config_path: Path, slack: SlackSandbox) -> None:
    clock = FakeClock(NOON)
    svc = services(sessions, config_path, clock)
    deliverer = Deliverer(sessions, WebClient(token="x", base_url=slack.url), clock)
    with Fetcher() as fetcher:
        poll = PollJob(sessions, svc.pipeline, (), fetcher, deliverer, clock)
        assert poll() is True
        assert PollJob(sessions, svc.pipeline, (), fetcher, deliverer, clock)() is False
        clock.now += poll.interval
        assert poll() is True


def test_a_poll_cut_short_by_a_stop_gives_its_period_back(sessions: sessionmaker[Session],
                                                           config_path: Path,
                                                           slack: SlackSandbox) -> None:
    """A stopping clock neither starts a poll nor keeps the period of one it cut short, so the
    clock that starts next polls the feeds left over at once."""
    clock = FakeClock(NOON)
    svc = services(sessions, config_path, clock)
    stop = threading.Event()

    def stopped_mid_cycle() -> dt.datetime:
        stop.set()  # as SIGTERM would, while the cycle runs
        return clock()

    deliverer = Deliverer(sessions, WebClient(token="x", base_url=slack.url), clock)
    with Fetcher() as fetcher:
        assert PollJob(sessions, svc.pipeline, (), fetcher, deliverer, stopped_mid_cycle,
                       stop=stop)() is True
        assert PollJob(sessions, svc.pipeline, (), fetcher, deliverer, clock, stop=stop)() is False
        assert PollJob(sessions, svc.pipeline, (), fetcher, deliverer, clock)() is True
        assert PollJob(sessions, svc.pipeline, (), fetcher, deliverer, clock)() is False


def test_the_clock_polls_period_after_period_over_one_kept_connection(
        sessions: sessionmaker[Session], config_path: Path, slack: SlackSandbox) -> None:
    """A fetcher made per cycle dropped its connections and worker threads every time."""
    clients: list[tuple[str, int]] = []

    def feed(request: BaseHTTPRequestHandler) -> None:
        clients.append(request.client_address)
        respond(request, 200, rss([]))

    clock = FakeClock(NOON)
    svc = services(sessions, config_path, clock)
    with FeedServer() as server:
        svc = _with_feed(svc, server.route("/wire", feed))
        jobs = build_jobs(svc, WebClient(token="xoxb-test", base_url=slack.url))
        try:
            assert jobs.poll() is True
            clock.now += jobs.poll.interval
            assert jobs.poll() is True
        finally:
            jobs.fetcher.close()
    assert len(clients) == 2 and clients[0] == clients[1]


def _with_feed(svc: Services, url: str) -> Services:
    briefings = svc.config.briefings
    fetch = briefings.fetch.model_copy(update={"allow_private_addresses": True})
    briefings = briefings.model_copy(update={"feeds": (FeedConfig(name="wire", url=url),),
                                             "fetch": fetch})
    return dataclasses.replace(svc, config=svc.config.model_copy(update={"briefings": briefings}))


def test_an_abandoned_poll_run_is_taken_over_once_stale(sessions: sessionmaker[Session]) -> None:
    period = period_of(NOON, dt.timedelta(minutes=15))
    assert period == "15m@2026-11-24T12:00Z"
    with transaction(sessions) as session:
        assert job_runs.claim(session, "poll", period, NOON, dt.timedelta(minutes=15))
    later = NOON + dt.timedelta(minutes=5)
    with transaction(sessions) as session:  # the claimant died mid-run: too soon to take over
        assert not job_runs.claim(session, "poll", period, later, dt.timedelta(minutes=15))
        assert job_runs.claim(session, "poll", period, later, dt.timedelta(minutes=1))
        job_runs.finish(session, "poll", period, later)
        assert job_runs.has_run(session, "poll", period)
        assert job_runs.prune(session, "poll", later + dt.timedelta(days=8)) == 1


def test_only_the_leading_clock_runs_jobs(sessions: sessionmaker[Session]) -> None:
    engine = sessions.kw["bind"]
    clock = FakeClock(NOON)
    leader = LeaderGate(Leadership(engine, sessions, holder="a"), clock)
    follower = LeaderGate(Leadership(engine, sessions, holder="b"), clock)
    runs: list[str] = []
    try:
        leader.guard(lambda: runs.append("a"))()
        follower.guard(lambda: runs.append("b"))()
        leader.release()  # graceful shutdown hands over at once
        follower.guard(lambda: runs.append("b"))()
    finally:
        leader.release()
        follower.release()
    assert runs == ["a", "b"]


def test_retention_runs_once_a_day(sessions: sessionmaker[Session]) -> None:
    clock = FakeClock(NOON)
    job = RetentionJob(sessions, 180, clock)
    assert job() == 0
    assert job() is None
    clock.now += dt.timedelta(days=1)
    assert job() == 0
