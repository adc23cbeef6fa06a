"""Two people correcting the same deal at once, on SQLite and PostgreSQL: both calls are
recorded, the one that commits last is shown, and each post is edited once more, not twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from briefings.correcting import HANDLERS
from briefings.corrections import Applied, Correction, CorrectionAction
from briefings.models import ChangeKind, Person, Status
from briefings.store.database import transaction
from briefings.store.tables import OutboxRow
from tests.delivery.calls import DANA, KEY, LEE, banner, call, deal, notes, roots
from tests.delivery.support import ALL, NVIDIA_ONLY, C, D, U, World, story, verdict

SECOND = NVIDIA_ONLY.model_copy(update={"id": "C0MSFT001", "companies": ("Microsoft",)})


def _posted(world: World) -> None:
    world.channels = (ALL, SECOND)
    world.ingest((story("s1"), verdict(U)))
    world.deliver()


@contextmanager
def _waits_for_the_lock(engine: Engine, thread: dict[str, int], reached: threading.Event
                        ) -> Iterator[None]:
    """Set `reached` when the thread `thread["id"]` asks the database for the deal's lock
    (PostgreSQL's `FOR UPDATE`; SQLite's writer lock, `BEGIN IMMEDIATE`)."""
    def spy(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if threading.get_ident() == thread.get("id") and (
                "FOR UPDATE" in statement or "BEGIN IMMEDIATE" in statement):
            reached.set()

    event.listen(engine, "before_cursor_execute", spy)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", spy)


def _held_open(world: World, by: Person, status: Status, other: threading.Event,
               started: threading.Event) -> Applied:
    """`by`'s correction applied inside a transaction held open until the other editor asks
    for the deal's lock, so the other's correction must wait for this one and read it."""
    correction = Correction(CorrectionAction.SET_STATUS, KEY, by, world.clock(), f"{by.name} "
                            "knows", status)
    with transaction(world.sessions) as session:
        applied = HANDLERS[CorrectionAction.SET_STATUS](session, world.config, correction)
        started.set()
        assert other.wait(10)
    return applied


@pytest.mark.parametrize(("first", "second"), [((DANA, C), (LEE, D)), ((LEE, D), (DANA, C))])
def test_both_calls_recorded_the_last_shown_each_post_edited_once(
        world: World, first: tuple[Person, Status], second: tuple[Person, Status]) -> None:
    _posted(world)
    started, asked, thread = threading.Event(), threading.Event(), {}

    def later() -> Applied:
        thread["id"] = threading.get_ident()
        assert started.wait(10)
        return call(world, second[1], by=second[0], reason=f"{second[0].name} knows")

    with _waits_for_the_lock(world.sessions.kw["bind"], thread, asked), \
            ThreadPoolExecutor(2) as pool:
        held = pool.submit(_held_open, world, *first, asked, started)
        late = pool.submit(later)
        held.result(), late.result()
    found = deal(world)
    assert [(c.kind, c.by, c.status) for c in found.history[1:]] == [
        (ChangeKind.CORRECTION, *first), (ChangeKind.CORRECTION, *second)]
    assert (found.status, found.set_by) == (second[1], second[0])
    world.deliver()
    for channel in (ALL.id, SECOND.id):
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1  # edited once more, not once per call
        assert root["text"].startswith(second[1].value.upper())
        assert f"set by @{second[0].name}: {second[0].name} knows" in banner(root)
        assert [n.split(" marked")[0] for n in notes(world, channel)] == [
            first[0].name, second[0].name]
    with transaction(world.sessions) as session:
        skipped = session.scalars(select(OutboxRow.error).where(
            OutboxRow.kind == "edit_root", OutboxRow.state == "skipped")).all()
    assert len(skipped) == 2 and all("superseded by a later edit" in e for e in skipped if e)


def test_racing_calls_on_threads_both_commit(world: World) -> None:
    _posted(world)
    barrier = threading.Barrier(2)

    def correct(by: Person, status: Status) -> Applied:
        barrier.wait(10)
        return call(world, status, by=by)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(correct, (DANA, LEE), (C, D)))
    assert len(results) == 2
    found = deal(world)
    last = found.history[-1]
    assert len(found.history) == 3 and (found.status, found.set_by) == (last.status, last.by)
    world.deliver()
    [root] = roots(world)
    assert len(root["versions"]) == 1 and root["text"].startswith(last.status.value.upper())
