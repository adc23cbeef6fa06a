"""Unwatched counterparts: each rule with sentences of our own it reads a new company from, and
look-alikes it must leave alone. "Acme", "Brightline" and the like are invented names that the
watch list does not hold."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.config import Watchlist
from briefings.models import Status, Verdict
from briefings.triage import Triage, counterpart
from briefings.triage.reading import joined, read
from briefings.triage.roles import BUYERS, SUPPLIERS, Roster
from tests.triage.conftest import make_story

Judge = Callable[..., Verdict]

# rule name -> (headline, body, the counterpart's name)
RULE_EXAMPLES = {
    "named_after_deal": [
        ("OpenAI signs $10 billion compute deal with Acme Cloud",
         "Acme Cloud will host GPU capacity for the lab over five years.", "Acme Cloud"),
        ("Nvidia to ship 18,000 chips to Brightline, a Saudi AI firm",
         "Brightline will use the GPUs in its first data center.", "Brightline"),
        ("Meta in talks with Korvane Compute over GPU rental, sources say",
         "Korvane Compute would lease clusters to Meta, people said.", "Korvane Compute"),
        ("Oracle in talks with bitcoin miner Veltro Digital over AI campus, sources say",
         "Veltro Digital would lease the GPU site to Oracle, people said.", "Veltro Digital"),
        ("Nebius Lands $3 Billion GPU Contract With Defense AI Start-Up Veltrano",  # described
         "Veltrano will train its models on the capacity, a filing shows.", "Veltrano"),
    ],
    "names_watched_after_deal": [
        ("Kvanta Compute Announces Multi-Year GPU Capacity Agreement with Poolside",
         "Kvanta Compute will host the lab's training runs.", "Kvanta Compute"),
        ("Acme Compute lands multi-year GPU contract from Anthropic",
         "Acme Compute said it will provide data center capacity.", "Acme Compute"),
        ("Veltro Systems Inc. secures $2 billion server order from Microsoft",
         "Veltro Systems said the racks carry GPUs for AI training.", "Veltro Systems"),
        ("Veltrano's new GPU deal with Lambda is worth $1.2 billion",  # it owns the deal
         "Veltrano and Lambda announced the cluster lease on Monday.", "Veltrano"),
    ],
    "joined_in_signing": [
        ("Brightline and OpenAI sign multi-year GPU pact",
         "Brightline will supply compute capacity from its new data centers.", "Brightline"),
        ("Nvidia and Korvane ink chip supply deal",
         "Korvane will deploy the GPUs in two data centers.", "Korvane"),
        ("CoreWeave And Veltrano Motor Group Announce Multi-Year AI Infrastructure Agreement",
         "CoreWeave will provide Veltrano Motor Group with GPU clusters for training.",
         "Veltrano Motor Group"),
    ],
    "chosen": [
        ("Meta taps Acme for AI servers",
         "Acme will build racks of GPUs for the social network.", "Acme"),
        ("xAI selects Veltro as its cloud partner for training",
         "Veltro will run GPU clusters for the lab.", "Veltro"),
    ],
    "chosen_by": [
        ("Nscale selected by Trellon Bank to run its private AI cluster",
         "Trellon Bank will rent the GPU capacity for three years.", "Trellon Bank"),
    ],
    "state_buys_compute": [
        ("Norway to buy 6,000 Nvidia GPUs for a national AI cluster",
         "Norway will rent the GPUs to universities, the digital ministry said.",
         "Government of Norway"),
        ("Kenya signs deal for an AI factory with pan-African tech group Cassava",
         "Cassava will install GPUs in a Nairobi data centre, the government said.",
         "Government of Kenya"),
        ("Indonesia's sovereign AI venture in talks with Nvidia for 20,000 GPUs",
         "The venture is negotiating to buy Blackwell GPUs, people familiar said.",
         "Government of Indonesia"),
    ],
    "takes_watched_compute": [
        ("Veltrano Motors to buy 40,000 Nvidia Blackwell chips for its driving AI",
         "Veltrano Motors will put the chips in a new training cluster.", "Veltrano Motors"),
        ("Trellon Bank orders AMD accelerators for in-house AI",
         "Trellon Bank said the GPUs will serve its risk models.", "Trellon Bank"),
        ("Korvix Telecom selects Nscale to power its sovereign AI cloud",
         "Korvix Telecom will offer the GPU capacity to its business customers.",
         "Korvix Telecom"),
        ("Finnish neocloud Veltrano orders 18,000 Nvidia GPUs for its Oulu site",  # described
         "Veltrano will rent the GPUs to European labs.", "Veltrano"),
        ("Brightline rents Nebius GPUs for a year of model training",
         "Brightline will train its forecasting models on the capacity.", "Brightline"),
    ],
}

# constructions that name no company, or only one the rules must not take for a party
LOOK_ALIKES = [
    ("Nvidia signs deal with Saudi Arabia to supply chips", "The kingdom will buy GPUs."),
    ("Microsoft partners with Reuters on AI news", "Reuters will supply stories to its chatbot."),
    ("Amazon to ship Kindle devices to India", "The devices ship next month."),
    ("Nvidia in talks with Trump administration over chip exports",
     "The talks cover older GPUs."),
    ("Nvidia partners with Jensen Huang's alma mater to build a supercomputer",
     "Oregon State will host the supercomputer."),
    ("Sanmina to acquire ZT Systems' server unit from AMD",
     "Sanmina will take over the AMD factory for AI servers."),
    ("Snowflake and Anthropic expand partnership to bring agents to Snowflake Cortex",
     "Snowflake Cortex customers can run Claude on the data cloud."),
    ("Perplexity adds a shopping agent to Comet", "Comet users can check out in the browser."),
    ("AMD Potentially Partnering with Microsoft",
     "Microsoft is reportedly working with AMD on AI chips."),
    ("Musk's xAI in talks to buy chips from Nvidia", "Musk's company wants more GPUs."),
    ("Startup Acme signs GPU deal with OpenAI", "The startup will provide compute."),
    ("Oracle Signs Deal With Acme Cloud For GPUs", ""),  # Title Case, and no body to confirm it
    ("AMD to supply chips to Veltro for its next game console",  # chips, but no AI compute
     "Veltro will put the chips in its handheld."),
    ("Google signs cloud deal with Brightline Bank",
     "The bank will move its ledgers to the cloud."),
    ("SK hynix to deliver HBM order to Acme", "Acme designs AI accelerators."),  # a chip designer
    ("TSMC signs deal with Brightline to make AI chips", "Brightline will get 3nm wafers."),
    ("Brightline Capital buys Nvidia shares after GPU sales beat",  # a stake, not compute
     "Brightline Capital added to its Nvidia stake as data center sales rose."),
    ("Veltro Labs picks HPE and AMD for its next weather supercomputer",  # chosen, not for AI
     "Veltro Labs will run climate simulations on AMD Instinct accelerators."),
    ("Nebius picked by Trellon Bank for its new office in Amsterdam",  # not for AI
     "Trellon Bank staff will move into the building next year."),
    ("Veltro and AMD announce results of their joint GPU benchmark",  # no agreement announced
     "Veltro ran AMD accelerators through its inference tests."),
    ("Chinese firms buy Nvidia H20 chips before the ban",  # companies, not a government
     "Buyers in China stocked up on the GPUs."),
    ("Japan bans purchases of Nvidia chips by state agencies",  # a government that regulates
     "The rule covers GPUs bought for ministries."),
    ("Texas Instruments signs deal with Nvidia for power chips",  # a place word, not a name
     "Texas Instruments parts will sit in Nvidia's GPU servers."),
    ("Lambda signs 300 MW supply pact for its Kansas campus",  # a utility, named by its trade
     "Lambda has signed an agreement with Prairie Energy for 300 MW to power its GPU halls."),
]


@pytest.fixture(scope="module")
def roster(watchlist: Watchlist) -> Roster:
    return Roster(watchlist)


@pytest.fixture
def found(triage: Triage, roster: Roster,
          watchlist: Watchlist) -> Callable[[str, str], counterpart.Counterpart | None]:
    """The counterpart the rules read from a story built of a headline and a body."""
    def _found(title: str, text: str) -> counterpart.Counterpart | None:
        story = make_story(title, text)
        reading = read(triage.matcher, story.title, joined(story.title, story.text))
        return counterpart.find(reading, roster, watchlist.counterparts)
    return _found


Found = Callable[[str, str], counterpart.Counterpart | None]


@pytest.mark.parametrize(("rule", "title", "text", "name"), [
    (rule, *example) for rule, examples in RULE_EXAMPLES.items() for example in examples])
def test_each_rule_reads_its_counterpart(found: Found, judge: Judge, rule: str, title: str,
                                         text: str, name: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    alone = [r for r in counterpart.RULES if r.__name__ == rule]
    assert alone, f"no rule named {rule}"
    with monkeypatch.context() as patched:
        patched.setattr(counterpart, "RULES", tuple(alone))  # the rule alone reads the name
        other = found(title, text)
    assert other is not None and other.name == name
    verdict = judge(title, text)
    assert verdict.relevant, verdict.reasons
    assert name in verdict.parties and len(verdict.parties) == 2


@pytest.mark.parametrize(("title", "text"), LOOK_ALIKES)
def test_look_alikes_name_no_counterpart(found: Found, title: str, text: str) -> None:
    assert found(title, text) is None


def test_the_counterpart_takes_the_side_the_watched_company_lacks(found: Found) -> None:
    supplier = found("Anthropic signs GPU deal with Acme Cloud",
                      "Acme Cloud will host the lab's training runs.")
    buyer = found("AMD wins chip order from Brightline",
                   "Brightline will deploy the accelerators.")
    assert supplier is not None and supplier.roles <= SUPPLIERS and not supplier.roles & BUYERS
    assert buyer is not None and buyer.roles <= BUYERS and not buyer.roles & SUPPLIERS


def test_every_mention_of_the_counterpart_counts_for_status(judge: Judge) -> None:
    """The body's "Veltro said" is the counterpart on the record, as a watched name would be."""
    verdict = judge("Veltro secures $2 billion GPU server order from Meta",
                    "Veltro said in a statement that it signed the order on Monday.")
    assert verdict.relevant and verdict.status is Status.CONFIRMED


