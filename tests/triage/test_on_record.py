"""Which stories are a party's own word (`Verdict.on_record`): only those may replace a person's
call on a deal's status, so a scoop or an outlet's say-so must never count as one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Status, Verdict
from briefings.store.stories import verdict_json

Judge = Callable[..., Verdict]


@pytest.mark.parametrize(("title", "text", "status"), [
    ("Microsoft denies report of Maia chip deal with Anthropic",
     "Microsoft denied on Tuesday that it had agreed to supply Maia chips to Anthropic.",
     Status.DENIED),
    ("Microsoft confirms Maia chip deal with Anthropic",
     "A Microsoft spokesperson confirmed the agreement to supply Maia chips to Anthropic.",
     Status.CONFIRMED),
])
def test_a_partys_own_confirmation_or_denial_is_on_the_record(
        judge: Judge, title: str, text: str, status: Status) -> None:
    verdict = judge(title, text)
    assert verdict.status is status and verdict.on_record


def test_a_partys_newsroom_is_on_the_record(judge: Judge) -> None:
    verdict = judge("Bringing Claude to Trainium3", "We are expanding our collaboration with "
                    "Anthropic to train its next models on Trainium3 capacity.",
                    outlet="AWS News Blog", official_for=("Amazon",))
    assert verdict.status is Status.CONFIRMED and verdict.on_record


@pytest.mark.parametrize(("title", "text"), [
    ("Anthropic in talks for Microsoft Maia chips",
     "Anthropic is in talks to use Maia chips, people familiar with the matter said."),
    ("Anthropic signs deal for Microsoft Maia chips",
     "Anthropic has signed a deal to run its models on Microsoft's Maia accelerators."),
])
def test_a_scoop_or_an_outlets_say_so_is_not(judge: Judge, title: str, text: str) -> None:
    verdict = judge(title, text)
    assert verdict.relevant and not verdict.on_record


def test_on_record_is_kept_with_the_story(judge: Judge) -> None:
    verdict = judge("Microsoft confirms Maia chip deal with Anthropic",
                    "A Microsoft spokesperson confirmed the agreement.")
    assert verdict_json(verdict)["on_record"] is True
