"""Deal grouping: one key per real-world deal, across outlets and from rumour to confirmation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from briefings.models import Deal, Status
from briefings.triage import Triage
from briefings.triage.book import DealBook
from briefings.triage.grouping import assign_deal_key, new_deal_key
from tests.triage.conftest import WHEN, make_story


def keys(triage: Triage, items: list[tuple[str, str, int]]) -> list[str]:
    """Deal keys for (title, body, day offset) stories judged in order."""
    book = DealBook()
    out = []
    for number, (title, text, day) in enumerate(items):
        story = make_story(title, text, published=WHEN + timedelta(days=day),
                           ident=f"story-{number}")
        verdict = triage.judge(story)
        assert verdict.relevant, title
        out.append(book.place(verdict, story))
    return out


def test_same_deal_across_outlets_and_its_life(triage: Triage) -> None:
    found = keys(triage, [
        ("Meta in talks to rent Google TPUs, people familiar say", "", 0),
        ("Report: Meta weighs multibillion-dollar TPU deal with Google", "", 1),
        ("Google declines to comment on Meta TPU talks", "Meta is negotiating with Google over "
         "TPUs, a report said.", 2),
        ("Meta and Google sign TPU agreement", "The companies announced the deal on Monday.", 20),
    ])
    assert len(set(found)) == 1


def test_a_counterpart_written_short_and_long_is_one_party(triage: Triage) -> None:
    """"Veltrano Motor" in one report, "Veltrano" in the next: one deal."""
    found = keys(triage, [
        ("Lambda signs GPU cloud agreement with Veltrano Motor Corporation",
         "Lambda will host GPU capacity for Veltrano Motor Corporation, Lambda said.", 0),
        ("Veltrano's new GPU deal with Lambda is worth $1.2 billion",
         "Veltrano and Lambda announced the cluster lease on Monday.", 3),
    ])
    assert len(set(found)) == 1


def test_a_hedged_follow_up_leaves_the_deal_confirmed(triage: Triage) -> None:
    """The book folds stories as the pipeline does: a later hedged report does not turn a
    confirmed deal back into a rumour, so talks months on are a new deal, not its echo."""
    found = keys(triage, [
        ("Nscale signs $8 billion capacity agreement with Anthropic",
         "Nscale announced the multi-year deal on Monday.", 0),
        ("Anthropic's Nscale deal is reportedly worth more than $8 billion",
         "The deal could be worth more, people familiar said.", 10),
        ("Anthropic in talks to expand Nscale capacity deal, sources say",
         "The two are discussing more GPU capacity, people familiar said.", 140),
    ])
    assert found[0] == found[1] != found[2]


def test_two_deals_between_the_same_companies(triage: Triage) -> None:
    found = keys(triage, [
        ("Anthropic signs Azure cloud capacity deal with Microsoft",
         "Microsoft announced the multiyear compute agreement.", 0),
        ("Anthropic reportedly in talks to use Microsoft's Maia chips",
         "The discussions are early, people familiar said.", 150),
    ])
    assert found[0] != found[1]


def test_different_chip_generations_are_different_deals(triage: Triage) -> None:
    found = keys(triage, [
        ("Amazon and Anthropic sign Trainium2 cluster agreement", "Amazon announced it.", 0),
        ("Anthropic in talks with Amazon over a Trainium3 supercomputer",
         "People familiar said talks continue.", 10),
        ("Anthropic weighs Trainium4 capacity from Amazon for 2028",
         "People familiar said talks continue.", 20),
    ])
    assert len(set(found)) == 3


def test_rumour_of_another_kind_after_a_confirmed_deal_is_new(triage: Triage) -> None:
    found = keys(triage, [
        ("OpenAI confirms Google Cloud as a compute capacity provider", "", 0),
        ("OpenAI reportedly testing Google TPUs for ChatGPT inference",
         "People familiar with the plans said tests began.", 2),
    ])
    assert found[0] != found[1]


def test_a_story_with_one_shared_party_is_not_that_deal(triage: Triage) -> None:
    story = make_story("xAI signs deal with Oracle for Nvidia GPU capacity")
    verdict = triage.judge(story)
    other = Deal(key="xai-nvidia:nvidia-chips", parties=("NVIDIA", "xAI"), subject="NVIDIA chips",
                 chips=(), status=Status.UNCONFIRMED, status_since=WHEN, first_seen=WHEN,
                 last_activity=WHEN)
    assert assign_deal_key(verdict, story, [other]) == new_deal_key(verdict, story)


def test_new_keys_are_readable_and_stable(triage: Triage) -> None:
    story = make_story("Cohere signs deal to rent Nvidia GPUs from CoreWeave", ident="s-1")
    verdict = triage.judge(story)
    key = new_deal_key(verdict, story)
    assert key == new_deal_key(verdict, story)
    assert key.startswith("cohere-coreweave:compute-capacity:2026-03:")


@pytest.mark.parametrize("items", [
    [("Meta signs Google Cloud capacity deal", "Google announced the agreement.", 0),
     ("Meta and Google sign agreement for a new data center campus",
      "The agreement is separate from the cloud contract the companies signed in spring, "
      "Google said.", 100)],
    [("OpenAI weighs using Microsoft's Maia chips for inference, sources say",
      "The talks are at an early stage, people familiar said.", 0),
     ("Microsoft, OpenAI expand Azure cloud pact by $10 billion",
      "The expansion builds on the Azure agreement they signed last year, Microsoft said.", 12)],
])
def test_a_deal_said_to_be_apart_from_an_earlier_one_is_new(
        triage: Triage, items: list[tuple[str, str, int]]) -> None:
    found = keys(triage, items)
    assert found[0] != found[1]


def test_a_confirmation_that_builds_on_earlier_work_joins_its_rumour(triage: Triage) -> None:
    found = keys(triage, [
        ("Anthropic in talks for more Google TPUs, people familiar say",
         "The lab is negotiating for more TPU capacity, the people said.", 0),
        ("Google and Anthropic sign TPU expansion",
         "The expansion of TPU capacity builds on years of work between the teams, Google said.",
         10),
    ])
    assert found[0] == found[1]


def test_a_chip_named_as_the_other_deal_does_not_join_it(triage: Triage) -> None:
    found = keys(triage, [
        ("OpenAI and AMD strike 6-gigawatt GPU deal",
         "OpenAI will deploy AMD Instinct MI450 GPUs from next year, the companies said.", 0),
        ("AMD and OpenAI to co-design custom inference chip",
         "The companies said they will develop a custom accelerator, separate from the MI450 "
         "supply deal.", 200),
    ])
    assert found[0] != found[1]
