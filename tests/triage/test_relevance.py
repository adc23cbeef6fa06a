"""Relevance: deals between a buyer and a compute supplier are news; look-alikes are not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Verdict
from briefings.triage import Triage
from tests.triage.conftest import make_story

Judge = Callable[..., Verdict]


@pytest.mark.parametrize(("title", "text", "parties"), [
    ("xAI in talks to buy AMD Instinct chips for Colossus",
     "The talks are at an early stage, people familiar said.", ("AMD", "xAI")),
    ("Microsoft to rent GPU capacity from Nebius in multiyear contract",
     "Nebius will provide dedicated capacity from a new data center.", ("Microsoft", "Nebius")),
    ("OpenAI and Broadcom to co-develop custom AI accelerators",
     "The chips will be deployed in OpenAI data centers from next year.", ("Broadcom", "OpenAI")),
    ("SK hynix reportedly in talks to supply HBM4 for Microsoft's next Maia",
     "The memory maker is negotiating volumes, industry sources said.",
     ("Microsoft", "SK hynix")),
    ("SoftBank and OpenAI reportedly eye Arm chips for new data centers", "",
     ("Arm", "OpenAI")),
    ("Thinking Machines weighs renting Google TPUs for its next model",
     "The lab is weighing a large TPU commitment, according to a person briefed.",
     ("Google", "Thinking Machines Lab")),
    ("Perplexity confirms Groq deal to speed up answers",
     "Perplexity said the chips will cut response times for its search assistant.",
     ("Groq", "Perplexity")),
    ("Marvell CEO declines to confirm Microsoft custom chip talks", "", ("Marvell", "Microsoft")),
    ("Lambda books a major new customer",
     "Cohere agreed to rent Nvidia B300 chips from Lambda in a multiyear deal, Lambda said.",
     ("Cohere", "Lambda")),
    ("CoreWeave to offer Mistral AI dedicated Nvidia GB300 capacity in new deal",
     "The neocloud will host the chips in its Texas data center, the companies said.",
     ("CoreWeave", "Mistral AI")),
    ("Groq says it is not in talks with Amazon", "A spokesperson called the report inaccurate.",
     ("Amazon", "Groq")),
    ("Nvidia CEO says talks with Humain on chip supply are under way",
     "Nvidia's chief executive told reporters a deal could follow.", ("Humain", "NVIDIA")),
    ("Microsoft, Nvidia and Nscale strike deal for UK AI supercomputer",
     "Microsoft will rent the Nvidia GPUs in Nscale's new data center, the three said.",
     ("Microsoft", "Nscale", "NVIDIA")),
    ("Meta eyes Google TPUs in potential multibillion-dollar deal; Nvidia stock slips", "",
     ("Google", "Meta")),
    ("Lambda books a major new customer",
     "Lambda has grown fast this year. It opened two sites in Texas in the spring. On Monday "
     "it said Cohere had agreed to rent Nvidia B300 chips in a multiyear deal.",
     ("Cohere", "Lambda")),
    ("Anthropic and Broadcom discuss in-house chips, a person briefed says", "",
     ("Anthropic", "Broadcom")),
    # three sides beside a market word are a deal, not a round-up (analysis words make those)
    ("Oracle, OpenAI finalise Stargate expansion in Texas",
     "Oracle and OpenAI said they had agreed to add a 1 gigawatt campus to their compute "
     "agreement.", ("OpenAI", "Oracle")),
    ("Microsoft, OpenAI sign new GPU capacity contracts with CoreWeave; stock climbs",
     "CoreWeave will supply Nvidia GPU capacity to Microsoft and OpenAI under two new multiyear "
     "contracts, it said on Tuesday.", ("CoreWeave", "Microsoft", "OpenAI")),
    # a supplier naming its customer is no hire
    ("Nebius names Mistral AI as new anchor customer on earnings call",
     "Nebius said Mistral AI signed a multiyear contract for a dedicated GB300 cluster.",
     ("Mistral AI", "Nebius")),
    # a chip vendor supplies chips, whether or not the story names them
    ("Cerebras says 'no decision yet' on OpenAI supply report",
     "Cerebras said it is in talks with several labs but nothing has been decided.",
     ("Cerebras", "OpenAI")),
    ("Cambricon signs procurement contract with ByteDance worth 5 billion yuan",
     "Cambricon said it will deliver computing cards to ByteDance before the end of the year.",
     ("ByteDance", "Cambricon")),
    # a headline naming no side, over a lead that names both
    ("Chipmaker lands $4 billion order from AI lab, people familiar say",
     "Mistral AI has agreed to buy Cerebras systems worth $4 billion, the people said.",
     ("Cerebras", "Mistral AI")),
    # a consortium whose name ends in "Corp." is one subject, not a round-up
    ("KDDI, SoftBank Corp. and Sakura Internet sign agreement with Nvidia for GPU cloud",
     "The three will deploy Nvidia Blackwell GPUs in a shared AI cloud.",
     ("KDDI", "NVIDIA", "Sakura Internet", "SoftBank Corp")),
    # an Indian tender's own verb
    ("IndiaAI Mission empanels Yotta in third GPU round",
     "IndiaAI Mission will rent 8,000 GPUs from Yotta under the tender.",
     ("IndiaAI Mission", "Yotta")),
    # a market site's share move, the lead giving a deal as its cause
    ("Why Applied Digital Stock Soared Today",
     "Shares of Applied Digital rose 12% after it signed a 15-year lease with Anthropic for "
     "200 megawatts of AI capacity.", ("Anthropic", "Applied Digital")),
    # an explainer weighing one announced deal carries its news
    ("Why Meta's Nebius deal matters: 5 things investors should know",
     "Here is what the newly announced Meta and Nebius GPU agreement means for neoclouds.",
     ("Meta", "Nebius")),
    # a question over a lead that reports the deal
    ("Is Poolside about to sign a big CoreWeave contract?",
     "Poolside is in advanced talks to rent GPUs from CoreWeave, people familiar said.",
     ("CoreWeave", "Poolside")),
    # a headline pairing both sides over a lead that denies the reported contract
    ("Anthropic statement on Tenstorrent reports",
     "\"We have no agreement with Tenstorrent and are not in negotiations,\" a spokesperson said.",
     ("Anthropic", "Tenstorrent")),
    # an explainer of a pact named by its two sides, the lead saying it was signed
    ("xAI-Nscale Norway pact: what we know",
     "Musk said xAI signed for Nscale's new Norwegian GPU halls.", ("Nscale", "xAI")),
    # a tender awarded is a deal
    ("IndiaAI Mission set to award 20,000-GPU tender to Yotta: sources",
     "Yotta is expected to win the largest share of the GPU tender, people familiar said.",
     ("IndiaAI Mission", "Yotta")),
    # disputing the price is no dispute of the deal
    ("Microsoft disputes $20 billion figure but confirms Crusoe capacity contract",
     "Microsoft confirmed it will rent GPU capacity at Crusoe's Texas campus.",
     ("Crusoe", "Microsoft")),
    # a chief executive joining another to unveil a deal is no people news
    ("Nvidia CEO Jensen Huang joins Altman to unveil Stargate UK with Nscale",
     "OpenAI, Nvidia and Nscale announced Stargate UK, a GPU partnership.",
     ("Nscale", "NVIDIA", "OpenAI")),
    # hosting a named product on a cloud is compute for its maker
    ("Microsoft to host ChatGPT on Azure under expanded OpenAI deal",
     "Microsoft said the agreement keeps OpenAI's models on Azure GPU capacity.",
     ("Microsoft", "OpenAI")),
    # the one passed over is no party
    ("SK Telecom picks Rebellions NPUs over Nvidia for its Ulsan AI center",
     "SK Telecom signed a contract to buy Rebellions accelerators, it said in a filing.",
     ("Rebellions", "SK Telecom")),
    # building with a named partner is a partnership
    ("Humain to build its own AI chip with US firm Marvell",
     "The accelerator, designed with Marvell, will be deployed from 2031.", ("Humain", "Marvell")),
    # one side answering reports, the lead naming the deal
    ("Hut 8 comments on recent media speculation",
     "Hut 8 said it is not in discussions with Anthropic about its Louisiana AI campus.",
     ("Anthropic", "Hut 8")),
])
def test_deals_are_relevant(judge: Judge, title: str, text: str,
                            parties: tuple[str, ...]) -> None:
    verdict = judge(title, text)
    assert verdict.relevant
    assert verdict.parties == parties


@pytest.mark.parametrize(("title", "text"), [
    ("Nvidia unveils Rubin Ultra roadmap at developer conference",
     "The company showed its next accelerators and said shipments start next year."),
    ("AMD beats revenue estimates on strong data center GPU demand",
     "Quarterly revenue rose as customers including Microsoft and Meta bought Instinct chips."),
    ("OpenAI releases a new reasoning model for ChatGPT users",
     "The model is available today in ChatGPT and the API."),
    ("Anthropic signs content licensing deal with news publishers",
     "Publishers will be paid for articles used to answer questions."),
    ("US tightens export rules on Nvidia H20 chips to China",
     "Regulators said the new licence rule takes effect next month."),
    ("Intel names new chief executive as turnaround continues",
     "The former board member will lead the chipmaker from next month."),
    ("Groq raises $750 million in new funding round",
     "The AI chip startup's valuation doubled, investors said."),
    ("Microsoft signs 20-year nuclear power deal for its data centers",
     "The utility will restart a reactor to supply electricity."),
    ("Nvidia to invest $5 billion in Intel and co-develop PC chips",
     "The chipmakers will jointly build processors for laptops."),
    ("Judge rejects Arm's request for a new trial against Qualcomm",
     "The licensing dispute between the chip designers continues."),
    ("Is the GPU boom a bubble? What Microsoft, Google and Nvidia tell us",
     "An analysis of spending on AI data centers and chips."),
    ("MLPerf results: Nvidia wins again as Google and AMD gain on training runs",
     "Google entered TPU results and AMD posted its first MI500 numbers."),
    ("Amazon's Trainium3 beats Nvidia H100 in new benchmark",
     "The chip posted higher throughput per dollar in tests run by outside engineers."),
    ("Anthropic launches a new Claude model, trained on Google TPUs",
     "The model is available today to all users."),
    ("US weighs curbs on Nvidia chip sales to Saudi Arabia's Humain",
     "Officials are reviewing licences for the planned data centers."),
    ("AWS unveils Trainium4, says Anthropic will be among its first users",
     "The chip doubles performance per watt, Amazon said."),
    ("AMD previews MI500 accelerators; Oracle and Meta lined up as early customers", ""),
    ("Oracle and Mistral expand partnership to offer Mistral models on OCI",
     "Oracle customers can call the models through its cloud."),
    # policy: incentives, and orders to stop buying
    ("Chile offers tax breaks for AI data centers; Microsoft and Oracle weigh bids",
     "The government will cut import duties on GPU servers."),
    ("Beijing tells Tencent and Baidu to stop buying Nvidia H20 chips",
     "Regulators issued the guidance this week."),
    # round-ups and interviews: many companies beside an analysis or digest word
    ("The week in AI chips: OpenAI's AMD deal, Meta's TPU talks and Oracle's backlog",
     "Our weekly digest of compute deals."),
    ("Jensen Huang on OpenAI, xAI and why Meta keeps buying Blackwell GPUs",
     "Nvidia's chief executive talked about demand from AI labs."),
    ("Tracking Nvidia's deals with Microsoft, Oracle and CoreWeave, by the numbers",
     "We tally the GPU supply agreements announced so far."),
    # an analysis or explainer headline reports nothing new of its own
    ("Inside Anthropic's hunt for more compute from Google and Amazon",
     "A look at how the lab buys chips and capacity from its two big backers."),
    ("Why Meta's Google TPU contract matters for everyone else",
     "The agreement makes TPUs a real option for other buyers of AI compute."),
    ("The chip pact that could reshape AI: what Meta's AMD deal means for Nvidia",
     "Meta's agreement with AMD shows hyperscalers want a second source of GPUs."),
    ("Altman says OpenAI will need chips from Nvidia, AMD, Broadcom and Cerebras",
     "OpenAI's chief executive said no single supplier could meet its demand for compute."),
    # a headline pairing two companies over something else, with deal and compute words only
    # in passing in the body
    ("Microsoft to file brief supporting Apple",
     "Microsoft backs Apple in its fight with the government over encryption. The company will "
     "file a brief next week, its president said at a hearing to discuss rules for cloud "
     "services."),
    # a hire, a bond sale, software agents, models distributed by a cloud
    ("AMD poaches Google TPU veteran to run its custom silicon unit",
     "The engineer led work on Google's inference chips for six years."),
    ("CoreWeave prices $2 billion of senior notes to fund GPU purchases",
     "CoreWeave said it will use the proceeds to buy Nvidia GPUs for its data centers."),
    ("Mistral AI and Orange sign agent deal for 20 million customers",
     "Orange will deploy Mistral AI's models as customer-service agents on its existing cloud."),
    ("Cohere and Oracle expand partnership to bring Command models to OCI",
     "The agreement covers model distribution and does not include new compute commitments."),
    ("Google's TPU hardware chief departs for OpenAI",
     "The executive will lead OpenAI's chip effort, according to a memo."),
    ("3 AI infrastructure stocks to buy before 2030",
     "CoreWeave, Nebius and Nvidia all rent or sell GPUs to the labs."),
    ("AWS's longtime compute chief jumps to Anthropic to run infrastructure",
     "The executive built Amazon's Trainium clusters, the companies confirmed."),
    ("Big hire: Google's TPU lead is leaving to run OpenAI's in-house chip team",
     "The engineer designed three generations of TPUs."),
    ("Cerebras WSE-4 unveiled: a million cores on one wafer, plus Condor Galaxy 4",  # passive
     "Cerebras introduced its fourth wafer-scale engine, a chip built to run AI workloads."),
    ("Microsoft's longtime Maia hardware boss is leaving for OpenAI",
     "One of the engineers behind Microsoft's AI chips will run silicon work at the lab, "
     "which is working with Broadcom on its own accelerator. Microsoft confirmed the move."),
    ("Nscale signs 15-year power deal with Statkraft for its Norwegian campus",
     "The hydropower will feed the GPU data center; no chip or customer terms were disclosed."),
    ("Claude lands on Oracle's OCI Generative AI service",
     "Oracle customers can now call Claude models from the service."),
    ("Veltro Bank completes move of its core banking platform to Microsoft Azure",
     "The lender closed its last two on-premise data centres."),
    ("Nscale signs 600MW hydropower deal with Statkraft for its Narvik campus",
     "The power will feed the GPU halls Nscale is building for Anthropic."),
    ("Apple picks Broadcom for Wi-Fi 8 chip in 2030 iPhones, report says",
     "The modem and wireless chips ship in the phones, an analyst said."),
    ("Anthropic and Telefonica sign deal to bring Claude to business customers",
     "Telefonica will resell Claude subscriptions to companies in Spain."),
    ("Could AMD win Meta's next big GPU order?",  # a guess the lead does not answer
     "An analyst says AMD is well positioned but there is no evidence of negotiations."),
    ("Nvidia says supply constraints will limit Microsoft orders",  # the market, not a deal
     "The chipmaker's finance chief said on the call that supply will stay tight."),
    ("AMD supply chain: who makes the parts for OpenAI's chips",
     "A look at the suppliers behind the accelerators."),
    ("Veltro Cloud joins NVIDIA Partner Network as Elite Cloud Partner",
     "Veltro Cloud said it achieved Elite status for its GPU cloud services."),
    ("OpenAI taps former Broadcom executive to lead its custom silicon push",
     "The executive ran Broadcom's custom accelerator unit, the company said."),
    ("SoftBank Corp secures renewable power for its AI data centre",
     "SoftBank Corp signed a 20-year power purchase agreement with a utility."),
    ("Why Nvidia Stock Is Rising Today",  # the market's guess is no deal
     "Shares rose after analysts said investors bet on more GPU orders from the labs."),
    ("Weekly: three compute deals worth a look",  # a digest of many deals, naming no side
     "Meta signed with Google for TPUs; Microsoft with Nebius; OpenAI with Cerebras."),
])
def test_look_alikes_are_not_relevant(judge: Judge, title: str, text: str) -> None:
    assert not judge(title, text).relevant


def test_a_newsroom_launching_its_next_chip_is_not_deal_news(judge: Judge) -> None:
    verdict = judge("AWS unveils Trainium4, says Anthropic will be among its first users",
                    "The accelerator doubles performance per watt; customers get early access "
                    "next year.", outlet="AWS News Blog",
                    official_for=("Amazon",))
    assert not verdict.relevant


def test_unrelated_story_scores_zero(judge: Judge) -> None:
    verdict = judge("City council approves new bike lanes", "Work begins in the spring.")
    assert (verdict.relevant, verdict.score, verdict.parties) == (False, 0.0, ())


def test_values_capacity_and_use(judge: Judge) -> None:
    verdict = judge("Anthropic signs $30 billion Azure compute deal with Microsoft",
                    "The agreement covers up to 1 gigawatt of capacity for training and "
                    "inference.")
    assert (verdict.value, verdict.capacity, verdict.use.value) == (
        "$30 billion", "1 gigawatt", "both")


def test_subject_names_the_chips(judge: Judge) -> None:
    verdict = judge("Anthropic reportedly weighs Microsoft's Maia chips for Claude inference")
    assert verdict.chips == ("Maia",)
    assert verdict.subject == "Maia chips for inference"


def test_a_deal_mentioned_in_passing_is_not_the_main_news(judge: Judge) -> None:
    verdict = judge("Amazon's cloud unit posts its fastest growth in three years",
                    "AWS revenue rose as demand for AI compute climbed, and Anthropic remained a "
                    "key customer of its Trainium chips.")
    assert not verdict.relevant


def test_model_numbers_are_not_capacity(judge: Judge) -> None:
    verdict = judge("Meta signs deal for AMD Instinct MI450 accelerators",
                    "Meta will deploy Maia 200 accelerators too, then 50,000 AMD MI450 GPUs.")
    assert verdict.capacity == "50,000 AMD MI450 GPUs"


def test_a_stock_that_moved_on_the_news_is_not_a_party(judge: Judge) -> None:
    verdict = judge("Nvidia stock falls after report Meta may rent Google TPUs",
                    "Meta is in talks to spend billions on TPUs, a report said.")
    assert verdict.parties == ("Google", "Meta")


def test_the_stock_can_be_a_party_when_no_one_else_is(judge: Judge) -> None:
    verdict = judge("Oracle shares rise on report it is negotiating a Meta cloud contract",
                    "Oracle is in talks to supply Meta with AI computing capacity, people said.")
    assert verdict.parties == ("Meta", "Oracle")


@pytest.mark.parametrize(("title", "text", "parties"), [
    ("Tencent orders Huawei Ascend chips as chip export curbs tighten",
     "The internet group placed the order for its data centers, two people said.",
     ("Huawei", "Tencent")),
    ("Meta signs Google TPU deal amid antitrust scrutiny of both firms",
     "Meta will rent the chips for its AI training, the companies said.", ("Google", "Meta")),
    ("Lambda confirms Cohere GPU contract but disputes the reported size",
     "Lambda said it will supply Nvidia GPU capacity to Cohere over three years.",
     ("Cohere", "Lambda")),
])
def test_off_topic_news_in_a_setting_clause_does_not_hide_the_deal(
        judge: Judge, title: str, text: str, parties: tuple[str, ...]) -> None:
    verdict = judge(title, text)
    assert verdict.relevant
    assert verdict.parties == parties


@pytest.mark.parametrize(("title", "text"), [
    # the off-topic news comes first, or there is no deal: still off-topic
    ("Meta sues Google over TPU supply contract as talks collapse",
     "The lawsuit says Google broke the chip rental deal."),
    ("Nvidia named as supplier in OpenAI chip lawsuit",
     "The court filing says OpenAI bought GPUs from Nvidia."),
    ("Export curbs bite as Tencent scrambles for Huawei chips",
     "The new rules limit the chips Tencent can buy."),
])
def test_off_topic_news_before_the_deal_still_caps(judge: Judge, title: str, text: str) -> None:
    assert not judge(title, text).relevant


@pytest.mark.parametrize(("title", "text", "parties"), [
    ("Lambda books Cohere as a customer, stock exchange filing shows",
     "Lambda, which raised new funding in May, will supply Nvidia GPU capacity to the Canadian "
     "lab for three years, the filing said.", ("Cohere", "Lambda")),
    ("Nebius lands Mistral compute order; stock and valuation soar",
     "Nebius, fresh from a debt sale, will host GPU capacity for the French lab's training.",
     ("Mistral AI", "Nebius")),
])
def test_exclusions_outside_the_main_clause_do_not_count(
        judge: Judge, title: str, text: str, parties: tuple[str, ...]) -> None:
    verdict = judge(title, text)
    assert verdict.relevant
    assert verdict.parties == parties


@pytest.mark.parametrize(("title", "text", "parties"), [
    ("Meta weighs stake in Groq ahead of the chip startup's listing",
     "Meta is considering an investment in the company, people familiar with the talks said.",
     ("Groq", "Meta")),
    ("Microsoft takes a $2 billion stake in chipmaker Cerebras",
     "The software company bought preferred shares in the wafer-scale chip maker last month, "
     "a filing shows.", ("Cerebras", "Microsoft")),
])
def test_a_buyers_stake_in_a_compute_supplier_is_a_deal(
        judge: Judge, title: str, text: str, parties: tuple[str, ...]) -> None:
    verdict = judge(title, text)
    assert verdict.relevant
    assert verdict.parties == parties


@pytest.mark.parametrize(("title", "text"), [
    # a supplier's stake in an AI lab, or a cloud's in a lab, is funding
    ("Nvidia takes stake in xAI as the lab raises new funding",
     "The chipmaker joined the round alongside other investors."),
    ("Microsoft to hold a larger stake in OpenAI after restructuring",
     "The new agreement changes how the two companies share revenue."),
])
def test_a_stake_in_an_ai_lab_stays_funding(judge: Judge, title: str, text: str) -> None:
    assert not judge(title, text).relevant


def test_exclusions_in_the_setting_of_the_deal_do_not_count(judge: Judge) -> None:
    verdict = judge("Microsoft to invest $1 billion in Groq as the startup raises fresh cash",
                    "Microsoft will join Groq's new funding round, the companies said, alongside "
                    "a deal to rent its inference chips.")
    assert verdict.relevant
    assert verdict.parties == ("Groq", "Microsoft")


@pytest.mark.parametrize(("title", "text", "relevant"), [
    # a neocloud sells nothing but compute: its contract with a buyer is a compute deal
    ("OpenAI invests $6 billion in CoreWeave",
     "OpenAI signed a four-year contract with CoreWeave and will take a stake.", True),
    ("Meta inks $2 billion deal with Nebius", "The agreement runs for five years.", True),
    # a chipmaker's money in a neocloud buys no compute, and no contract is no deal
    ("Nvidia invests $1 billion in CoreWeave", "Nvidia joined the funding round.", False),
    ("OpenAI and CoreWeave executives share a stage in Austin",
     "They spoke about the future of AI.", False),
])
def test_a_neoclouds_contract_is_for_compute(judge: Judge, title: str, text: str,
                                             relevant: bool) -> None:
    assert judge(title, text).relevant is relevant


@pytest.mark.parametrize(("title", "text", "relevant"), [
    # sides that open the lead announcing one thing together have made a deal
    ("Introducing Stargate Norway", "OpenAI, Nvidia and Nscale today announced Stargate Norway, "
     "an AI data center near Narvik.", True),
    ("Condor Galaxy 3 unveiled", "G42 and Cerebras on Monday unveiled the third supercomputer of "
     "their network.", True),
    # one side announcing, or sides only listed later in the sentence, is not a joint subject
    ("Introducing Stargate Norway", "OpenAI today announced a site it will pick partners for, "
     "naming Nvidia as one possible supplier.", False),
    ("A new AI platform", "Analysts said OpenAI, Nvidia and Nscale announced nothing new.", False),
])
def test_sides_announcing_together_in_the_lead_report_a_deal(rules_only: Triage, title: str,
                                                            text: str, relevant: bool) -> None:
    """The rules' own call: the word model reads the third story (a site, "naming Nvidia as one
    possible supplier") as an unconfirmed deal, and may add it."""
    assert rules_only.judge(make_story(title, text)).relevant is relevant


