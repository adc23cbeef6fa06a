"""Confirmation status: hedges, on-the-record confirmations, denials, negation and scope."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.models import Status, Verdict
from briefings.quotes import QUOTE_WORDS

Judge = Callable[..., Verdict]
UNCONFIRMED, CONFIRMED, DENIED = Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED


@pytest.mark.parametrize(("title", "text", "status"), [
    # negation and scope
    ("Cohere in talks to rent Nvidia GPUs from CoreWeave",
     "CoreWeave has not confirmed the talks, and Cohere declined to comment.", UNCONFIRMED),
    ("Oracle weighs AMD MI450 order for its cloud",
     "AMD did not deny the report when asked on Tuesday.", UNCONFIRMED),
    ("Microsoft explores Cerebras systems for Azure inference",
     "A Microsoft spokesperson declined to confirm or deny the plans.", UNCONFIRMED),
    ("Amazon and Groq chip deal: what we know",  # "nothing to announce" announces nothing
     "Amazon said it had nothing to announce on a Groq order for Alexa inference.", UNCONFIRMED),
    ("Amazon exec won't rule out a Groq chip deal",
     "An Amazon vice president said the company studies every inference option but had "
     "nothing to announce.", UNCONFIRMED),
    ("Anthropic signs deal for Google TPU capacity",
     "Anthropic has agreed to rent a large block of TPUs, according to people familiar with the "
     "matter. Neither company has commented.", UNCONFIRMED),
    ("Perplexity taps Cerebras for faster answers",
     "Perplexity will run its search models on Cerebras hardware, a report said, citing two "
     "sources.", UNCONFIRMED),
    ("Microsoft says it is talking to Anthropic about Maia chips",
     "Microsoft confirmed that talks are under way but said no agreement has been signed.",
     UNCONFIRMED),
    # a party speaking says something negative: no confirmation
    ("Google says no Microsoft TPU deal has been signed",
     "Google said on Thursday that no agreement had been reached with Microsoft.", UNCONFIRMED),
    ("Nvidia says it hasn't taken an order from xAI for Rubin GPUs", "", UNCONFIRMED),
    # on the record
    ("Nebius signs five-year GPU capacity agreement with Microsoft",
     "Nebius announced the agreement on Monday in a regulatory filing.", CONFIRMED),
    ("Google Cloud confirms xAI as a TPU customer",
     "A Google Cloud spokesperson confirmed the multiyear agreement.", CONFIRMED),
    ("Broadcom says OpenAI is the customer behind its custom accelerator order",
     "Broadcom's chief executive said on the earnings call that OpenAI placed the order.",
     CONFIRMED),
    ("AMD to supply Oracle with 50,000 MI450 GPUs",
     "The companies said the deployment would start next year and could grow further.",
     CONFIRMED),
    # non-native rewrites: bare speech verbs are still a party speaking; unnamed people are not
    ("Cohere make agreement with CoreWeave for GPU cloud, company tell",
     "The agreement is for Nvidia GPU capacity for training, Cohere tell on Monday.", CONFIRMED),
    ("Nvidia and Humain say AI chip supply deal is in place", "", CONFIRMED),
    ("Humain To Buy Nvidia Chips For New Data Center, People Say", "", UNCONFIRMED),
    # a party's own confirmation outweighs who first reported it, not doubt about the deal
    ("Meta signs deal to rent CoreWeave capacity",
     "Meta has signed the contract, according to a person with knowledge of it. A CoreWeave "
     "spokesperson confirmed the agreement.", CONFIRMED),
    ("Meta signs deal to rent CoreWeave capacity",
     "Meta has agreed terms, people familiar said. CoreWeave confirmed the talks.", UNCONFIRMED),
    ("Meta signs deal to rent CoreWeave capacity",
     "A CoreWeave spokesperson confirmed the agreement. Meta has not yet signed the final "
     "contract, a person familiar with it said.", UNCONFIRMED),
    ("Meta signs deal to rent CoreWeave capacity",
     "Meta has signed, people familiar said. The report has not been confirmed by CoreWeave.",
     UNCONFIRMED),
    # a party's non-answer, the deal's undisclosed terms or an earlier report do not outweigh
    # the other party confirming on the record; without that confirmation they still doubt
    ("Lambda signs three-year GPU capacity contract with Cohere",
     "Lambda said in a regulatory filing that the contract is worth $2 billion. Cohere did not "
     "immediately respond to a request for comment.", CONFIRMED),
    ("Mistral AI signs Fluidstack deal for GB300 capacity - sources",
     "Mistral AI has agreed to rent the servers, two people familiar with the matter said. "
     "Fluidstack confirmed the agreement in a statement but declined to discuss financial "
     "terms.", CONFIRMED),
    ("Nscale and Mistral AI sign agreement for sovereign capacity",
     "Today the company announced a multi-year agreement with Mistral AI. The value of the "
     "agreement was not disclosed.", CONFIRMED),
    ("Oracle and Meta expand cloud pact by $5 billion",
     "The companies said in a statement that Meta will add Nvidia capacity on OCI. Meta "
     "confirmed last month it was also discussing AMD chips with Oracle; both declined to "
     "comment on those talks.", CONFIRMED),
    ("Lambda signs GPU capacity contract with Cohere",
     "Cohere agreed to the deal, people familiar said. Lambda declined to comment.", UNCONFIRMED),
    ("Cohere to rent Lambda GPUs",
     "Cohere will rent the chips, people familiar said. Lambda said in a statement it does not "
     "comment on rumours.", UNCONFIRMED),
    ("Cohere signs Lambda GPU deal",
     "A Lambda spokesperson confirmed the talks. The deal has not been signed and its terms are "
     "still being negotiated, people familiar said.", UNCONFIRMED),
    # what a party said before is background, not its word on this report
    ("OpenAI weighs renting TPUs from Google again",
     "OpenAI is discussing TPUs with Google, people familiar said. OpenAI previously said it "
     "had no plans to use TPUs.", UNCONFIRMED),
    ("Meta signs deal to buy Google TPUs for its data centers",
     "Meta agreed to buy the chips, people familiar said. Google confirmed last year that Meta "
     "rents TPU capacity.", UNCONFIRMED),
    # denials
    ("SambaNova denies report that Meta is buying its chips",
     "SambaNova said the report was inaccurate and that there were no talks.", DENIED),
    ("Mistral AI rejects report of AMD chip talks",
     "Mistral AI said the report was false and that it has no plans to buy AMD GPUs.", DENIED),
    ("OpenAI says it has no active plans to use Google TPUs",
     "OpenAI said it is testing some TPUs but has no plans to deploy them at scale.", DENIED),
    ("Nvidia says report of Cohere GPU order is 'not accurate'", "", DENIED),
    ("Cohere calls report of Nvidia GPU order incorrect",
     "A spokesperson said the story was without basis.", DENIED),
    ("Groq pushes back on report of xAI inference contract",
     "Groq said the report was simply wrong.", DENIED),
])
def test_status(judge: Judge, title: str, text: str, status: Status) -> None:
    verdict = judge(title, text)
    assert verdict.relevant
    assert verdict.status is status, verdict.evidence


def test_final_headline_over_hedging_body_is_unconfirmed(judge: Judge) -> None:
    verdict = judge("Anthropic taps Microsoft's Maia 200 for Claude inference",
                    "Anthropic will run part of Claude on Maia, according to a report citing "
                    "people familiar with the plans.")
    assert verdict.status is UNCONFIRMED
    assert any("according to" in quote or "people familiar" in quote
               for quote in verdict.evidence)


def test_official_newsroom_confirms(judge: Judge) -> None:
    verdict = judge("Bringing Claude to Trainium3", "We are expanding our collaboration with "
                    "Anthropic to train its next models on Trainium3 capacity.",
                    outlet="AWS News Blog",
                    official_for=("Amazon",))
    assert verdict.status is CONFIRMED
    assert verdict.parties == ("Amazon", "Anthropic")
    assert "AWS News Blog" in verdict.evidence[0]


def test_newsroom_of_an_outsider_does_not_confirm(judge: Judge) -> None:
    verdict = judge("Meta reportedly in talks to rent Google TPUs",
                    "Meta is discussing a TPU deal with Google, people familiar said.",
                    outlet="NVIDIA Newsroom", official_for=("NVIDIA",))
    assert verdict.status is UNCONFIRMED


def test_evidence_quotes_the_story(judge: Judge) -> None:
    text = "Groq denied the report in a statement, calling it baseless."
    verdict = judge("Groq denies report of Meta inference deal", text)
    assert verdict.status is DENIED
    assert all(len(quote.split()) <= QUOTE_WORDS for quote in verdict.evidence)
    assert any(quote.strip("…") in f"Groq denies report of Meta inference deal {text}"
               for quote in verdict.evidence)


def test_evidence_is_cut_at_a_clause_boundary_not_mid_phrase(judge: Judge) -> None:
    text = ("Anthropic is said to be in talks to rent Maia chips from Microsoft, people familiar "
            "said. Neither company has commented; Microsoft pointed to its earlier statements "
            "about capacity planning for the coming fiscal year.")
    verdict = judge("Anthropic in talks for Microsoft Maia chips", text)
    assert "Neither company has commented…" in verdict.evidence
    assert not any(q.endswith("Microsoft") for q in verdict.evidence)


@pytest.mark.parametrize(("text", "status"), [
    ("The order was placed last month, according to The Information.", UNCONFIRMED),
    ("The order was placed last month, according to Oracle.", CONFIRMED),
    ("The order was placed last month, according to a company statement.", CONFIRMED),
    ("The order was placed last month, according to a trade publication.", UNCONFIRMED),
    ("The order was placed last month, according to the companies.", CONFIRMED),
    ("The order was placed last month, according to a regulatory filing.", CONFIRMED),
    ("The order was placed last month, according to the company's notification.", CONFIRMED),
    ("The order was placed last month, according to the company's own statement.", CONFIRMED),
    ("The order was placed last month, according to a person close to the company.",
     UNCONFIRMED),
])
def test_attribution_decides(judge: Judge, text: str, status: Status) -> None:
    verdict = judge("Oracle orders AMD MI450 GPUs for its cloud", text)
    assert verdict.status is status, verdict.evidence


def test_a_denial_is_not_also_a_hedge(judge: Judge) -> None:
    verdict = judge("Cerebras says it is not in talks with Amazon about AWS inference chips")
    assert verdict.status is DENIED
    assert all("not in talks" in quote for quote in verdict.evidence)


def test_evidence_keeps_whole_words_and_punctuation(judge: Judge) -> None:
    verdict = judge("Google and Meta TPU agreement still pending",
                    "Negotiations continue over price; people close to the talks said.")
    assert verdict.status is UNCONFIRMED
    text = "Negotiations continue over price; people close to the talks said."
    assert all(quote in f"Google and Meta TPU agreement still pending {text}"
               for quote in verdict.evidence)


@pytest.mark.parametrize(("title", "text", "expected"), [
    # an outlet credited at the headline's end: its scoop, unless a party speaks in the body
    ("Meta signs $10 billion cloud deal with Google - The Information",
     "Meta will rent Google servers and TPUs for six years.", Status.UNCONFIRMED),
    ("Oracle to buy $40 billion of Nvidia chips for OpenAI site, per FT",
     "The chips will fill the Texas campus.", Status.UNCONFIRMED),
    ("Meta signs $10 billion cloud deal with Google - The Information",
     "Google confirmed the agreement in a statement on Friday.", Status.CONFIRMED),
    # an aggregator's listing repeats the headline: the name is the publisher, not a credit
    ("Nebius signs $3 billion GPU contract with Meta - Reuters",
     "Nebius signs $3 billion GPU contract with Meta  Reuters", Status.CONFIRMED),
    # an outlet named inside the headline credits nothing
    ("Nvidia signs GPU supply deal with xAI, Reuters poll shows demand",
     "Nvidia agreed to ship Blackwell systems to xAI, the companies said.", Status.CONFIRMED),
])
def test_an_outlet_credited_in_the_headline_is_its_scoop(judge: Judge, title: str, text: str,
                                                         expected: Status) -> None:
    assert judge(title, text).status is expected


def test_a_hedge_on_a_figure_with_a_quantifier_hedges_the_figure(judge: Judge) -> None:
    verdict = judge("OpenAI signs compute deal with Cerebras",
                    "OpenAI said it will buy 750 megawatts of capacity; the value was reported to "
                    "be above $10 billion.")
    assert verdict.status is Status.CONFIRMED


@pytest.mark.parametrize(("text", "status"), [
    # the people vouch for the price only: the parties' announcement stands
    ("Oracle and AMD announced the order on Monday; the contract is worth about $3 billion, "
     "according to a person briefed on it.", CONFIRMED),
    # with no party speaking, the same source is all the story has
    ("The order was placed on Monday; the contract is worth about $3 billion, according to a "
     "person briefed on it.", UNCONFIRMED),
    # a document shares the credit with unnamed people: not the parties' word alone
    ("The order was placed last month, according to a regulatory filing and two people "
     "familiar with it.", UNCONFIRMED),
    # a party's blog post is the party speaking
    ("Oracle will fill two data centers with the chips, according to a post on the company's "
     "blog.", CONFIRMED),
    # the party said it is done, in a sentence that also cites earlier reports
    ("Oracle said Tuesday it will deploy the AMD accelerators, confirming weeks of reports.",
     CONFIRMED),
    ("Oracle is signing for 20,000 of the chips, say both companies.", CONFIRMED),
    # an earlier report dated in another clause leaves the announcement standing
    ("Oracle on Tuesday published a blog post announcing the order, confirming what an outlet "
     "reported last week.", CONFIRMED),
    ("Oracle and AMD announced the order; neither company disclosed financial details.",
     CONFIRMED),
    ("Oracle and AMD said they signed the order. Value of deal was not disclosed.", CONFIRMED),
    ("Our supply-chain contacts say Oracle has placed the order.", UNCONFIRMED),
    ("AMD said it signed the order on Monday, confirming a deal first reported last month.",
     CONFIRMED),
    ("AMD's chairman said at a partner event that Oracle's cloud unit had signed for the chips, "
     "confirming a deal first reported last month.", CONFIRMED),
    ("Oracle has placed the order, per two people with knowledge of it.", UNCONFIRMED),
    ("Our checks of the supply chain indicate Oracle has placed the order.", UNCONFIRMED),
    ("We hear Oracle has placed the order for two sites.", UNCONFIRMED),
    ("Oracle said in a regulatory filing it is reviewing the order; nothing has been decided.",
     UNCONFIRMED),
    ("I can confirm, from people with direct knowledge, that Oracle placed the order.",
     UNCONFIRMED),
    ("Oracle is buying the GPUs for two sites, both parties said on Tuesday.", CONFIRMED),
    ("Oracle take big AMD order for its cloud, AMD confirm to Reuters.", CONFIRMED),  # non-native
    # talks named only as what earlier reports said: the announcement ends the rumour
    ("Oracle has placed the order with AMD, the companies announced, after weeks of reports "
     "that the two were in talks.", CONFIRMED),
    ("AMD said on Monday it had won the order, confirming reports of talks between the two.",
     CONFIRMED),
    ("Oracle announced the order on Monday following months of speculation about talks.",
     CONFIRMED),
    # a party named, then what it is, then its word: the party speaks
    ("AMD, chip designer and GPU vendor, on Monday said it has won the order.", CONFIRMED),
    ("AMD, the chipmaker that once made only desktop processors, said it has won the order.",
     CONFIRMED),
    ("The order went to AMD, the chipmaker, people briefed on it said.", UNCONFIRMED),
    # the talks are today's, with no one on the record: still a rumour
    ("Oracle is in talks to place the order, after weeks of reports about its plans.",
     UNCONFIRMED),
    ("Oracle has placed the order, two people said, following months of talks.", UNCONFIRMED),
    # an earlier report in a clause of its own leaves today's talks today's
    ("Following reports last week, Oracle is now in talks with AMD over the order, Oracle "
     "said.", UNCONFIRMED),
])
def test_who_vouches_for_what(judge: Judge, text: str, status: Status) -> None:
    verdict = judge("Oracle orders AMD MI450 GPUs for its cloud", text)
    assert verdict.status is status, verdict.evidence


def test_the_one_a_deal_matters_for_is_no_party(judge: Judge) -> None:
    """An SEO headline weighing one deal for a rival ("matters for Nvidia") is no round-up."""
    verdict = judge("Why Meta's $9 billion AMD order matters for Nvidia",
                    "Meta announced the MI450 order this week, the clearest sign yet that it "
                    "wants a second GPU supplier.")
    assert verdict.relevant and verdict.parties == ("AMD", "Meta")


@pytest.mark.parametrize("text", [
    "Groq said it has not signed and is not negotiating any capacity agreement with OpenAI.",
    "Groq said it has no agreement with OpenAI, disputing the report.",
])
def test_a_party_saying_there_is_no_deal_denies_it(judge: Judge, text: str) -> None:
    """Each "not" of a coordinated denial carries its own phrase: no double negation."""
    verdict = judge("Groq says it has no agreement with OpenAI", text)
    assert verdict.status is DENIED, verdict.evidence


@pytest.mark.parametrize(("title", "text", "status"), [
    # a party that only says something else confirms nothing
    ("MediaTek says ASIC pipeline growing, declines to address xAI talks",
     "MediaTek would not comment on reports of talks with xAI over a custom chip.", UNCONFIRMED),
    # a qualified speaker after the verb is on the record
    ("IndiaAI Mission awards 24,000-GPU contract to Yotta, says IT ministry", "", CONFIRMED),
    # stopping short of a denial denies nothing
    ("Microsoft signs GPU capacity deal with Lambda",
     "Lambda's chief executive said the companies talk about many things, stopping short of "
     "a denial.", UNCONFIRMED),
    # a denial of an earlier report, in the headline's setting clause, is not this deal's
    ("Anthropic picks Groq weeks after Cerebras shot down talks report",
     "Groq and Anthropic announced a multi-year inference agreement on Monday.", CONFIRMED),
    # a deal said to be not exclusive is still a deal
    ("OpenAI says AMD pact is 'not exclusive'",
     "OpenAI said its agreement to deploy AMD MI500 GPUs is not exclusive.", CONFIRMED),
    # a confirmation, then an aim in a clause of its own: the aim is no talks
    ("Marvell confirms custom-chip pact with Microsoft, eyes 5GW by 2031",
     "Marvell will design the accelerators, it said in a statement.", CONFIRMED),
    # an aim verb with a goal for its object is no talks; with chips for its object it is
    ("Mistral AI launches compute platform with Nvidia, eyes European AI sovereignty",
     "The lab said it will buy Nvidia Grace Blackwell systems and rent capacity to businesses.",
     CONFIRMED),
    ("Meta eyes Google TPUs for its data centers", "", UNCONFIRMED),
    # an outlet opening the headline credits its scoop, as one closing it does
    ("FT: Oracle to buy $10B of AMD chips for xAI data centre",
     "Oracle will spend the sum on MI450 accelerators for a site in Tennessee.", UNCONFIRMED),
    # "pitched as" describes; it is no pitch for a deal
    ("Cohere launches sovereign cloud built with AMD",
     "Cohere has announced the platform, developed together with AMD and pitched as a rival "
     "to the big clouds.", CONFIRMED),
    # a hedge closing an amount hedges the amount ("up to $27 billion possible")
    ("Meta signs $12 billion GPU deal with Nebius, up to $27 billion possible",
     "Nebius said an option could raise the value of the five-year contract.", CONFIRMED),
    # a deal to be unveiled, on unnamed people's word, is a rumour; so is one "revealed" by
    # a party in a headline whose body credits people familiar
    ("Nvidia to unveil $10 billion chip deal with xAI",
     "The companies will announce the agreement next week, people familiar with the plans "
     "said.", UNCONFIRMED),
    ("Google reveals TPU deal with Meta",
     "Meta will rent Google's chips from next year, two people familiar said.", UNCONFIRMED),
    # an outlet that reveals a deal reports it
    ("Oracle signs $10B AMD chip deal",
     "Bloomberg revealed on Monday that Oracle has signed a deal to buy AMD accelerators.",
     UNCONFIRMED),
    # a short sentence that only credits a source is about the sentence before it
    ("Oracle to buy AMD chips for xAI data centre",
     "Oracle will spend $10 billion on AMD accelerators for a site in Tennessee. This reports "
     "the Financial Times.", UNCONFIRMED),
    ("Oracle to buy AMD chips for xAI data centre",
     "Oracle will spend $10 billion on AMD accelerators for a site in Tennessee. That is "
     "according to people familiar with the plans.", UNCONFIRMED),
    # talks in the confirmation's own clause still scope it
    ("Marvell confirms it is in talks with Microsoft on custom chips", "", UNCONFIRMED),
    # a term of the announced deal under a modal is no doubt on the deal
    ("Meta to purchase AMD GPUs, could take a stake in the chipmaker",
     "Meta will buy the accelerators in a deal the two companies announced on Monday.",
     CONFIRMED),
])
def test_whose_word_a_headline_reports(judge: Judge, title: str, text: str,
                                       status: Status) -> None:
    verdict = judge(title, text)
    assert verdict.status is status, verdict.evidence
