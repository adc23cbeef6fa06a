"""The word model's second opinion: what it reads, when it may add a story, and what it says.

Most tests use hand-made weights (an always-sure model; `rules_only`, one never sure), so they
pin down the rule, not the shipped numbers; the last ones check the shipped weights against the
data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import train_words
from briefings.config import Watchlist
from briefings.models import Status
from briefings.triage import Triage
from briefings.triage.learned import WEIGHTS, WordModel, features
from briefings.triage.reading import joined, read
from tests.triage.conftest import make_story

SURE = WordModel({"bias": 30.0})  # says every story is deal news
STEP = 0.002  # two rounding steps of the shipped weights
# The headline is about a place, not the deal: the rules miss the deal signal there.
PLACE = "Where Mistral's new cluster will live"
LEASED = "Mistral AI has signed a lease with Fluidstack to host 18,000 Nvidia chips near Paris."


@pytest.fixture(scope="module")
def sure(watchlist: Watchlist) -> Triage:
    return Triage(watchlist, words=SURE)


def _features(triage: Triage, title: str, text: str = "") -> list[str]:
    return features(read(triage.matcher, title, joined(title, text)))


def test_features_mask_watched_names_and_fold_digits(triage: Triage) -> None:
    found = _features(triage, "OpenAI to rent 20,000 Nvidia GPUs from CoreWeave")
    assert {"t:zzcompany to", "t:to rent", "t:0", "t:from zzcompany"} <= set(found)
    assert not [f for f in found if "openai" in f or "coreweave" in f or "20" in f]


def test_features_keep_the_headline_and_the_lead_apart(triage: Triage) -> None:
    found = set(_features(triage, "A quiet week", "Lambda signed a lease. More later. Unread."))
    assert {"t:quiet", "l:signed", "l:later"} <= found
    assert "l:quiet" not in found and "t:signed" not in found
    assert not any("unread" in f for f in found)  # past the lead


def test_opinion_quotes_the_words_that_weighed_most() -> None:
    model = WordModel({"bias": -1.0, "t:taps": 3.0, "l:gpus": 1.0, "l:earnings": -2.0})
    opinion = model.opinion(["bias", "t:taps", "l:gpus", "l:earnings", "t:unknown"])
    assert opinion.probability == pytest.approx(0.731, abs=1e-3)
    assert opinion.strongest == (("t:taps", 3.0), ("l:gpus", 1.0))
    assert not opinion.sure
    assert opinion.reason().startswith("words not sure it is deal news (0.73 < 0.85)")


def test_a_sure_model_adds_a_deal_the_rules_missed_a_signal_of(sure: Triage,
                                                             rules_only: Triage) -> None:
    assert not rules_only.judge(make_story(PLACE, LEASED)).relevant
    added = sure.judge(make_story(PLACE, LEASED))
    assert added.relevant and added.parties == ("Fluidstack", "Mistral AI")
    assert any(r.startswith("words say deal news") for r in added.reasons)


def test_an_unsure_model_says_so_in_the_verdict(rules_only: Triage) -> None:
    left_out = rules_only.judge(make_story(PLACE, LEASED))
    assert "words not sure it is deal news (0.50 < 0.85)" in left_out.reasons


def test_a_story_only_the_words_count_is_confirmed_only_on_a_party_word(sure: Triage) -> None:
    outlet = sure.judge(make_story(PLACE, LEASED))
    assert outlet.status is Status.UNCONFIRMED  # an outlet's "has signed", read by no rule
    newsroom = sure.judge(make_story(PLACE, LEASED, outlet="Mistral AI Blog",
                                     official_for=("Mistral AI",)))
    assert newsroom.status is Status.CONFIRMED and newsroom.on_record


@pytest.mark.parametrize(("title", "text"), [
    ("Oracle launches new GPU instances with AMD chips",  # a launch
     "The instances are generally available to customers starting today."),
    ("Will Google sell TPUs to Meta?",  # a question
     "Analysts debate whether Google could ever supply Meta with chips."),
    ("Weekly: three compute deals worth a look",  # six parties: a round-up, not one deal
     "Meta signed with Google for TPUs; Microsoft with Nebius; OpenAI with Cerebras."),
    ("CoreWeave's big week",  # one side only
     "The neocloud said demand for its GPU capacity keeps growing."),
])
def test_the_words_never_overrule_a_look_alike_or_invent_a_side(sure: Triage, title: str,
                                                                text: str) -> None:
    assert not sure.judge(make_story(title, text)).relevant


def test_the_words_never_remove_what_the_rules_found(watchlist: Watchlist) -> None:
    never = Triage(watchlist, words=WordModel({"bias": -30.0}))
    found = never.judge(make_story("Microsoft to rent GPU capacity from Nebius in $2B contract"))
    assert found.relevant


@pytest.mark.usefixtures("devset_path", "realset_path")
def test_shipped_weights_are_what_the_labelled_sets_train(triage: Triage) -> None:
    """Within a rounding step: another machine's libm may differ in the last bit of exp()."""
    trained = json.loads(train_words.weights_file(triage.matcher))["weights"]
    shipped = json.loads(WEIGHTS.read_text())["weights"]
    off = {name for name in trained.keys() | shipped.keys()
           if abs(trained.get(name, 0.0) - shipped.get(name, 0.0)) > STEP}
    assert not off, f"stale weights ({len(off)} differ): run python benchmarks/train_words.py"


def test_training_reads_the_tune_split_and_never_check(triage: Triage,
                                                       realset_path: Path) -> None:
    splits = {row["id"]: row["split"] for row in map(json.loads, realset_path.open())}
    trained = train_words.labelled(triage.matcher)["realset-tune"]
    assert trained and {splits[item.ident] for item in trained} == {"tune"}
