"""Two editors submitting their modals on the same deal at once, as two signed HTTP requests to
the web process released together and held until both handlers ask the database for the deal's
lock (so they truly overlap): both calls are recorded, the second one reads the first, the one
that committed last is shown, and each post, in both channels, is edited once more (not once
per call). The same modal submitted twice at once (a double click on Apply) counts once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from briefings.models import ChangeKind
from tests.delivery.calls import banner, deal, notes, roots
from tests.delivery.support import ALL, U, World, story, verdict
from tests.slash.corrections.end_to_end.support import SECOND, Analyst, done

pytestmark = pytest.mark.parametrize("editors", [("U0ANALYST", "U0OTHER")])


@contextmanager
def _meeting_at_the_lock(engine: Engine, parties: int) -> Iterator[set[int]]:
    """Hold the first `parties` threads that ask for a write lock (PostgreSQL's `FOR UPDATE`,
    SQLite's `BEGIN IMMEDIATE`) until all of them have asked, then let them race for it; yields
    the threads that asked (a thread kept waiting in vain breaks the barrier: its request
    fails)."""
    meeting, lock, asked = threading.Barrier(parties), threading.Lock(), set[int]()

    def spy(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FOR UPDATE" not in statement and "BEGIN IMMEDIATE" not in statement:
            return
        with lock:
            first = threading.get_ident() not in asked and len(asked) < parties
            asked.add(threading.get_ident())
        if first:
            meeting.wait(10)

    event.listen(engine, "before_cursor_execute", spy)
    try:
        yield asked
    finally:
        event.remove(engine, "before_cursor_execute", spy)


def test_both_recorded_the_last_shown_each_post_edited_once(
        world: World, engine: Engine, ana: Analyst, otto: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    [root] = roots(world)
    forms = [(ana, ana.open(root, "Mark CONFIRMED"), "ana saw the 8-K"),
             (otto, otto.open(root, "Mark DENIED"), "otto heard no")]

    def submit(person: Analyst, view: dict[str, Any], reason: str) -> dict[str, Any]:
        return person.submit(view, reason)

    with _meeting_at_the_lock(engine, len(forms)) as asked, \
            ThreadPoolExecutor(len(forms)) as pool:
        answers = list(pool.map(submit, *zip(*forms, strict=True)))
    assert len(asked) == len(forms) and all(done(a) for a in answers)

    found = deal(world)
    first, last = found.history[1:]
    assert (first.kind, last.kind) == (ChangeKind.CORRECTION, ChangeKind.CORRECTION)
    assert {(c.by.name if c.by else None, c.reason) for c in (first, last)} == {
        ("ana", "ana saw the 8-K"), ("otto", "otto heard no")}
    assert last.by is not None and first.by is not None
    assert (found.status, found.set_by) == (last.status, last.by)
    world.deliver()
    for channel in (ALL.id, SECOND.id):
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1  # edited once more, not once per call
        assert root["text"].startswith(f"{last.status.value.upper()} (updated) (set by "
                                       f"@{last.by.name})")
        assert banner(root).endswith(f"set by @{last.by.name}: {last.reason}")
        assert [n.split(":")[0] for n in notes(world, channel)] == [
            f"{first.by.name} marked this {first.status.value.upper()} (was UNCONFIRMED)",
            f"{last.by.name} marked this {last.status.value.upper()} (was "
            f"{first.status.value.upper()})"]  # the second read the first's call


def test_the_same_modal_submitted_twice_at_once_counts_once(
        world: World, engine: Engine, ana: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    view = ana.open(roots(world)[0], "Mark DENIED")
    with _meeting_at_the_lock(engine, 2) as asked, ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: ana.submit(view, "no deal"), range(2)))
    assert len(asked) == 2
    assert sorted(a["response_action"] for a in answers) == ["errors", "update"]
    [refused] = [a for a in answers if a["response_action"] == "errors"]
    assert refused["errors"] == {
        "reason": "Anthropic + Microsoft: Maia is already DENIED, set by ana."}
    assert [c.kind for c in deal(world).history] == [ChangeKind.STORY, ChangeKind.CORRECTION]
    world.deliver()
    for channel in (ALL.id, SECOND.id):
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1
        assert notes(world, channel) == ["ana marked this DENIED (was UNCONFIRMED): no deal"]
