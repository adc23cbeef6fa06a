"""Summaries: from the story's own text, short, ending cleanly, hedged when unconfirmed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Status, Verdict

Judge = Callable[..., Verdict]


def test_summary_is_the_deal_sentence(judge: Judge) -> None:
    verdict = judge("Nebius signs GPU capacity agreement with Microsoft",
                    "Shares rose in early trading. Nebius will supply Microsoft with dedicated "
                    "GPU capacity under a five-year agreement. The first site opens in May.")
    assert verdict.summary == ("Nebius will supply Microsoft with dedicated GPU capacity under "
                               "a five-year agreement.")


def test_unconfirmed_summary_keeps_the_attribution(judge: Judge) -> None:
    verdict = judge("Meta eyes Google TPUs",
                    "Meta wants to rent TPUs from Google for inference. The talks were "
                    "described by two people familiar with the matter.")
    assert verdict.status is Status.UNCONFIRMED
    assert "people familiar" in verdict.summary
    assert verdict.summary.startswith("Meta wants to rent TPUs")


def test_long_summary_ends_with_an_ellipsis(judge: Judge) -> None:
    long_sentence = ("OpenAI signed an agreement with Cerebras to buy inference capacity "
                     + "across several new data centers in many regions " * 8 + "next year.")
    verdict = judge("OpenAI signs Cerebras inference deal", long_sentence)
    assert len(verdict.summary) <= 300
    assert verdict.summary.endswith("…")
    assert "  " not in verdict.summary


def test_summary_falls_back_to_the_headline(judge: Judge) -> None:
    verdict = judge("AMD to supply OpenAI with Instinct GPUs under multiyear agreement")
    assert verdict.summary == ("AMD to supply OpenAI with Instinct GPUs under multiyear "
                               "agreement.")


@pytest.mark.parametrize("dateline", [
    "AUSTIN, Texas--(BUSINESS WIRE)--", "SEOUL, Nov 3 (Reuters) - ", "NEW YORK /PRNewswire/ -- ",
    "HELSINKI, June 2, 2027 - ", "SANTA CLARA, Calif., March 3, 2027 /PRNewswire/ -- "])
def test_datelines_are_dropped(judge: Judge, dateline: str) -> None:
    verdict = judge("Oracle signs deal to deploy AMD Instinct GPUs",
                    f"{dateline}Oracle will deploy AMD Instinct GPUs in its cloud.")
    assert verdict.summary == "Oracle will deploy AMD Instinct GPUs in its cloud."


def test_a_hedging_headline_lends_the_summary_its_attribution(judge: Judge) -> None:
    verdict = judge("Meta weighs Google TPUs for Llama, sources say",
                    "Meta wants to rent TPUs from Google for inference next year.")
    assert verdict.status is Status.UNCONFIRMED
    assert "sources say" in verdict.summary


def test_denied_summary_keeps_the_denial(judge: Judge) -> None:
    verdict = judge("Statement on recent media reports",
                    "HELSINKI, June 2, 2027 - Nebius is aware of reports that it is negotiating "
                    "a GPU capacity deal with Meta at its Finnish data center. The company states "
                    "that these reports are inaccurate. Nebius will not comment further.",
                    outlet="Nebius Newsroom", official_for=("Nebius",))
    assert verdict.status is Status.DENIED
    assert verdict.summary == ("Nebius is aware of reports that it is negotiating a GPU capacity "
                               "deal with Meta at its Finnish data center. The company states "
                               "that these reports are inaccurate.")
