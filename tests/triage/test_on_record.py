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
    # the speaker after the verb and its day
    ("Microsoft presents Maia chips for Anthropic",
     "The supply of Maia chips to Anthropic, a project developed in partnership, was announced "
     "yesterday by Microsoft.", Status.CONFIRMED),
    # a party that unveils its deal is announcing it
    ("Anthropic to run on Microsoft Maia chips",
     "Microsoft unveiled the agreement to supply Maia chips to Anthropic on Monday.",
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


@pytest.mark.parametrize(("title", "text"), [
    ("Tesla signs $16 billion chip manufacturing deal with Samsung",
     "Samsung will build Tesla's next AI chips at its Texas fab, Elon Musk said on Sunday."),
    ("OpenAI agrees to buy Cerebras capacity for inference",
     "The agreement covers several data centers over three years, said Sam Altman."),
])
def test_a_partys_leader_speaking_is_the_partys_word(judge: Judge, title: str,
                                                      text: str) -> None:
    assert judge(title, text).status is Status.CONFIRMED


def test_a_leader_of_no_party_is_someone_elses_word(judge: Judge) -> None:
    verdict = judge("Meta signs $10 billion cloud deal with Google",
                    "Meta has agreed to a six-year contract with Google, Sam Altman said.")
    assert verdict.status is Status.UNCONFIRMED and not verdict.on_record


def test_naming_a_leader_names_no_party(judge: Judge) -> None:
    verdict = judge("Musk praises Nvidia Blackwell chips", "Elon Musk said the GPUs are fast.")
    assert not verdict.relevant
