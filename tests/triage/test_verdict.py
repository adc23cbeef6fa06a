"""A relevant verdict carries every field it describes, each with its own value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from briefings.models import DealKind, Status, Use, Verdict


def test_each_field_of_a_relevant_verdict_holds_its_own_value(
        judge: Callable[..., Verdict]) -> None:
    verdict = judge("OpenAI signs $10 billion deal with Amazon for 1 gigawatt of Trainium3 chips",
                    "OpenAI and Amazon announced the agreement on Monday. The chips will run "
                    "inference for its models.")
    assert verdict.reasons, "a relevant verdict says why"
    assert {k: v for k, v in asdict(verdict).items() if k != "reasons"} == {
        "relevant": True,
        "score": 1.0,
        "parties": ("Amazon", "OpenAI"),
        "chips": ("Trainium3",),
        "use": Use.INFERENCE,
        "value": "$10 billion",
        "capacity": "1 gigawatt",
        "status": Status.CONFIRMED,
        "evidence": ("OpenAI and Amazon announced the agreement on Monday.",),
        "summary": "OpenAI and Amazon announced the agreement on Monday.",
        "subject": "Trainium chips for inference",
        "kind": DealKind.CHIPS,
        "deal_key": None,
        "separate": False,
        "on_record": True,  # the parties announced it themselves
    }
