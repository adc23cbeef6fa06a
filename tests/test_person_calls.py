"""`apply_story` against a person's call, as a table: only a party's own word moves it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from briefings.deals import TRANSITIONS, apply_story
from briefings.models import Deal, Person, Status, Story, Verdict

U, C, D = Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED
AT = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
DANA = Person("U0DANA001", "dana")


def _deal(status: Status, set_by: Person | None) -> Deal:
    return Deal("a-b:x", ("A", "B"), "x", (), status, AT, AT, AT, set_by=set_by)


def _story() -> tuple[Story, datetime]:
    later = AT + timedelta(days=1)
    return Story("s9", "Wire", "Wire", "t", "", "https://x.example/s9", later, later), later


@pytest.mark.parametrize("called", [U, C, D])
@pytest.mark.parametrize("reported", [U, C, D])
def test_a_story_off_the_record_never_moves_a_persons_call(called: Status,
                                                           reported: Status) -> None:
    story, _ = _story()
    verdict = Verdict(True, 1.0, ("A", "B"), status=reported, deal_key="a-b:x")
    update = apply_story(_deal(called, DANA), story, verdict)
    assert (update.deal.status, update.deal.set_by, update.change) == (called, DANA, None)


@pytest.mark.parametrize(("called", "reported"), [(U, C), (C, D), (D, C), (U, D)])
def test_a_partys_own_word_replaces_it(called: Status, reported: Status) -> None:
    story, later = _story()
    verdict = Verdict(True, 1.0, ("A", "B"), status=reported, deal_key="a-b:x", on_record=True)
    update = apply_story(_deal(called, DANA), story, verdict)
    assert (update.deal.status, update.deal.set_by, update.deal.status_since) == (
        reported, None, later)
    assert update.replaced is not None and update.replaced.by == DANA
    assert update.change is not None and update.change.reason == (
        f"replaces dana's {called.value.upper()} call of 7 Dec 2026")


def test_a_partys_word_agreeing_with_the_call_changes_nothing() -> None:
    story, _ = _story()
    verdict = Verdict(True, 1.0, ("A", "B"), status=C, deal_key="a-b:x", on_record=True)
    update = apply_story(_deal(C, DANA), story, verdict)
    assert update.change is None and update.deal.set_by == DANA


@pytest.mark.parametrize(("current", "reported"), list(TRANSITIONS))
def test_without_a_call_the_table_decides(current: Status, reported: Status) -> None:
    story, _ = _story()
    verdict = replace(Verdict(True, 1.0, ("A", "B"), status=reported, deal_key="a-b:x"),
                      on_record=True)
    update = apply_story(_deal(current, None), story, verdict)
    assert update.deal.status is TRANSITIONS[(current, reported)] and update.replaced is None
