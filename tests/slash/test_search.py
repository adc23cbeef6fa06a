"""Query parsing as a table: aliases, typos, phrases, noise; suggestions for near misses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.config import load_watchlist
from briefings.search import MAX_WORDS, Kind, Vocabulary

WATCHLIST = load_watchlist(Path(__file__).resolve().parents[2] / "config" / "watchlist.toml")
VOCABULARY = Vocabulary.build(WATCHLIST, [("CoreWeave", Kind.COMPANY),
                                          ("inference capacity", Kind.SUBJECT)])


@pytest.mark.parametrize(("text", "labels"), [
    ("antropic microsoft", ("Anthropic", "Microsoft")),
    ("msft maia", ("Microsoft", "Maia")),
    ("Trainium", ("Trainium",)),
    ("trainum", ("Trainium",)),
    ("AWS Trainium2", ("Amazon", "Trainium2")),
    ("amazon web services", ("Amazon",)),
    ("Anthropic and Microsoft deal", ("Anthropic", "Microsoft")),
    ("microso", ("Microsoft",)),
    ("mi300x", ("Instinct MI300X",)),
    ("coreweave", ("CoreWeave",)),
    ("inference capacity", ("inference capacity",)),
    ("maia maia MAIA", ("Maia",)),
    ("<!channel> <@U123|bob> maia", ("Maia",)),
    ("gigawatt", ("gigawatt",)),
    ("a % _ ' ;", ()),
])
def test_parse(text: str, labels: tuple[str, ...]) -> None:
    assert VOCABULARY.parse(text).labels == labels


def test_companies_must_be_whole_entries_chips_and_words_need_not() -> None:
    terms = {t.label: t.whole for t in VOCABULARY.parse("microsoft maia gigawatt").terms}
    assert terms == {"Microsoft": True, "Maia": False, "gigawatt": False}


def test_closest_names_for_a_near_miss() -> None:
    assert VOCABULARY.closest("Blackwel")[0] == "NVIDIA Blackwell"
    assert VOCABULARY.closest("mircosfot")[0] == "Microsoft"
    assert VOCABULARY.closest("") == []


@given(st.text(max_size=20_000))
def test_any_text_parses_to_a_bounded_query(text: str) -> None:
    query = VOCABULARY.parse(text)
    assert len(query.raw) <= 200
    assert len(query.terms) <= MAX_WORDS
