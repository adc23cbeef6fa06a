"""Money and capacity amounts: the cheap substring hints never change what the patterns find."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefings.triage import values

WORDS = ["$", "€", "1", "20", "0.5", ",", ".", " ", "-", "billion", "Billion", "million", "bn",
         "dollars", "gigawatts", "MW", "GW", "GPUs", "Nvidia", "Maia", "chips", "TPUs", "x",
         "\u0663", "\uff15"]  # Arabic-Indic and full-width digits match \\d too
texts = st.lists(st.sampled_from(WORDS), max_size=12).map("".join) | st.text(max_size=30)


@given(texts)
def test_value_is_the_first_money_pattern_match(text: str) -> None:
    match = values._VALUE.search(text)
    assert values.value(text) == (match.group(0).strip() if match else None)


@given(texts)
def test_capacity_is_the_first_pattern_match_after_no_model_name(text: str) -> None:
    found = next((m.group(0) for m in values._CAPACITY.finditer(text)
                  if not values._MODEL_NAME.search(text, max(m.start() - 20, 0), m.start())), None)
    assert values.capacity(text) == found


def test_amounts_are_read_from_the_text() -> None:
    text = "OpenAI will pay $10 billion for 1.5 gigawatts, or 50,000 AMD GPUs."
    assert values.value(text) == "$10 billion"
    assert values.capacity(text) == "1.5 gigawatts"
