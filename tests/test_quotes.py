"""The one quote-cutting rule: sentence, then clause, then phrases, then words, with ellipses."""

from __future__ import annotations

from bot.render.escape import fit_quote
from briefings.quotes import cut_quote

LONG = ("Anthropic is in talks with Microsoft to run inference for its Claude models on "
        "Microsoft's in-house Maia 200 accelerators, according to two people familiar with it.")


def test_a_short_sentence_is_quoted_whole() -> None:
    assert cut_quote("Both companies confirmed the deal.") == "Both companies confirmed the deal."


def test_a_clause_is_cut_at_the_semicolon_with_an_ellipsis() -> None:
    text = "Neither company has commented; Microsoft declined to say when the chips would ship."
    assert cut_quote(text, (0, 7)) == "Neither company has commented…"
    assert cut_quote(text, (40, 48)) == "…Microsoft declined to say when the chips would ship."


def test_phrases_around_the_cue_then_words() -> None:
    assert cut_quote(LONG, (130, 140)) == "…according to two people familiar with it."
    cut = cut_quote(LONG, (13, 21))
    assert cut.startswith("Anthropic is in talks") and cut.endswith("…")
    assert len(cut.rstrip("…").split()) <= 12


def test_slack_rendering_uses_the_same_rule() -> None:
    text = "Neither company has commented; Microsoft declined to say when the chips would ship."
    assert fit_quote(text, 40) == "Neither company has commented…"
    assert fit_quote("a < b & c", 100) == "a &lt; b &amp; c"
    assert len(fit_quote("<" * 100, 30)) <= 30
