"""The in-memory deal index: whole-name and part-name matches, best score first, then recency."""

from __future__ import annotations

from briefings.search import Kind, Term
from briefings.search_index import DealIndex

INDEX = DealIndex([  # most recently active first
    ("d-new", "|anthropic|microsoft|maia|maia|"),
    ("d-mid", "|amazon|anthropic|trainium|trainium|"),
    ("d-old", "|microsoft|openai|maia 200|maia 200|"),
    ("d-amd", "|amd|openai|instinct|instinct|"),
])
ANTHROPIC = Term("anthropic", "Anthropic", Kind.COMPANY)
MICROSOFT = Term("microsoft", "Microsoft", Kind.COMPANY)
MAIA = Term("maia", "Maia", Kind.CHIP)


def test_all_terms_matched_by_one_deal_is_complete() -> None:
    ranked = INDEX.match([ANTHROPIC, MICROSOFT], 10)
    assert (ranked.keys, ranked.total, ranked.complete) == (["d-new"], 1, True)


def test_ties_are_most_recent_first_and_limited() -> None:
    ranked = INDEX.match([ANTHROPIC], 1)
    assert (ranked.keys, ranked.total) == (["d-new"], 2)


def test_chips_match_part_of_a_name_companies_do_not() -> None:
    assert INDEX.match([MAIA], 10).keys == ["d-new", "d-old"]
    assert INDEX.match([Term("micro", "micro", Kind.COMPANY)], 10).keys == []


def test_partial_matches_are_not_complete() -> None:
    ranked = INDEX.match([ANTHROPIC, Term("nvidia", "NVIDIA", Kind.COMPANY)], 10)
    assert ranked.complete is False and ranked.keys == ["d-new", "d-mid"]


def test_no_terms_no_matches() -> None:
    assert INDEX.match([], 10).keys == []
    assert len(INDEX) == 4
    assert ("maia 200", Kind.SUBJECT) in INDEX.names()
