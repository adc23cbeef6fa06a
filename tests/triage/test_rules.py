"""Each named rule of the triage with a few sentences of our own that it decides.

Relevance gates (`relevance.GATES`) and status rules (`status.RULES`) are listed by name, so a
rule renamed or dropped fails here; every example is written for this file, none is copied from
a labelled set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from briefings.models import Status, Verdict
from briefings.triage import Triage, relevance, status
from briefings.triage.book import DealBook
from tests.triage.conftest import WHEN, make_story

Judge = Callable[..., Verdict]

GATE_EXAMPLES = {
    "unpaired": [
        ("Nvidia signs a supply agreement for its new GPUs", "The deal was announced today."),
        ("OpenAI books more compute for its next model", "It did not say from whom."),
    ],
    "no-deal-cue": [
        ("OpenAI and Nvidia GPUs in the spotlight", "OpenAI and Nvidia were both mentioned."),
    ],
    "no-compute": [
        ("Anthropic and Google sign a marketing partnership",
         "The two firms will promote each other's events."),
        ("Nvidia takes a stake in xAI as the lab raises money",
         "The chipmaker joined the round with other investors."),
    ],
    "headline-elsewhere": [
        ("OpenAI's head of chip hardware leaves to start a company",
         "OpenAI said its chip work with Broadcom continues under a new leader."),
        ("Episode 412: I think I ordered one",
         "Show notes: GPU orders, Google and IBM studies, NVIDIA vs AMD in desktops."),
        # the sides named only through their products, no deal word: the products are the news
        ("Ironwood and Colossus 2: a new era for exascale AI hardware",
         "The TPU, shown this spring, packs thousands of cores into one pod."),
    ],
    "it-cloud": [
        ("Swisscom and AWS sign strategic cloud agreement",
         "The operator will run its billing and office systems on Amazon's cloud."),
        ("Singtel taps Google Cloud for network modernisation",
         "The telco will move its customer systems to Google under a multi-year agreement."),
    ],
    "off-topic": [
        ("Microsoft sues Nvidia over GPU supply contract terms",
         "The lawsuit was filed in a federal court."),
    ],
    "analysis": [
        ("Why the Anthropic TPU deal with Google matters",
         "Google and Anthropic agreed on chips last week; here is what it means."),
    ],
    "open-question": [
        ("Could AMD win Meta's next big GPU order?",
         "An analyst thinks AMD is well placed for the 2031 GPU cluster build-out."),
    ],
    "round-up": [
        ("OpenAI says it needs chips from Nvidia, AMD, Broadcom and Cerebras",
         "OpenAI listed its suppliers in a long interview."),
    ],
    "launch": [
        ("Nvidia unveils its next data center GPU at a trade show",
         "Microsoft and Oracle were named among the first cloud customers."),
        ("AMD launches MI400 accelerators with Oracle as a customer",
         "Oracle will deploy the chips next year."),
    ],
    "model-offering": [
        ("Anthropic's Claude comes to Oracle Cloud marketplace",
         "Oracle customers can buy access to the models through its cloud."),
    ],
    "customer-list": [
        ("AMD beats forecasts on GPU sales; Meta, OpenAI among customers ramping MI500",
         "AMD reported third-quarter results above expectations."),
        ("Oracle cloud sales surge; OpenAI and xAI among the customers renting its GPUs",
         "Oracle said cloud revenue rose by half in the quarter."),
    ],
}

STATUS_EXAMPLES = {
    "newsroom": [
        ("AMD to supply Mistral AI with Instinct GPUs", "AMD announced the agreement today.",
         {"outlet": "AMD Newsroom", "official_for": ("AMD",)}, Status.CONFIRMED),
    ],
    "denial": [
        ("Meta denies report it will rent Google TPUs",
         "A Meta spokesperson said the report was inaccurate.", {}, Status.DENIED),
        ("OpenAI says it is not in talks with Amazon over Trainium chips",
         "The company rejected the report.", {}, Status.DENIED),
    ],
    "headline-confirmation": [
        ("Oracle confirms $30 billion cloud contract with OpenAI",
         "The contract, first reported last week, covers data center capacity.", {},
         Status.CONFIRMED),
    ],
    "doubted": [
        ("xAI may buy Nvidia Blackwell GPUs worth billions",
         "The startup is weighing a purchase of the chips for its cluster.", {},
         Status.UNCONFIRMED),
        ("Meta signs $10 billion cloud contract with Google, report says",
         "Meta has signed a six-year deal to use Google servers and TPUs, according to a person "
         "familiar with the matter.", {}, Status.UNCONFIRMED),
        ("Microsoft in talks to rent Nebius GPU capacity",
         "Neither company commented.", {}, Status.UNCONFIRMED),
        # a deal stated as fact on the word of someone who is not a party
        ("Meta signs $10 billion cloud deal with Google",
         "Meta has agreed to a six-year contract with Google, people briefed on the matter told "
         "a newspaper.", {}, Status.UNCONFIRMED),
        ("Meta signs $10 billion cloud deal with Google",
         "Meta has agreed to a six-year contract with Google, a trade weekly wrote.", {},
         Status.UNCONFIRMED),
        ("Meta signs $10 billion cloud deal with Google",
         "Meta has agreed to a six-year contract with Google, a business channel has learned.",
         {}, Status.UNCONFIRMED),
        ("Meta signs $10 billion cloud deal with Google",
         "Meta has agreed to a six-year contract with Google, a leaked memo shows.", {},
         Status.UNCONFIRMED),
    ],
    "confirmed": [
        ("Microsoft strikes $9 billion deal with IREN for Nvidia chips",
         "Microsoft has signed a cloud services agreement with IREN for GPU capacity, the "
         "companies announced Monday, a regional site reports, citing a wire service.", {},
         Status.CONFIRMED),
        ("Qualcomm's 200MW Saudi AI bet shows its data center ambitions",
         "According to an aggregator, Qualcomm has announced an AI infrastructure deployment "
         "partnership with Humain in Saudi Arabia.", {}, Status.CONFIRMED),
        ("Kakao signs deal for Rebellions inference accelerators",
         "Kakao said it has signed a supply agreement with Rebellions.", {}, Status.CONFIRMED),
        # a party speaking by what it is, or named after the verb, is still the party
        ("Mistral orders 20,000 Nvidia chips for a new data center",
         "Mistral has agreed to buy the chips, the French start-up said on Monday.", {},
         Status.CONFIRMED),
        ("OpenAI and Oracle agree to add 2 gigawatts of Stargate capacity",
         "The agreement, confirmed by OpenAI on Monday, adds three sites in other states.", {},
         Status.CONFIRMED),
        # a modal in what the party is reported saying is the deal's plan, not a doubt on it
        ("Cohere to rent Trainium chips from Amazon, people familiar say",
         "An Amazon spokesperson confirmed the agreement, saying Cohere would deploy the chips "
         "next year.", {}, Status.CONFIRMED),
    ],
}


def test_every_gate_and_status_rule_has_examples() -> None:
    assert [gate.name for gate in relevance.GATES] == list(GATE_EXAMPLES)
    assert [rule.name for rule in status.RULES] == list(STATUS_EXAMPLES)


@pytest.mark.parametrize(("gate", "title", "text"), [
    (gate, title, text) for gate, examples in GATE_EXAMPLES.items() for title, text in examples])
def test_each_gate_keeps_its_look_alikes_out(judge: Judge, gate: str, title: str,
                                              text: str) -> None:
    verdict = judge(title, text)
    assert not verdict.relevant, verdict
    named = [reason.split(":")[0] for reason in verdict.reasons]
    assert gate in named or (gate == "unpaired" and not verdict.parties), verdict.reasons


@pytest.mark.parametrize(("rule", "title", "text", "options", "expected"), [
    (rule, *example) for rule, examples in STATUS_EXAMPLES.items() for example in examples])
def test_each_status_rule_decides_its_stories(judge: Judge, rule: str, title: str, text: str,
                                              options: dict[str, object],
                                              expected: Status) -> None:
    verdict = judge(title, text, **options)
    assert verdict.relevant, verdict.reasons
    assert verdict.status is expected, verdict
    assert any(f"({rule})" in reason for reason in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(("title", "text", "parties"), [
    # one side in the headline, the partner named in the lead
    ("Anthropic unveils a $50 billion US data center plan",
     "Anthropic is partnering with neocloud Fluidstack to build the sites.",
     ("Anthropic", "Fluidstack")),
    # an investment between a buyer and a compute supplier is the deal
    ("OpenAI invests $12 billion in CoreWeave for GPU capacity",
     "The five-year agreement also gives OpenAI equity.", ("CoreWeave", "OpenAI")),
    # a cloud's money in a lab comes back as spending on its compute, named or not
    ("Google invests another $2 billion in Anthropic",
     "The lab's backers now include two of the largest technology groups.",
     ("Anthropic", "Google")),
    # two sides acting together, with a figure
    ("Microsoft and OpenAI plan a $100 billion data center",
     "The project would house a supercomputer.", ("Microsoft", "OpenAI")),
    # ... or building it together
    ("SK Telecom, AWS to build AI data center in Ulsan",
     "The companies will put Nvidia GPUs in the 100MW site.", ("Amazon", "SK Telecom")),
    # a named facility stands for its owner
    ("Introducing Stargate Norway", "We are partnering with Nscale on local GPU capacity.",
     ("Nscale", "OpenAI")),
    # deal verbs beyond "deal": snaps up, stockpiles, ships, sources from, leases
    ("xAI snaps up 100,000 Nvidia GPUs for its Memphis cluster",
     "xAI has bought the chips, Nvidia said.", ("NVIDIA", "xAI")),
    ("Tencent stockpiles Nvidia H20 chips ahead of curbs, sources say",
     "Tencent has been buying the chips in bulk, people familiar said.", ("NVIDIA", "Tencent")),
    ("Nvidia ships 18,000 AI chips to Humain", "The GPUs will fill Humain's first data center.",
     ("Humain", "NVIDIA")),
    ("Baidu sources AI chips from Huawei for its cloud",
     "Baidu will buy Ascend accelerators, the company said.", ("Baidu", "Huawei")),
    # ... a verb every rule reads as the deal: its setting ("as curbs bite") is no off-topic news
    ("Tencent sources AI chips from Biren as export curbs bite",
     "Tencent is buying the accelerators for its cloud, a newspaper reported.",
     ("Biren", "Tencent")),
    # a second point after the deal (", may take stake") is not the headline's news
    ("Anthropic nears deal for Azure chips, may take stake",
     "Anthropic is close to renting Microsoft Azure capacity and could buy a stake, people "
     "familiar said.", ("Anthropic", "Microsoft")),
    # examples of the actors act, when the headline opens on no company of its own
    ("Chinese tech giants order $16 billion of new Nvidia chips",
     "Chinese companies including ByteDance and Tencent have placed orders for the H20 chips, "
     "a newspaper reported.", ("ByteDance", "NVIDIA", "Tencent")),
    # what a lab already uses is background: the new deal's side is the party
    ("Cohere lays out $5 billion plan for Canadian data centers",
     "Cohere already rents GPUs on Oracle's cloud. Now it is investing $5 billion in its own "
     "sites through a deal with neocloud Nscale.", ("Cohere", "Nscale")),
    # the rivals a deal is aimed at are no parties
    ("Cohere signs deal for 20,000 AMD chips to take on OpenAI, Anthropic and Google", "",
     ("AMD", "Cohere")),
    # "over" after talks says what they are about, not who lost out
    ("OpenAI held chipmaking talks over Intel's Arizona fab, sources say",
     "OpenAI executives have discussed making an accelerator on Intel's 18A process, two "
     "people familiar said.", ("Intel", "OpenAI")),
    # ... also when the headline opens on the chip, its maker's name before it as a brand
    ("Nvidia H20 orders from Chinese tech firms top $16 billion",
     "At least $16 billion of the chips were ordered by Chinese companies including ByteDance "
     "and Tencent, a newspaper reported.", ("ByteDance", "NVIDIA", "Tencent")),
    # the other side named in the lead with no deal word of its own: the headline's deal is it
    ("Gulf tech giants ordered $5 billion of new AMD chips",
     "The orders were the largest yet, a newspaper said. Humain and G42 accounted for most of "
     "the total in the first quarter.", ("AMD", "G42", "Humain")),
    # ... or named only by its facility, which the watch list maps to its owner
    ("Cerebras delivers a new AI supercomputer in a $100 million deal",
     "The machine, Condor Galaxy 2, has 64 nodes.", ("Cerebras", "G42")),
    # a partner listed with a word that places it ("UK-based Nscale") is listed all the same
    ("OpenAI and AMD announce a GPU partnership",
     "OpenAI, AMD, and Texas-based Crusoe have announced a partnership to build the cluster.",
     ("AMD", "Crusoe", "OpenAI")),
    # ... or one after a ticker ("AMD (NASDAQ: AMD) and Texas-based Crusoe")
    ("OpenAI and AMD announce a GPU partnership",
     "OpenAI, AMD (NASDAQ: AMD) and Texas-based Crusoe have announced a partnership to build "
     "the cluster.", ("AMD", "Crusoe", "OpenAI")),
    # ... as is one described by its trade ("British firm Nscale")
    ("OpenAI and AMD announce a GPU partnership",
     "OpenAI, AMD and British firm Nscale have announced a partnership to build the cluster.",
     ("AMD", "Nscale", "OpenAI")),
    ("OpenAI and AMD announce a GPU partnership",
     "OpenAI, AMD and the British company Nscale have announced a partnership to build the "
     "cluster.", ("AMD", "Nscale", "OpenAI")),
    # a carmaker that trains its models on its own clusters buys AI compute like a lab
    ("Tesla in talks with AMD to buy AI training chips, sources say",
     "Tesla is weighing AMD GPUs for its data-center cluster, two people familiar said.",
     ("AMD", "Tesla")),
    # a joint venture is a deal; the players in AI hardware beyond chipmakers are on the list
    ("Humain, AMD and Cisco form a joint venture for Saudi data centers",
     "The companies announced the venture on Tuesday.", ("AMD", "Cisco", "Humain")),
    ("Tencent rents Nvidia Blackwell chips through Japan's Datasection",
     "Datasection said it signed a contract to provide GPU capacity to Tencent.",
     ("Datasection", "Tencent")),
    # a cloud named by its own brand is compute ("to use Microsoft Azure")
    ("Anthropic reportedly nears deal to use Microsoft Azure",
     "Anthropic is close to agreeing the deal, a trade site reported.",
     ("Anthropic", "Microsoft")),
    # a company by a common byname ("the Claude maker", "Chipzilla")
    ("Claude maker signs deal for Chipzilla's Gaudi accelerators",
     "The lab will rent the chips in Intel's cloud.", ("Anthropic", "Intel")),
    # a backer named beside a party is no party
    ("Microsoft and Nvidia-backed Nscale sign a $20 billion GPU deal",
     "Nscale will deploy the GPUs for Azure.", ("Microsoft", "Nscale")),
])
def test_deal_news_in_the_words_real_outlets_use(judge: Judge, title: str, text: str,
                                                 parties: tuple[str, ...]) -> None:
    verdict = judge(title, text)
    assert verdict.relevant, verdict.reasons
    assert verdict.parties == parties


@pytest.mark.parametrize(("title", "text"), [
    ("OpenAI signs a cloud deal reportedly worth $10 billion with Oracle",
     "Oracle announced the agreement on Tuesday."),
    ("Google inks TPU contract with Anthropic, said to be valued at $20 billion",
     "Google confirmed the contract in a statement."),
])
def test_a_hedged_figure_is_no_hedged_deal(judge: Judge, title: str, text: str) -> None:
    assert judge(title, text).status is Status.CONFIRMED


@pytest.mark.parametrize(("title", "text"), [
    ("Amazon could sign a Trainium supply deal with OpenAI", "A deal is not certain."),
    ("Meta would use Google TPUs under a deal being discussed", "Talks continue."),
    ("Oracle might deploy AMD GPUs for OpenAI", "Oracle is said to be weighing it."),
    # what is expected, likely or set to happen has not happened
    ("Meta expected to sign Google TPU deal", "The contract could follow next week."),
    ("Microsoft set to sign $5 billion Nebius GPU deal", "Signing is planned for next week."),
])
def test_a_modal_verb_never_confirms(judge: Judge, title: str, text: str) -> None:
    verdict = judge(title, text)
    assert verdict.relevant and verdict.status is Status.UNCONFIRMED, verdict


def test_a_suppliers_customers_listed_as_examples_are_no_parties(judge: Judge) -> None:
    verdict = judge("Nvidia unveils a new rack architecture for AI factories",
                    "Cloud providers and AI companies including Microsoft, Oracle and OpenAI are "
                    "expected to deploy the racks next year.")
    assert not verdict.relevant, verdict.reasons


def test_a_vendor_named_with_a_deal_word_is_no_rival(judge: Judge) -> None:
    """"Sticks with Google TPUs, denies Nvidia deal report": Nvidia is the deal's other side,
    not the vendor passed over for Google's chips."""
    verdict = judge("Perplexity says it is sticking with Google TPUs, denies Nvidia deal report",
                    "Perplexity has denied a report that it agreed to move to Nvidia GPUs.")
    assert verdict.status is Status.DENIED, verdict
    assert "NVIDIA" in verdict.parties, verdict.parties


