"""Money and capacity amounts: trying the patterns only where a match can start never changes
what they find."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from briefings.triage import values
from briefings.triage.text import fold

WORDS = ["$", "€", "1", "20", "0.5", ",", ".", " ", "-", "billion", "Billion", "BILLION", "million",
         "bn", "bln", "mln", "tn", "dollars", "DOLLARS", "wins $", "gigawatts", "MW", "GW", "GPUs",
         "Nvidia", "Maia", "chips", "TPUs", "x", "megawatt", "processors", "Thousand", " thousand",
         "\u0663", "\uff15"]  # Arabic-Indic and full-width digits match \\d too
# What money and capacity amounts are, as plain patterns: values.py splits or factors them and
# skips ahead to find them sooner, and must find what these find.
MONEY = re.compile(
    r"[$€£¥]\s?\d[\d,.]*\s?(?:tn|trillion|bn|bln|billion|million|mn|mln|m|b)?\b"
    r"|\d[\d,.]*\s?(?:trillion|billion|million)\s(?:dollars|euros|yuan|won)\b",
    re.IGNORECASE)
CAPACITY = re.compile(
    r"\d(?<![\w.]\d)[\d,.]*\s?(?:-\s?)?(?:gigawatts?|megawatts?|GW|MW)\b"
    r"|\d(?<![\w.]\d)[\d,.]*(?:\s(?:thousand|million))?(?:\s[A-Z][\w-]*){0,2}\s"
    r"(?:GPUs|TPUs|chips|accelerators|processors)\b")
texts = st.lists(st.sampled_from(WORDS), max_size=12).map("".join) | st.text(max_size=30)


@given(texts)
def test_value_is_the_first_money_pattern_match(text: str) -> None:
    match = MONEY.search(text)
    assert values.value(text) == (match.group(0).strip() if match else None)


@given(texts, texts)
def test_value_reads_the_same_with_the_fold_of_a_longer_text(text: str, more: str) -> None:
    assert values.value(text, fold(text + more)) == values.value(text)


@given(texts)
def test_capacity_is_the_first_pattern_match_after_no_model_name(text: str) -> None:
    found = next((m.group(0) for m in CAPACITY.finditer(text)
                  if not values._MODEL_NAME.search(text, max(m.start() - 20, 0), m.start())), None)
    assert values.capacity(text) == found


def test_amounts_are_read_from_the_text() -> None:
    text = "OpenAI will pay $10 billion for 1.5 gigawatts, or 50,000 AMD GPUs."
    assert values.value(text) == "$10 billion"
    assert values.capacity(text) == "1.5 gigawatts"
    assert values.value("ANTHROPIC UNVEILS $50 BLN U.S. PLAN") == "$50 BLN"  # wire style
