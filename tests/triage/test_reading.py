"""The matcher, the Reading it feeds and the Roster: hits in text order, filed by sentence."""

from __future__ import annotations

import pytest

from briefings.config import Watchlist
from briefings.triage.matcher import Hit, Matcher
from briefings.triage.reading import TITLE, joined, read
from briefings.triage.roles import Roster
from briefings.triage.vocab import COMPANY, mask


@pytest.fixture(scope="module")
def matcher(watchlist: Watchlist) -> Matcher:
    return Matcher(watchlist)


def test_hits_come_in_text_order_and_each_knows_its_sentence(matcher: Matcher) -> None:
    title = "Acme Robotics buys Nvidia GPUs"
    text = joined(title, "The order is small. OpenAI signed a deal with CoreWeave on Monday.")
    reading = read(matcher, title, text)
    hits = [h for sentence in reading.by_sentence for h in sentence]
    assert hits == sorted(hits)
    assert [(h.label, h.sentence) for h in reading.family(COMPANY)] == [
        ("NVIDIA", 0), ("OpenAI", 2), ("CoreWeave", 2)]
    assert all(h.sentence == i for i, sentence in enumerate(reading.by_sentence) for h in sentence)


def test_a_hit_is_equal_by_place_and_meaning_whatever_sentence_it_was_filed_in() -> None:
    assert Hit(3, 9, "deal", "deal", sentence=2) == Hit(3, 9, "deal", "deal")
    assert len({Hit(3, 9, "deal", "deal", sentence=2), Hit(3, 9, "deal", "deal")}) == 1
    assert Hit(3, 9, "deal", "deal") < Hit(3, 10, "deal", "deal") < Hit(4, 5, "chip", "a")


def test_families_are_asked_by_sentence(matcher: Matcher) -> None:
    title = "OpenAI signs deal with CoreWeave"
    reading = read(matcher, title, joined(title, "The talks went on for weeks."))
    assert reading.has(TITLE, "deal") and not reading.has(1, "deal")
    assert reading.has_any(1, mask(("deal", "talks"))) and not reading.has_any(1, mask(("deny",)))


def test_a_misspelt_family_is_an_error_not_a_silent_miss(matcher: Matcher) -> None:
    reading = read(matcher, "OpenAI signs deal", "OpenAI signs deal")
    with pytest.raises(KeyError, match="dael"):
        mask(("deal", "dael"))
    with pytest.raises(KeyError, match="dael"):
        reading.has(TITLE, "dael")
    with pytest.raises(KeyError, match="dael"):
        reading.family("dael")


@pytest.mark.parametrize(("names", "actors", "pairable"), [
    (["OpenAI", "NVIDIA"], None, True),  # a buyer and a supplier
    (["Microsoft"], None, False),  # a hyperscaler is both sides, but it takes two
    (["Microsoft", "Oracle"], None, True),  # two that are each both
    (["CoreWeave", "NVIDIA"], None, True),  # a builder (a neocloud) and a maker
    (["CoreWeave", "NVIDIA"], ["CoreWeave"], False),  # the maker named only as a brand
    (["CoreWeave", "Micron"], ["Micron"], True),  # the maker named as an actor
    (["Cerebras", "NVIDIA"], None, False),  # a vendor's own cloud is no builder
])
def test_the_roster_pairs_a_buyer_with_a_supplier_or_a_builder_with_a_maker(
        watchlist: Watchlist, names: list[str], actors: list[str] | None,
        pairable: bool) -> None:
    assert Roster(watchlist).pairable(names, actors) is pairable