def _keys(triage: Triage, reports: list[tuple[str, str, int]]) -> list[str]:
    """Deal keys of (title, body, day) reports placed in order in one deal book."""
    book = DealBook()
    placed = []
    for number, (title, text, day) in enumerate(reports):
        story = make_story(title, text, published=WHEN + timedelta(days=day), ident=f"s{number}")
        verdict = triage.judge(story)
        assert verdict.relevant, verdict.reasons
        placed.append(book.place(verdict, story))
    return placed


def test_talks_that_end_in_a_deal_months_later_are_one_deal(triage: Triage) -> None:
    """Talks reported in spring and the contract signed in autumn are one deal's life; a second
    rumour that long after is a new rumour."""
    talks = ("Microsoft in talks to rent Oracle cloud capacity, people familiar say",
             "The talks are at an early stage.", 0)
    signed = ("Microsoft signs multiyear deal to rent Oracle cloud capacity",
              "Oracle announced the agreement on Tuesday.", 200)
    rumour = ("Microsoft in talks to rent more Oracle cloud capacity, sources say",
              "Neither company commented.", 200)
    first, second = _keys(triage, [talks, signed])
    assert first == second
    first, second = _keys(triage, [talks, rumour])
    assert first != second


@pytest.mark.parametrize(("title", "text"), [
    # a word of AI makes a cloud deal AI compute
    ("Swisscom and AWS sign cloud agreement for generative AI", "The telco will build AI "
     "services on Amazon's cloud."),
    # an AI lab's cloud deal is compute for its models, AI named or not
    ("OpenAI signs $20 billion cloud deal with Oracle", "The contract runs for five years."),
    # GPUs are compute whoever buys them
    ("Orange signs deal with Microsoft for Azure GPU capacity", "The telco will rent GPUs."),
])
def test_a_cloud_deal_with_ai_in_it_passes_the_it_cloud_gate(judge: Judge, title: str,
                                                             text: str) -> None:
    verdict = judge(title, text)
    assert verdict.relevant, verdict.reasons
