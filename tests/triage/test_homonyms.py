"""Company and chip names that are also ordinary words must not make a story deal news."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Verdict

Judge = Callable[..., Verdict]


@pytest.mark.parametrize(("title", "text"), [
    ("Meta-analysis of 40 trials finds sleep helps memory",
     "Researchers pooled data from trials in talks with hospitals, a deal for compute aside."),
    ("Search tool now rewrites meta descriptions on mobile",
     "Site owners see metadata changes; Google says the update uses cloud computing."),
    ("Arm wrestlers gather in Bucharest for the world championships",
     "Competitors signed deals with sponsors; organisers rented data center screens."),
    ("Orchard owners expect a record apple harvest",
     "Growers signed supply contracts with retailers and bought new sorting chips."),
    ("Drought shrinks the Amazon to record lows",
     "Brazil is in talks with neighbours about river compute monitoring, officials said."),
    ("Fish and chip shops sign deal with potato supplier",
     "The chain will buy chips from growers in a multi-year agreement."),
    ("Telegram to integrate Grok chatbot in $300 million deal",
     "The messaging app signed an agreement with xAI to distribute the chatbot to users."),
])
def test_homonyms_are_not_deal_news(judge: Judge, title: str, text: str) -> None:
    assert not judge(title, text).relevant


@pytest.mark.parametrize(("title", "party"), [
    ("Meta signs deal to rent Google TPUs for Llama training", "Meta"),
    ("Arm to supply custom CPUs for OpenAI's AI servers under new agreement", "Arm"),
    ("Apple signs deal to buy Nvidia GB300 servers for its data centers", "Apple"),
    ("Amazon signs deal to supply Trainium3 capacity to Anthropic", "Amazon"),
    ("Groq to power inference for Meta's Llama API under new agreement", "Groq"),
])
def test_the_company_reading_still_counts(judge: Judge, title: str, party: str) -> None:
    verdict = judge(title)
    assert verdict.relevant
    assert party in verdict.parties


def test_grok_is_not_groq(judge: Judge) -> None:
    verdict = judge("xAI signs deal to run Grok on Nvidia Blackwell capacity from Oracle")
    assert "Groq" not in verdict.parties


def test_product_names_shared_with_other_things(judge: Judge) -> None:
    ampere = judge("OpenAI signs deal to rent older Nvidia Ampere GPUs from CoreWeave")
    assert "Ampere" not in ampere.parties
    oci = judge("Docker and Microsoft agree to support OCI images on Azure GPU servers")
    assert "Oracle" not in oci.parties
