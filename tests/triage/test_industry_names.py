"""The watch list covers the AI-compute industry beyond the big names: labs, telcos and national
AI companies, neoclouds, chip start-ups, foundries, memory and server makers are found as parties
of a deal, and the ones whose names are ordinary words are not found in ordinary prose."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.config import Watchlist
from briefings.models import Verdict
from briefings.triage import Triage

Judge = Callable[..., Verdict]


@pytest.mark.parametrize(("title", "parties"), [
    ("Inflection AI signs deal to run its models on Intel Gaudi 3 servers",
     {"Inflection AI", "Intel"}),
    ("Black Forest Labs signs compute deal with Nebius for GPU clusters",
     {"Black Forest Labs", "Nebius"}),
    ("Sarvam AI to rent GPU capacity from Yotta under new agreement", {"Sarvam AI", "Yotta"}),
    ("Runway signs deal to train its video models on CoreWeave GPUs", {"Runway", "CoreWeave"}),
    ("Hugging Face signs deal with AMD to serve models on Instinct MI300X chips",
     {"Hugging Face", "AMD"}),
    ("Reliance Jio signs deal to buy Nvidia Blackwell chips for its AI data centers",
     {"Reliance", "NVIDIA"}),
    ("Orange signs deal with Nvidia to build sovereign AI infrastructure in France",
     {"Orange", "NVIDIA"}),
    ("Tata Communications signs deal to deploy Nvidia Hopper GPUs in its AI cloud",
     {"Tata Communications", "NVIDIA"}),
    ("e& signs deal with Microsoft for AI cloud capacity in the Gulf", {"e&", "Microsoft"}),
    ("Akamai signs deal to deploy Nvidia Blackwell GPUs across its inference cloud",
     {"Akamai", "NVIDIA"}),
    ("Axelera AI signs deal to supply inference chips to Microsoft",
     {"Axelera AI", "Microsoft"}),
    ("Kioxia to supply flash memory to OpenAI under Stargate deal", {"Kioxia", "OpenAI"}),
    ("Gigabyte wins order to supply AI servers to CoreWeave", {"Gigabyte", "CoreWeave"}),
    ("KDDI signs deal with HPE for Nvidia GB200 racks", {"KDDI", "HPE"}),
    # tickers and the nicknames trade and finance press use
    ("CRWV jumps after it signs a GPU capacity deal with MSFT", {"CoreWeave", "Microsoft"}),
    ("Team Red signs deal to supply Instinct GPUs to the Redmond giant", {"AMD", "Microsoft"}),
    ("Big Red signs deal to rent Team Green GPUs to Redmond", {"Oracle", "Microsoft"}),
    ("Scaleway signs deal to rent Nvidia GPU clusters to Mistral AI",
     {"Scaleway", "Mistral AI"}),
    ("Reflection signs deal to train on Lambda GPU clusters", {"Reflection AI", "Lambda"}),
])
def test_new_players_are_parties_of_a_deal(judge: Judge, title: str,
                                           parties: set[str]) -> None:
    verdict = judge(title)
    assert verdict.relevant
    assert parties <= set(verdict.parties)


@pytest.mark.parametrize(("title", "parent"), [
    ("Core42 signs deal with Microsoft for Azure AI capacity", "G42"),
    ("Linode owner signs deal to rent AMD Instinct MI300X GPUs to Mistral", "Akamai"),
    ("Indosat Ooredoo Hutchison signs deal with Nvidia for a sovereign AI factory", "Ooredoo"),
])
def test_a_unit_or_brand_names_its_parent(judge: Judge, title: str, parent: str) -> None:
    """A cloud arm or brand is one party with its parent, as AWS is Amazon; a full name that
    holds a second listed name (Indosat Ooredoo Hutchison) does not make two parties."""
    verdict = judge(title)
    assert verdict.relevant
    assert parent in verdict.parties
    assert len(verdict.parties) == 2


@pytest.mark.parametrize(("title", "chip", "owner"), [
    ("OpenAI signs deal to rent Axion CPUs for its inference fleet", "Axion", "Google"),
    ("Tesla signs deal with Samsung to make its AI6 chips in Texas", "AI5", "Tesla"),
    ("Anthropic to rent Graviton4 instances for its agents under new contract", "Graviton",
     "Amazon"),
])
def test_cloud_and_carmaker_chips_name_their_owner(triage: Triage, watchlist: Watchlist,
                                                   title: str, chip: str, owner: str) -> None:
    found = {(h.family, h.label) for h in triage.matcher.find(title)}
    assert ("chip", chip) in found
    assert {c.name: c.owner for c in watchlist.chips}[chip] == owner


@pytest.mark.parametrize(("title", "text"), [
    ("The trading floor was a hive of activity as chip stocks rose",
     "Traders signed deals with brokers and bought server capacity for the day."),
    ("Juice maker signs an orange juice deal with a grocery chain",
     "The supplier will buy orange crops and use Nvidia GPUs to grade the fruit."),
    ("Airport signs deal to extend its runway for cargo jets",
     "The operator will deploy new lighting and rent data center capacity from Microsoft."),
    ("Reliance on Nvidia chips grows as Microsoft signs a GPU deal",
     "Microsoft will rent more Nvidia capacity for its data centers, it said."),
    ("Nvidia Has A Long Runway As Microsoft Signs A GPU Deal",
     "Microsoft will rent more Nvidia capacity for its data centers, it said."),
    ("Movie Magic: how effects studios rent GPUs",
     "Studios sign deals to rent Nvidia capacity from Microsoft for rendering."),
    ("Nvidia reaches an inflection point as Microsoft signs compute deal",
     "Analysts called the quarter an Inflection Point for data center demand."),
    ("Phone seller signs deal for a gigabyte of cloud storage",
     "The retailer will use Microsoft servers with Nvidia chips for each gigabyte stored."),
])
def test_ordinary_words_are_not_new_parties(judge: Judge, title: str, text: str) -> None:
    verdict = judge(title, text)
    assert not {"HIVE Digital", "Orange", "Runway", "Reliance", "Magic AI", "Inflection AI",
                "Gigabyte"} & set(verdict.parties)


@pytest.mark.parametrize("text", [
    "Vitamin E, the study said, helps the body.",
    "Plan E: the hive, the orange grove and the runway.",
    "The writer saw riots and a galaxy of stars; magic, she said.",
    "Dojo card readers and a Fermi estimate of the cost.",
])
def test_homonyms_name_no_company(triage: Triage, text: str) -> None:
    assert not [h for h in triage.matcher.find(text) if h.family in ("company", "chip")]


def test_magic_counts_only_in_a_story_about_ai_coding(judge: Judge) -> None:
    """'Magic' is the code-model lab only where the story is about AI coding models."""
    assert "Magic AI" in judge(
        "Magic, the AI coding startup, signs deal with Google Cloud for Nvidia GB200 capacity"
    ).parties
    assert "Magic AI" not in judge(
        "Magic moment as Google Cloud signs deal for Nvidia GB200 capacity").parties


def test_the_field_includes_telco_neocloud_and_foundry_players(watchlist: Watchlist) -> None:
    roles = {c.name: set(c.roles) for c in watchlist.companies}
    for name in ("Reliance", "Orange", "NTT", "KDDI", "Swisscom", "Singtel", "e&"):
        assert "cloud" in roles[name], name
    for name in ("Galaxy Digital", "Bitdeer", "Nexgen Cloud", "Verda"):
        assert roles[name] == {"neocloud"}, name
    for name in ("GlobalFoundries", "SMIC", "Rapidus"):
        assert roles[name] == {"foundry"}, name


@pytest.mark.parametrize(("title", "parties"), [
    ("IndiaAI Mission signs deal to rent 18,000 GPUs from Yotta and E2E Networks",
     {"IndiaAI Mission", "Yotta", "E2E Networks"}),
    ("EuroHPC signs contract with Eviden for a new AI supercomputer in Germany",
     {"EuroHPC", "Eviden"}),
])
def test_a_state_compute_programme_is_a_buyer(judge: Judge, title: str,
                                              parties: set[str]) -> None:
    """A state programme that rents GPUs or orders supercomputers buys compute as a lab does."""
    verdict = judge(title)
    assert verdict.relevant
    assert parties <= set(verdict.parties)


def test_a_bare_government_is_no_party(judge: Judge) -> None:
    """Governments also regulate and buy office cloud: only their compute programmes count."""
    assert not judge("The Indian government signs deal to use Microsoft cloud for tax records",
                     "Officials will move the records to Azure servers next year.").relevant


def test_a_data_centre_developer_leases_capacity(judge: Judge) -> None:
    verdict = judge("Microsoft signs lease with Vantage Data Centers for AI capacity in Texas")
    assert verdict.relevant
    assert set(verdict.parties) == {"Microsoft", "Vantage Data Centers"}


def test_fermi_is_the_developer_only_beside_its_campus(triage: Triage) -> None:
    """'Fermi' alone is a physicist, a lab and an old GPU architecture."""
    def named(text: str) -> set[str]:
        return {h.label for h in triage.matcher.find(text) if h.family == "company"}
    assert "Fermi America" in named("Fermi signs a tenant for its HyperGrid campus near Amarillo")
    assert "Fermi America" not in named("A Fermi estimate puts Nvidia's GPU count at a million")