def test_a_place_word_before_a_name_the_story_writes_alone_is_dropped(found: Found) -> None:
    """"Saudi Varnex" in the headline, "Varnex, a Saudi developer" in the body: the company is
    Varnex; with no such proof the place stays part of the name, or the name is none."""
    other = found("Saudi Varnex signs deal with Nvidia for 18,000 AI chips",
                  "Varnex, a Saudi data center developer, will buy the GPUs.")
    assert other is not None and other.name == "Varnex"
    assert found("Saudi Varnex signs deal with Nvidia for 18,000 AI chips",
                 "Saudi Varnex will buy the GPUs.") is None


def test_a_counterpart_is_known_by_the_short_name_the_story_also_uses(found: Found) -> None:
    """Reports of one deal write "Veltrano Motor Corporation" and "Veltrano" by turns; the deal
    is tracked under one name."""
    other = found("Lambda signs GPU cloud agreement with Veltrano Motor Corporation",
                  "Lambda will host GPU capacity for Veltrano Motor Corporation. Veltrano will "
                  "train its driving models there.")
    assert other is not None and other.name == "Veltrano"
    full = found("Lambda signs GPU cloud agreement with Veltrano Motor Corporation",
                 "Veltrano Motor Corporation will train its models on the capacity.")
    assert full is not None and full.name == "Veltrano Motor"


