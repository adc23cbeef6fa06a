"""Two people merging the same two deals at once, in opposite directions, on PostgreSQL: each
merge locks both deals in key order, so the second waits for the first instead of deadlocking,
then reads what the first wrote and is refused. (SQLite runs one writer at a time.)"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from briefings.correcting import apply_correction
from briefings.corrections import Correction, CorrectionAction, CorrectionRefused
from briefings.models import Person
from tests.delivery.support import U, World, story, verdict

FIRST, SECOND = "deal-a", "deal-b"
ANA, BEN = Person("U0ANA0001", "Ana"), Person("U0BEN0001", "Ben")


def wait_for_a_blocked_lock(engine: Engine, seconds: float = 10.0) -> None:
    """Until another transaction waits for a row lock (PostgreSQL shows it in pg_locks)."""
    deadline = time.monotonic() + seconds
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            if conn.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar():
                return
            conn.rollback()
            time.sleep(0.01)
    raise AssertionError("the second merge never waited for the first one's lock")


def test_opposite_merges_at_once_apply_one_and_refuse_the_other(engine: Engine,
                                                                 world: World) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers: two merges cannot overlap")
    world.ingest((story("a1"), verdict(U, FIRST)), (story("b1"), verdict(U, SECOND)))
    outcome: dict[str, Any] = {}

    def second_merge() -> None:
        try:
            outcome["applied"] = apply_correction(world.sessions, world.config, Correction(
                CorrectionAction.MERGE, SECOND, BEN, world.clock(), target=FIRST))
        except CorrectionRefused as exc:
            outcome["refused"] = str(exc)

    racer = threading.Thread(target=second_merge)

    def on_first_lock(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FOR UPDATE" in statement and not racer.is_alive() and "started" not in outcome:
            outcome["started"] = True
            racer.start()
            wait_for_a_blocked_lock(engine)

    event.listen(engine, "after_cursor_execute", on_first_lock)
    try:
        applied = apply_correction(world.sessions, world.config, Correction(
            CorrectionAction.MERGE, FIRST, ANA, world.clock(), target=SECOND))
    finally:
        event.remove(engine, "after_cursor_execute", on_first_lock)
    racer.join(timeout=30)
    assert applied.deal_key == SECOND
    assert "already merged" in outcome["refused"] and "applied" not in outcome