@pytest.mark.parametrize(("title", "text"), [
    ("xAI secures Nvidia GPUs via Dell and Super Micro servers",
     "Dell said it is building the Blackwell servers for the startup's new cluster."),
    ("OpenAI, Oracle, SoftBank and Nvidia sign deal for five new AI data centers",
     "The partners said the sites add seven gigawatts of capacity."),
])
def test_a_deal_naming_many_sides_as_its_subject_is_no_round_up(judge: Judge, title: str,
                                                                text: str) -> None:
    verdict = judge(title, text)
    assert verdict.relevant, verdict.reasons


@pytest.mark.parametrize(("title", "text", "relevant"), [
    # building compute with a named company is a partnership, no deal word needed
    ("Anthropic unveils $50 billion US data center plan",
     "The lab said it will build sites in Texas and New York with Fluidstack.", True),
    ("OpenAI details $20 billion data center campus in Abilene",
     "OpenAI is developing the site alongside Crusoe, it said on Monday.", True),
    # "with" naming no company, or a company outside the build's clause, names no partner
    ("Anthropic unveils $50 billion US data center plan",
     "The lab said it will build sites with its own money. Fluidstack shares rose.", False),
])
def test_building_with_a_company_names_a_partner(judge: Judge, title: str, text: str,
                                                 relevant: bool) -> None:
    assert judge(title, text).relevant is relevant
