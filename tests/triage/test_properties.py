"""Properties over many generated stories: case, spacing and unrelated sentences change nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.triage import Triage
from briefings.triage.text import clean
from tests.triage.conftest import make_story

BUYERS = ["OpenAI", "Anthropic", "Meta", "xAI", "Mistral AI", "Microsoft", "Oracle"]
SUPPLIERS = ["NVIDIA", "AMD", "Cerebras", "CoreWeave", "Nebius", "Groq", "Broadcom"]
VERBS = ["signs deal to rent GPUs from", "is in talks to buy chips from",
         "reportedly weighs an accelerator order with", "denies report of compute talks with",
         "confirms cloud capacity agreement with", "launches a new model, praised by"]
HEDGES = ["", " People familiar with the matter said so.", " The companies announced it.",
          " Neither company commented."]
UNRELATED = ["The weather in Lisbon was mild on Tuesday.", "A local bakery opened a second shop.",
             "The football season starts in August."]

stories = st.builds(
    lambda b, v, s, h: (f"{b} {v} {s}", f"{b} and {s} discussed the plan.{h}"),
    st.sampled_from(BUYERS), st.sampled_from(VERBS), st.sampled_from(SUPPLIERS),
    st.sampled_from(HEDGES))
fast = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _key(triage: Triage, title: str, text: str) -> tuple[object, ...]:
    v = triage.judge(make_story(clean(title), clean(text)))
    return v.relevant, v.status, v.parties, v.chips


@fast
@given(stories, st.sampled_from(["  ", "\n", "\t "]))
def test_whitespace_does_not_change_the_verdict(triage: Triage, story: tuple[str, str],
                                               gap: str) -> None:
    title, text = story
    assert _key(triage, title, text) == _key(triage, title.replace(" ", gap),
                                            text.replace(" ", gap))


@fast
@given(stories)
def test_letter_case_of_ordinary_words_does_not_change_the_verdict(
        triage: Triage, story: tuple[str, str]) -> None:
    title, text = story
    shouted = " ".join(w.upper() if w.islower() and w not in {"arm", "apple"} else w
                       for w in title.split())
    titled = " ".join(w[:1].upper() + w[1:] for w in title.split())
    assert _key(triage, title, text) == _key(triage, shouted, text) == _key(triage, titled, text)


@fast
@given(stories, st.sampled_from(UNRELATED))
def test_an_unrelated_sentence_does_not_flip_relevance(triage: Triage, story: tuple[str, str],
                                                      extra: str) -> None:
    title, text = story
    before = triage.judge(make_story(title, text)).relevant
    assert triage.judge(make_story(title, f"{text} {extra}")).relevant == before
    assert triage.judge(make_story(title, f"{extra} {text}")).relevant == before
