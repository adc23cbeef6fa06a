"""Fresh deal headlines in many outlets' styles (wire, trade press, press release, non-native
rewrites): neocloud deals, denials of a reported contract, rivals named in passing, "SK" for
SK hynix. Written for the generality pass in our own words; none comes from the devset."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Verdict

Judge = Callable[..., Verdict]


DEALS = [
    ("CoreWeave to roll out NVIDIA GB300 NVL72 racks across its fleet",
     "NVIDIA and CoreWeave today announced a broader agreement under which CoreWeave will "
     "install NVIDIA GB300 systems in several new data centers.",
     "NVIDIA Newsroom", ('NVIDIA',), "confirmed", ('CoreWeave', 'NVIDIA')),
    ("CoreWeave to roll out NVIDIA GB300 NVL72 racks across its fleet",
     "NVIDIA and CoreWeave today announced a broader agreement under which CoreWeave will "
     "install NVIDIA GB300 systems in several new data centers.",
     "Example Wire", (), "confirmed", ('CoreWeave', 'NVIDIA')),
    ("Nebius signs multiyear supply agreement with Nvidia for Blackwell Ultra",
     "The neocloud said the chips will go into its Finnish and US sites.",
     "Example Wire", (), "confirmed", ('Nebius', 'NVIDIA')),
    ("Lambda expands agreement with NVIDIA to add tens of thousands of GPUs",
     "Lambda said on Tuesday it had expanded its agreement with NVIDIA.",
     "Example Wire", (), "confirmed", ('Lambda', 'NVIDIA')),
    ("Crusoe and AMD announce deal for MI355X clusters",
     "Crusoe will deploy AMD Instinct MI355X GPUs in its Abilene campus, the companies said.",
     "Example Wire", (), "confirmed", ('AMD', 'Crusoe')),
    ("OpenAI, Oracle deny report of $300 billion contract",
     "Both companies said the report was inaccurate.",
     "Example Wire", (), "denied", ('OpenAI', 'Oracle')),
    ("Anthropic and Google deny report of new multibillion-dollar agreement",
     "A spokesperson called the story false.",
     "Example Wire", (), "denied", ('Anthropic', 'Google')),
    ("Samsung, SK sign memory supply letters of intent with OpenAI",
     "SK's memory unit will supply HBM for the Stargate project, the companies said.",
     "Example Wire", (), "confirmed", ('OpenAI', 'Samsung', 'SK hynix')),
    ("OpenAI taps SK for HBM supply",
     "SK's chip unit will ship high-bandwidth memory to the ChatGPT maker, the company said.",
     "Example Wire", (), "confirmed", ('OpenAI', 'SK hynix')),
    ("Fluidstack inks multiyear pact with Nvidia for GB300 capacity in France",
     "PARIS, March 3 (Reuters) - Fluidstack has signed a multiyear agreement with Nvidia "
     "to deploy GB300 systems at a new campus near Paris, the companies said on Tuesday.",
     "Example Wire", (), "confirmed", ('Fluidstack', 'NVIDIA')),
    ("Nscale Announces Strategic Collaboration With AMD To Build Instinct MI450 Cluster",
     "LONDON--(BUSINESS WIRE)--Nscale today announced a strategic collaboration with AMD "
     "under which Nscale will deploy AMD Instinct MI450 GPUs across its Norwegian data "
     "centers.",
     "Example Wire", (), "confirmed", ('AMD', 'Nscale')),
    ("IREN lands GPU deal with Microsoft worth $9.7 billion",
     "The bitcoin miner turned AI cloud will supply Microsoft with access to Nvidia GB300 "
     "capacity over five years, IREN said in a filing.",
     "Example Wire", (), "confirmed", ('IREN', 'Microsoft')),
    ("CoreWeave said to be negotiating Rubin allocation with Nvidia",
     "The neocloud is in discussions with Nvidia about early access to Vera Rubin systems, "
     "people familiar with the matter said. Neither company commented.",
     "Example Wire", (), "unconfirmed", ('CoreWeave', 'NVIDIA')),
    ("Meta and Oracle deny report of $20 billion cloud contract",
     "Both companies told reporters the story was not accurate.",
     "Example Wire", (), "denied", ('Meta', 'Oracle')),
    ("xAI, Oracle reject report of stalled contract",
     "Oracle called the report false.",
     "Example Wire", (), "denied", ('Oracle', 'xAI')),
    ("OpenAI signs $38 billion deal with AWS to run its models",
     "OpenAI will get access to hundreds of thousands of Nvidia GPUs on AWS, the companies said.",
     "Example Wire", (), "confirmed", ('Amazon', 'OpenAI')),
    ("SK's chip unit said to be in HBM4 talks with Google for next TPU",
     "SK's memory arm is negotiating volumes with Google, according to people briefed on "
     "the discussions.",
     "Example Wire", (), "unconfirmed", ('Google', 'SK hynix')),
    ("OpenAI eyes Google TPUs in bid to reduce dependence on Nvidia",
     "OpenAI is testing Google's chips, according to a report.",
     "Example Wire", (), "unconfirmed", ('Google', 'OpenAI')),
    ("Anthropic picks AWS Trainium over Nvidia for Project Rainier expansion",
     "Amazon said Anthropic will use one million Trainium2 chips.",
     "Example Wire", (), "confirmed", ('Amazon', 'Anthropic')),
    ("Report: Meta mulling AMD MI450 instead of Nvidia Rubin for 2027 build",
     "Meta has been evaluating AMD's roadmap, The Information reported, citing two people.",
     "Example Wire", (), "unconfirmed", ('AMD', 'Meta')),
    ("Cohere, CoreWeave and Nvidia team up on Canadian sovereign AI compute",
     "Cohere will train its models on CoreWeave's Nvidia clusters under a deal announced "
     "on Monday.",
     "Example Wire", (), "confirmed", ('Cohere', 'CoreWeave')),
    ("Microsoft seal deal with Nebius for GPU capacity, company confirm",
     "According to the statement of company, Nebius will give Microsoft dedicated capacity "
     "from its New Jersey data center. Value of deal is up to 17.4 billion dollars.",
     "Example Wire", (), "confirmed", ('Microsoft', 'Nebius')),
    ("xAI reportedly in discussion for buy chips from AMD, sources tell",
     "Xai is talking with AMD for Instinct accelerators, two sources told to the media. "
     "Company did not give comment.",
     "Example Wire", (), "unconfirmed", ('AMD', 'xAI')),
    ("Groq, Humain Expand Partnership With New Inference Cluster in Dammam",
     "Humain and Groq said on Wednesday they will bring another 100 megawatts of LPU "
     "capacity online.",
     "Example Wire", (), "confirmed", ('Groq', 'Humain')),
    ("Lambda strikes multibillion-dollar deal with Microsoft for Nvidia-powered AI infrastructure",
     "Lambda will deploy tens of thousands of Nvidia GPUs for Microsoft, it said.",
     "Example Wire", (), "confirmed", ('Lambda', 'Microsoft')),
    ("Nvidia Blackwell chips to power OpenAI's Stargate Norway",
     "Nscale and Aker will host 100,000 Nvidia GPUs for OpenAI in Narvik, the companies announced.",
     "Example Wire", (), "confirmed", ('OpenAI',)),
    ("Meta in talks to use Google TPUs, a blow to Nvidia",
     "",
     "Example Wire", (), "unconfirmed", ('Google', 'Meta')),
    # companies beyond the first watch list: Korean and Japanese labs and clouds, chip startups
    ("Naver Cloud agrees to buy 20,000 Nvidia GPUs for Korea's AI push",
     "Naver said the chips will go into its Sejong data center.",
     "Example Wire", (), "confirmed", ('Naver', 'NVIDIA')),
    ("Perplexity to run answers on Positron inference chips",
     "Perplexity said the startup's hardware cut its serving costs.",
     "Example Wire", (), "confirmed", ('Perplexity', 'Positron')),
    ("Sakana AI weighs Rebellions accelerators for its Tokyo cluster, sources say", "",
     "Example Wire", (), "unconfirmed", ('Rebellions', 'Sakana AI')),
    ("Lambda reportedly lands Microsoft GPU order: what it means for CoreWeave stock",
     "Microsoft has ordered more Nvidia capacity from Lambda, a report said.",
     "Example Wire", (), "unconfirmed", ('Lambda', 'Microsoft')),
    ("Moonshot AI turns to Huawei Ascend chips for its next model, sources say", "",
     "Example Wire", (), "unconfirmed", ('Huawei', 'Moonshot AI')),
    ("Groq moves to shoot down talk of an OpenAI megadeal",
     "Groq is not in negotiations with OpenAI for its LPUs, a spokesperson said.",
     "Example Wire", (), "denied", ('Groq', 'OpenAI')),
    ("Statement on recent media reports",
     "Lambda is aware of reports that it is close to a new agreement with OpenAI. These reports "
     "are inaccurate. Lambda is not in negotiations for such a contract.",
     "Lambda Newsroom", ("Lambda",), "denied", ('Lambda', 'OpenAI')),
    ("Kakao signs deal for Rebellions inference accelerators",
     "Kakao said it has signed a supply agreement with Rebellions for its data centers. The "
     "deal follows a year of testing. Financial terms were not disclosed.",
     "Example Wire", (), "confirmed", ('Kakao', 'Rebellions')),
    ("Bell Canada to supply Cohere with sovereign AI compute",
     "Bell said the Nvidia GPU capacity would be hosted in Quebec, the companies said.",
     "Example Wire", (), "confirmed", ('Bell Canada', 'Cohere')),
    ("Meta in talks to use Google's chips in challenge to Nvidia",
     "Meta is discussing spending billions on Google's AI chips, a report said.",
     "Example Wire", (), "unconfirmed", ('Google', 'Meta')),
    ("Meta weighs Google TPUs instead of Nvidia for 2027 data centers",
     "",
     "Example Wire", (), "unconfirmed", ('Google', 'Meta')),
    ("Anthropic, Nvidia rival AMD near deal for MI450 chips",
     "",
     "Example Wire", (), "unconfirmed", ('AMD', 'Anthropic')),
    ("CoreWeave signs $6.3 billion capacity agreement with Nvidia",
     "Nvidia will buy any unused cloud capacity through 2032, CoreWeave said in a filing.",
     "Example Wire", (), "confirmed", ("CoreWeave", "NVIDIA")),
    ("Dell to supply Nvidia GB300 servers to CoreWeave",
     "Dell said it shipped the first racks on Tuesday.",
     "Example Wire", (), "confirmed", ("CoreWeave", "Dell")),
    ("Nvidia ships first GB300 racks to Microsoft under supply deal",
     "Microsoft confirmed the delivery.",
     "Example Wire", (), "confirmed", ('Microsoft', 'NVIDIA')),
    ("OpenAI turns to AMD MI450 as Nvidia supply tightens",
     "OpenAI has agreed to buy AMD chips for a new data center, the companies said.",
     "Example Wire", (), "confirmed", ('AMD', 'OpenAI')),
    ("Nvidia Blackwell GPUs now available on Oracle Cloud for OpenAI",
     "Oracle said OpenAI will rent the capacity for training.",
     "Example Wire", (), "confirmed", ('OpenAI', 'Oracle')),
    ("Exclusive: Anthropic in talks with Fluidstack and Google over new TPU campus",
     "The lab is negotiating a deal, two people familiar with the matter said.",
     "Example Wire", (), "unconfirmed", ('Anthropic', 'Google')),
    ("Humain taps Qualcomm AI200 racks for Riyadh inference, per sources",
     "Humain is set to deploy the chips, according to people familiar with the plan; "
     "neither company commented.",
     "Example Wire", (), "unconfirmed", ('Humain', 'Qualcomm')),
    ("Google Cloud says it will supply TPUs to Meta in multibillion-dollar deal",
     "Google Cloud confirmed the agreement in a statement on Friday.",
     "Example Wire", (), "confirmed", ('Google', 'Meta')),
    ("Breaking: Amazon deny it is in talk with OpenAI about Trainium",
     "Amazon spokesman said there is no such discussions.",
     "Example Wire", (), "denied", ('Amazon', 'OpenAI')),
    # a speech verb reporting a negative denies a contract that never says what it is for
    ("Cerebras says no new contract with Meta; stock slides",
     "Cerebras said in a statement it has not signed a new sales agreement with Meta and that "
     "reports of a large order were untrue.",
     "Example Wire", (), "denied", ('Cerebras', 'Meta')),
    ("Groq says it has not signed a supply deal with Mistral",
     "The startup told reporters the agreement described in a newspaper was false.",
     "Example Wire", (), "denied", ('Groq', 'Mistral AI')),
    # training or serving on a supplier's named chips or clusters is using them
    ("Mistral to train its next model on Google TPUs, sources say",
     "The Paris lab plans to do most of the work on the chips from next year, people familiar "
     "with the plan said.",
     "Example Wire", (), "unconfirmed", ('Google', 'Mistral AI')),
    ("Reflection AI reportedly trains frontier model on Nvidia Blackwell clusters",
     "The work started in the spring, according to a report.",
     "Example Wire", (), "unconfirmed", ('NVIDIA', 'Reflection AI')),
    ("Perplexity now answers queries on Cerebras clusters, people familiar say",
     "Most answers come back from the wafer-scale systems, the people said.",
     "Example Wire", (), "unconfirmed", ('Cerebras', 'Perplexity')),
]


@pytest.mark.parametrize(("title", "text", "outlet", "official", "status", "parties"), DEALS)
def test_fresh_deals(judge: Judge, title: str, text: str, outlet: str,
                     official: tuple[str, ...], status: str, parties: tuple[str, ...]) -> None:
    verdict = judge(title, text, outlet=outlet, official_for=official)
    assert verdict.relevant
    assert verdict.status is not None and verdict.status.value == status
    assert set(parties) <= set(verdict.parties)


def test_sk_alone_needs_a_memory_story(judge: Judge) -> None:
    assert "SK hynix" in judge("OpenAI taps SK for HBM4 supply", "The deal was signed.").parties
    assert not judge("SK to supply OpenAI with cloud capacity", "The deal was signed.").relevant


def test_a_neocloud_and_a_brand_alone_make_no_deal(judge: Judge) -> None:
    verdict = judge("Nebius brings new Nvidia GB300 racks online in Finland",
                    "The racks serve existing customers.")
    assert (verdict.relevant, verdict.parties) == (False, ())


def test_a_maker_named_in_the_body_as_actor_makes_the_deal(judge: Judge) -> None:
    verdict = judge("Nebius to deploy Nvidia GB300 racks at scale",
                    "Nvidia and Nebius signed an agreement covering the next two years.")
    assert verdict.relevant and verdict.parties == ("Nebius", "NVIDIA")


def test_a_party_joined_by_also_in_the_lead_is_added(judge: Judge) -> None:
    verdict = judge("Groq to power Mistral's chat inference with LPU clusters",
                    "Groq said it will serve Le Chat traffic from its Helsinki site. "
                    "Cerebras was also picked as a second inference supplier.")
    assert verdict.parties == ("Cerebras", "Groq", "Mistral AI")