def test_a_company_word_is_part_of_the_name(found: Found) -> None:
    """"Halden AI" stays whole though the story also writes "Halden": "AI" names the company."""
    other = found("Halden AI selects Nscale to power its sovereign AI accelerator cluster",
                  "Halden AI will train on the GPUs. Halden was founded in 2027.")
    assert other is not None and other.name == "Halden AI"


def test_a_neocloud_and_its_chip_brand_leave_room_for_an_unknown_buyer(judge: Judge) -> None:
    """CoreWeave named with the Nvidia GPUs it runs is no deal of the two; the deal is with the
    unknown renter, and the builder and maker stay a deal where they are the actors."""
    rented = judge("Veltrano Motors nears $2 billion GPU rental deal with CoreWeave",
                   "Veltrano Motors would rent Nvidia GPUs from CoreWeave, people familiar said.")
    assert rented.relevant and rented.parties == ("CoreWeave", "Veltrano Motors")
    assert rented.status is Status.UNCONFIRMED
    built = judge("CoreWeave signs deal with Nvidia for GB300 racks",
                  "CoreWeave said it signed the order with Nvidia on Monday.")
    assert built.relevant and built.parties == ("CoreWeave", "NVIDIA")


def test_the_verdict_says_it_read_a_counterpart(judge: Judge) -> None:
    verdict = judge("Meta taps Acme for AI servers", "Acme will build GPU racks for Meta.")
    assert verdict.reasons[0] == "unwatched counterpart 'Acme' (neocloud)"


def test_a_story_with_a_watched_pair_is_read_as_before(judge: Judge) -> None:
    verdict = judge("OpenAI signs compute deal with Oracle and Acme Cloud",
                    "Oracle will host GPU capacity; Acme Cloud builds the site.")
    assert verdict.parties == ("OpenAI", "Oracle")


def test_the_widened_roster_leaves_the_shared_one_alone(watchlist: Watchlist) -> None:
    roster = Roster(watchlist)
    widened = roster.with_roles({"Acme": frozenset({"neocloud"})})
    assert widened.pairable(["Acme", "OpenAI"]) and not roster.pairable(["Acme", "OpenAI"])
    assert widened.owner is roster.owner


def test_a_ministry_speaks_for_its_government(judge: Judge) -> None:
    """A government's purchase is on the record when its ministry says so."""
    verdict = judge("Norway to buy 6,000 Nvidia GPUs for a national AI cluster",
                    "Norway will rent the GPUs to universities, the digital ministry said.")
    assert verdict.parties == ("Government of Norway", "NVIDIA")
    assert verdict.status is Status.CONFIRMED
