"""Properties of text cleaning and canonical links over arbitrary input (Hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefings.feeds.ids import LINK_CAP, canonical_link
from briefings.feeds.text import clean_text

_BAD = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}


@given(st.text(), st.integers(min_value=2, max_value=500))
def test_clean_text_is_safe_one_line_and_capped(raw: str, cap: int) -> None:
    cleaned = clean_text(raw, cap)
    assert len(cleaned) <= cap
    assert cleaned == cleaned.strip()
    assert not _BAD & set(cleaned) and "\n" not in cleaned
    cleaned.encode("utf-8")  # no lone surrogates


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_clean_text_is_idempotent_on_plain_text(raw: str) -> None:
    once = clean_text(raw.replace("<", "").replace("&", ""))
    assert clean_text(once) == once


@given(st.text(max_size=900))
def test_canonical_link_never_fails_and_fits_its_column(link: str) -> None:
    for candidate in (link, "https://example.com/" + link):
        canonical = canonical_link(candidate)
        assert len(canonical) <= LINK_CAP
        assert canonical == "" or canonical.startswith(("https://", "sha256:"))
