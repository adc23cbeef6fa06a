"""Normalisation: light HTML to plain text, offsets kept by folding, sentence spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.triage.matcher import keyed, keyed_ascii
from briefings.triage.text import clean, fold, sentences


@pytest.mark.parametrize(("raw", "plain"), [
    ("<p>Chips &amp; clouds</p>", "Chips & clouds"),
    ("A <a href='https://x.test'>link</a> here", "A link here"),
    ("&quot;Quoted&quot;   and\n\tspaced", '"Quoted" and spaced'),
    ("Double-escaped &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;", "Double-escaped bold"),
    ("Curly \u201cquotes\u201d and \u2019apostrophes\u2019 \u2014 dashes",
     "Curly \"quotes\" and 'apostrophes' - dashes"),
])
def test_clean_makes_plain_text(raw: str, plain: str) -> None:
    assert clean(raw) == plain


@given(st.text())
def test_clean_is_idempotent(raw: str) -> None:
    once = clean(raw)
    assert clean(once) == once


@given(st.text())
def test_fold_keeps_every_offset(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text(st.characters(max_codepoint=127)))
def test_keyed_ascii_shortcut_agrees_with_the_general_path(text: str) -> None:
    assert keyed_ascii(text) == keyed(text).encode()


def test_sentences_skip_abbreviations() -> None:
    text = "Acme Corp. signed with Beta Inc. on Monday. Terms were not disclosed."
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Acme Corp. signed with Beta Inc. on Monday.", "Terms were not disclosed."]


def test_a_dateline_s_month_ends_no_sentence() -> None:
    """"Sep. 17, 2025 | 2 min read OpenAI said ..." is one sentence: a feed's dateline split
    off as its own used to push the news out of the lead."""
    text = "Sep. 17, 2025 | 2 min read Acme signed with Beta. Terms were not disclosed."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Sep. 17, 2025 | 2 min read Acme signed with Beta.", "Terms were not disclosed."]


@given(st.text("aZ1. !?\"')(\u201c\u201d", max_size=12),
       st.text("aZ1. !?\"')(Inc.S", max_size=40))
def test_sentences_of_a_body_read_in_place_after_its_title(title: str, body: str) -> None:
    offset = len(title) + 1
    shifted = [(s + offset, e + offset) for s, e in sentences(body)]
    assert sentences(f"{title}\n{body}", offset) == shifted
