"""Company and chip names that are also ordinary words must not make a story deal news."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Verdict
from briefings.triage import Triage

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
    ("Microsoft weighs GPU capacity deal for data centers outside the Amazon",
     "The company is considering sites in the south of Brazil, officials said."),
    ("Drought shrinks the Amazon to record lows",
     "Brazil is in talks with neighbours about river compute monitoring, officials said."),
    ("Fish and chip shops sign deal with potato supplier",
     "The chain will buy chips from growers in a multi-year agreement."),
    ("Telegram to integrate Grok chatbot in $300 million deal",
     "The messaging app signed an agreement with xAI to distribute the chatbot to users."),
])
def test_homonyms_are_not_deal_news(judge: Judge, title: str, text: str) -> None:
    assert not judge(title, text).relevant


@pytest.mark.parametrize(("title", "text"), [
    ("Apple Growers Sign Deal For Nvidia-Powered Sorting Machines",
     "A co-op of apple growers agreed to buy optical sorters that grade fruit with GPUs."),
    ("Robot Arm Maker Signs Deal To Train Models On Microsoft Azure GPUs",
     "The robotic arm maker will rent cloud GPU capacity for its warehouse robots."),
    ("Market Oracle Says Nvidia Will Supply Every AI Data Center",
     "The investor, an oracle to many traders, said chip demand will last a decade."),
])
def test_title_case_does_not_make_a_word_a_company(judge: Judge, title: str, text: str) -> None:
    """Title Case capitalises every word, so 'Apple' there is the fruit when the body says
    'apple' and never Apple; a headline in capitals says as little."""
    assert not judge(title, text).relevant
    assert not judge(title.upper(), text).relevant


@pytest.mark.parametrize(("title", "parties"), [
    ("ANTHROPIC SIGNS DEAL WITH GOOGLE FOR TPU CAPACITY", ("Anthropic", "Google")),
    ("XAI IN TALKS TO RENT NVIDIA CHIPS FROM ORACLE -THE INFORMATION", ("Oracle", "xAI")),
    ("UPDATE 2-MISTRAL, NSCALE IN TALKS OVER NORWAY GPU CAPACITY", ("Mistral AI", "Nscale")),
    ("ANTHROPIC TAPS FLUIDSTACK FOR $50 BLN DATA CENTER BUILD", ("Anthropic", "Fluidstack")),
])
def test_a_headline_in_capitals_names_case_kept_companies(judge: Judge, title: str,
                                                         parties: tuple[str, ...]) -> None:
    """Wire flashes shout: names kept to their case ("Anthropic", "xAI") count in capitals
    there, where case says nothing."""
    verdict = judge(title)
    assert verdict.relevant and verdict.parties == parties


def test_a_lone_word_in_capitals_is_still_read_by_its_case(judge: Judge) -> None:
    """Outside a shouted run, a case-kept name must keep its case: "MISTRAL" alone is the wind."""
    verdict = judge("Storm warning: the MISTRAL wind shuts Nscale's GPU site for a day",
                    "Nscale said the data center would resume renting capacity on Friday.")
    assert "Mistral AI" not in verdict.parties


@pytest.mark.parametrize(("title", "text", "party"), [
    ("Meta Signs Deal To Rent Google TPUs For Llama Training",
     "Meta will rent the chips through Google Cloud, the companies said.", "Meta"),
    ("Arm Wins Deal To Supply Custom CPUs For OpenAI Servers",
     "Arm Holdings will design the chips, OpenAI said.", "Arm"),
    ("Apple Signs Deal To Buy Nvidia GB300 Servers", "", "Apple"),
    ("Oracle, OpenAI Sign $300 Billion Computing Deal, WSJ Reports",
     "The five-year contract would start in 2027, the newspaper reported.", "Oracle"),
])
def test_title_case_names_backed_by_the_body_still_count(judge: Judge, title: str, text: str,
                                                        party: str) -> None:
    verdict = judge(title, text)
    assert verdict.relevant
    assert party in verdict.parties


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



def test_a_longer_company_name_wins_over_the_name_inside_it(triage: Triage, judge: Judge) -> None:
    text = "SoftBank Corp orders Nvidia Blackwell systems as SoftBank Group invests in OpenAI"
    named = {h.label for h in triage.matcher.find(text) if h.family == "company" and h.start == 0}
    assert named == {"SoftBank Corp"}  # not SoftBank, the investor, as well
    verdict = judge("SoftBank Corp orders Nvidia Blackwell systems for its AI data centre",
                    "The Japanese telco signed a purchase agreement for GB200 racks.")
    assert verdict.relevant and set(verdict.parties) == {"NVIDIA", "SoftBank Corp"}
