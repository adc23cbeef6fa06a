"""Two editors submitting their modals on the same deal at once, as two signed HTTP requests to
the web process released together: both calls are recorded, the one that committed last is
shown, and each post, in both channels, is edited once more (not once per call)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from briefings.models import ChangeKind, Person
from tests.delivery.calls import banner, deal, notes, roots
from tests.delivery.support import ALL, U, World, story, verdict
from tests.slash.corrections.end_to_end.support import SECOND, Analyst, done

pytestmark = pytest.mark.parametrize("editors", [("U0ANALYST", "U0OTHER")])


def test_both_recorded_the_last_shown_each_post_edited_once(
        world: World, ana: Analyst, otto: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    [root] = roots(world)
    forms = [(ana, ana.open(root, "Mark CONFIRMED"), "ana saw the 8-K"),
             (otto, otto.open(root, "Mark DENIED"), "otto heard no")]
    together = threading.Barrier(len(forms))

    def submit(person: Analyst, view: dict[str, Any], reason: str) -> dict[str, Any]:
        together.wait(10)
        return person.submit(view, reason)

    with ThreadPoolExecutor(len(forms)) as pool:
        answers = list(pool.map(submit, *zip(*forms, strict=True)))
    assert all(done(a) for a in answers)

    found = deal(world)
    calls = found.history[1:]
    assert [c.kind for c in calls] == [ChangeKind.CORRECTION] * 2
    assert {(c.by.name, c.reason) for c in calls if c.by} == {
        ("ana", "ana saw the 8-K"), ("otto", "otto heard no")}
    last = calls[-1]
    assert last.by is not None and (found.status, found.set_by) == (last.status, last.by)
    world.deliver()
    for channel in (ALL.id, SECOND.id):
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1  # edited once more, not once per call
        assert root["text"].startswith(f"{last.status.value.upper()} (updated) (set by "
                                       f"@{last.by.name})")
        assert banner(root).endswith(f"set by @{last.by.name}: {last.reason}")
        assert [n.split(" marked")[0] for n in notes(world, channel)] == [
            c.by.name for c in calls if isinstance(c.by, Person)]
