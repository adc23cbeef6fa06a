"""What goes into a week's digest, seeded through the store and read back through its queries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.digest_post import DigestPlanner
from bot.render.digest import render_digest
from bot.render.terminal import blocks_to_text
from briefings.config import BriefingsConfig, ChannelConfig, Config, Watchlist
from briefings.digest import DigestContent, SectionKind
from briefings.digest_window import IsoWeek, window_for
from briefings.models import Status
from briefings.pipeline import Pipeline
from briefings.planning import FloodLimits
from briefings.store.database import transaction
from tests.delivery.support import StubTriage, story, verdict
from tests.digest.seed import Report, seed_deal

TOKYO = ZoneInfo("Asia/Tokyo")
WEEK = IsoWeek(2026, 47)
WINDOW = window_for(WEEK, TOKYO)
U, C, D = Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED


def at(days: float) -> dt.datetime:
    """An instant `days` after the window's start (local Monday 00:00 in Tokyo)."""
    return WINDOW.start + dt.timedelta(days=days)


def digest(sessions: sessionmaker[Session], channel: ChannelConfig | None = None
           ) -> DigestContent:
    planner = DigestPlanner(sessions, [], TOKYO)
    return planner.content(planner.facts(WEEK), channel)


def keys(content: DigestContent, kind: SectionKind) -> list[str]:
    return [line.deal_key for s in content.sections if s.kind is kind for line in s.lines]


def test_sections_sort_deals_by_what_changed(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        seed_deal(s, "new", [Report("Reuters", at(1)), Report("Bloomberg", at(2))])
        seed_deal(s, "confirmed", [Report("Reuters", at(-10)), Report("NVIDIA", at(3), C)])
        seed_deal(s, "denied", [Report("Reuters", at(2)), Report("AMD", at(4), D)])
        seed_deal(s, "reversal", [Report("Reuters", at(-9), C), Report("FT", at(5), D)])
        seed_deal(s, "chatter", [Report("Reuters", at(-8)), Report("FT", at(1)),
                                 Report("WSJ", at(1.5)), Report("Nikkei", at(2))])
        seed_deal(s, "stale", [Report("Reuters", at(-40))])
        seed_deal(s, "last-week", [Report("Reuters", at(-1))])
    content = digest(sessions)
    assert keys(content, SectionKind.NEW) == ["new"]
    assert keys(content, SectionKind.CONFIRMED) == ["confirmed"]
    assert keys(content, SectionKind.DENIED) == ["denied"]
    assert keys(content, SectionKind.OTHER) == ["reversal"]
    assert keys(content, SectionKind.MOST_REPORTED) == ["chatter", "denied", "new"]
    assert keys(content, SectionKind.STALE) == ["stale"]
    counts = content.counts
    assert (counts.new, counts.confirmed, counts.denied, counts.other) == (1, 1, 1, 1)
    assert counts.deals == 5 and counts.stories == 9 and not content.quiet


def test_a_status_line_links_the_story_that_set_the_status(
        sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        seed_deal(s, "confirmed", [Report("Reuters", at(-10)), Report("NVIDIA", at(3), C,
                                                                          score=0.1),
                                   Report("Blog", at(4), score=9.0)])
    line = next(s for s in digest(sessions).sections if s.kind is SectionKind.CONFIRMED).lines[0]
    assert (line.source_outlet, line.source_link) == ("NVIDIA", "https://news.example/confirmed-1")


def test_sunday_23_59_local_is_in_and_monday_00_00_is_out(sessions: sessionmaker[Session]
                                                          ) -> None:
    sunday = dt.datetime(2026, 11, 22, 23, 59, tzinfo=TOKYO)
    with transaction(sessions) as s:
        seed_deal(s, "late", [Report("Reuters", sunday)])
        seed_deal(s, "next", [Report("Reuters", dt.datetime(2026, 11, 23, 0, 0, tzinfo=TOKYO))])
    assert keys(digest(sessions), SectionKind.NEW) == ["late"]


def test_status_is_as_of_the_week_end_and_later_news_is_flagged(
        sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        seed_deal(s, "rumour", [Report("Reuters", at(1)), Report("AMD", at(9), C)])
    line = next(s for s in digest(sessions).sections if s.kind is SectionKind.NEW).lines[0]
    assert (line.status, line.now_status) == (U, C)


def test_a_channel_sees_only_the_deals_its_filters_let_in(sessions: sessionmaker[Session]
                                                          ) -> None:
    with transaction(sessions) as s:
        seed_deal(s, "amd", [Report("Reuters", at(1))], parties=("AMD", "OpenAI"))
        seed_deal(s, "nvidia", [Report("Reuters", at(1))], parties=("NVIDIA", "xAI"))
        seed_deal(s, "rumour-only", [Report("Reuters", at(2))], parties=("NVIDIA", "Meta"))
    nvidia_confirmed = ChannelConfig(id="C0NV", companies=("NVIDIA",), statuses=(C, D))
    assert digest(sessions, ChannelConfig(id="C0NV", companies=("NVIDIA",))).counts.deals == 2
    assert digest(sessions, nvidia_confirmed).quiet


def test_an_empty_week_is_quiet(sessions: sessionmaker[Session]) -> None:
    content = digest(sessions)
    assert content.quiet and content.sections == ()


def _cycle(sessions: sessionmaker[Session], when: dt.datetime, *names: str) -> None:
    """One poll cycle of one feed: a story of a new deal per name ("n..." deals with NVIDIA),
    through the real pipeline and flood caps (one post per feed and cycle)."""
    triage = StubTriage()
    channels = (ChannelConfig(id="C0ALL"), ChannelConfig(id="C0NV", companies=("NVIDIA",)))
    config = Config(path=Path("test.toml"), watchlist=Watchlist(),
                    briefings=BriefingsConfig(channels=channels))
    pipeline = Pipeline(sessions, config, triage, FloodLimits(1, 100))  # type: ignore[arg-type]
    for name in names:
        triage.verdicts[name] = verdict(U, name, parties=("NVIDIA" if name[0] == "n" else "AMD",
                                                          f"Lab {name}"))
    pipeline.ingest([story(name, feed="Flood", published=when + dt.timedelta(seconds=index))
                     for index, name in enumerate(names)], when)


def test_the_week_counts_the_new_deals_the_flood_caps_held_back(
        sessions: sessionmaker[Session]) -> None:
    _cycle(sessions, at(-1), "old0", "old1")  # last week's hold is not this week's
    _cycle(sessions, at(1), "n0", "n1", "o2", "o3")
    _cycle(sessions, at(2), "o4")  # posted: one post per cycle may go
    everyone = digest(sessions, ChannelConfig(id="C0ALL"))
    assert everyone.counts.held_back == 3
    assert digest(sessions, ChannelConfig(id="C0NV", companies=("NVIDIA",))).counts.held_back == 1
    assert digest(sessions).counts.held_back == 3
    text = blocks_to_text(render_digest(everyone, TOKYO)[0].blocks)
    assert "3 new deals were held back by the flood caps this week" in text
    assert "held back" not in blocks_to_text(render_digest(digest(sessions, ChannelConfig(
        id="C0QUIET")), TOKYO)[0].blocks)
