"""A writer that commits one of our stories while our run of stories is in flight (a second
poll racing this one on PostgreSQL): the run is rolled back and redone story by story, storing
each story once and counting each flood-capped post once.

SQLite has no such race: writers begin IMMEDIATE, so nobody commits inside our transaction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from briefings.models import Verdict
from briefings.planning import FloodLimits
from briefings.store import stories
from briefings.store.database import transaction
from briefings.store.tables import StoryRow
from tests.delivery.support import U, World, story, verdict

RACED = story("s2", feed="Rival")


@pytest.fixture
def racer(engine: Engine, world: World) -> Iterator[list[str]]:
    """Commit RACED from another connection just before our first batch of story inserts."""
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers: no commit can land inside our transaction")
    fired: list[str] = []

    def race(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if fired or not statement.startswith("INSERT INTO stories"):
            return
        fired.append(statement)
        with transaction(world.sessions) as session:
            stories.add_stories(session, [stories.NewStory(RACED, Verdict.irrelevant(), False)])

    event.listen(engine, "before_cursor_execute", race)
    yield fired
    event.remove(engine, "before_cursor_execute", race)


def test_a_run_that_loses_a_race_is_redone_one_story_at_a_time(world: World,
                                                                racer: list[str]) -> None:
    world.limits = FloodLimits(per_feed_per_cycle=2, per_channel_per_hour=100)
    report = world.ingest(
        (story("s0"), verdict(U, "deal-0", parties=("Lab0", "Microsoft"))),
        (story("s1"), verdict(U, "deal-1", parties=("Lab1", "Microsoft"))),
        (story("s2"), verdict(U, "deal-2", parties=("Lab2", "Microsoft"))))
    assert racer, "the racing writer never ran"
    assert (report.seen, report.new, report.planned, report.held_back) == (3, 2, 2, 0)
    with transaction(world.sessions) as session:
        stored = [(row.id, row.feed) for row in session.scalars(select(StoryRow))]
    assert sorted(stored) == [("s0", "Wire"), ("s1", "Wire"), ("s2", "Rival")]
    assert [r.story_id for r in world.rows() if r.state == "pending"] == ["s0", "s1"]
