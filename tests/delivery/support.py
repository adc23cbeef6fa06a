"""A small world for delivery tests: a real pipeline and database, a stub triage, a sandbox Slack
and a fake clock whose `sleep` only moves time forward."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery import Deliverer, DeliveryReport
from bot.sandbox import SlackSandbox
from bot.settings import Settings
from bot.slack import make_delivery_client
from briefings.config import BriefingsConfig, ChannelConfig, Config, Watchlist
from briefings.models import Status, Story, Verdict
from briefings.pipeline import IngestReport, Pipeline
from briefings.planning import FloodLimits
from briefings.store.database import transaction
from briefings.store.tables import OutboxRow

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
ALL = ChannelConfig(id="C0ALL0001", name="#deals")
CONFIRMED_ONLY = ChannelConfig(id="C0CONF001", statuses=(Status.CONFIRMED, Status.DENIED))
NVIDIA_ONLY = ChannelConfig(id="C0NVDA001", companies=("NVIDIA",))
U, C, D = Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED


class FakeClock:
    """`clock()` and `sleep(s)` for code under test: sleeping just advances time."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class StubTriage:
    """Verdicts decided by the test, so delivery tests never depend on the real triage."""

    def __init__(self) -> None:
        self.verdicts: dict[str, Verdict] = {}

    def judge(self, story: Story) -> Verdict:
        return self.verdicts.get(story.id, Verdict.irrelevant())


def story(story_id: str, title: str = "Anthropic in talks for Maia chips", *, feed: str = "Wire",
          outlet: str = "Chip Wire", link: str | None = None, text: str = "Summary text.",
          published: datetime = T0) -> Story:
    return Story(id=story_id, feed=feed, outlet=outlet, title=title, text=text,
                 link=link if link is not None else f"https://news.example/{story_id}",
                 published=published, first_seen=published)


def verdict(status: Status, deal_key: str = "anthropic-microsoft:maia", *,
            parties: tuple[str, ...] = ("Anthropic", "Microsoft"),
            evidence: tuple[str, ...] = ("people familiar", "in talks"),
            summary: str = "Anthropic may run Claude on Maia.") -> Verdict:
    return Verdict(relevant=True, score=0.9, parties=parties, chips=("Maia",), status=status,
                   evidence=evidence, summary=summary, subject="Maia", deal_key=deal_key)


@dataclass
class World:
    sessions: sessionmaker[Session]
    slack: SlackSandbox
    channels: tuple[ChannelConfig, ...] = (ALL,)
    limits: FloodLimits = field(default_factory=lambda: FloodLimits(100, 100))
    clock: FakeClock = field(default_factory=FakeClock)
    triage: StubTriage = field(default_factory=StubTriage)

    def __post_init__(self) -> None:
        self.slack.state.clock = lambda: self.clock().timestamp()  # message ts in world time

    @property
    def config(self) -> Config:
        return Config(path=Path("test.toml"), watchlist=Watchlist(),
                      briefings=BriefingsConfig(channels=self.channels))

    @property
    def pipeline(self) -> Pipeline:
        return Pipeline(self.sessions, self.config, self.triage,  # type: ignore[arg-type]
                        self.limits)

    def ingest(self, *items: tuple[Story, Verdict]) -> IngestReport:
        for s, v in items:
            self.triage.verdicts[s.id] = v
        return self.pipeline.ingest([s for s, _ in items], self.clock())

    def deliverer(self, timeout: float = 2, **kwargs: Any) -> Deliverer:
        settings = Settings(_env_file=None, slack_bot_token=SecretStr("xoxb-test"),  # type: ignore[call-arg]
                            slack_api_url=self.slack.url)
        client = make_delivery_client(settings, timeout=timeout)
        return Deliverer(self.sessions, client, self.clock, sleep=self.clock.sleep, **kwargs)

    def deliver(self, **kwargs: Any) -> DeliveryReport:
        return self.deliverer(**kwargs).drain()

    def rows(self) -> list[OutboxRow]:
        with transaction(self.sessions) as session:
            return list(session.query(OutboxRow).order_by(OutboxRow.id))

    def posts(self, channel: str = ALL.id) -> list[dict[str, Any]]:
        return self.slack.channel(channel)


def payload(message: dict[str, Any]) -> dict[str, Any]:
    return dict(message["metadata"]["event_payload"])


def story_ids(world: World, channel: str = ALL.id) -> list[str]:
    return [payload(m)["story_id"] for m in world.posts(channel)]


def timeline(world: World) -> list[tuple[str, str, datetime]]:
    """Record (method, channel, fake time) of every call the sandbox receives, in order."""
    seen: list[tuple[str, str, datetime]] = []

    def record(method: str, args: dict[str, Any]) -> None:
        seen.append((method, str(args.get("channel")), world.clock()))

    world.slack.state.faults.insert(0, record)  # type: ignore[arg-type]
    return seen


def count_story(world: World, story_id: str, channel: str = ALL.id) -> int:
    """How many messages in the channel carry this story, top-level and thread replies."""
    return story_ids(world, channel).count(story_id)
