"""One table row per cue family: what a phrase of that family does to the verdict."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefings.config import Watchlist
from briefings.models import Status, Verdict

Judge = Callable[..., Verdict]
U, C, D = Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED

ROWS = [
    # family, title, body, relevant, status
    ("deal", "Oracle and OpenAI sign data center capacity agreement", "", True, C),
    ("deal", "Oracle and OpenAI executives share a stage on data center capacity", "", False,
     None),
    ("talks", "Meta negotiating with CoreWeave over GPU capacity", "", True, U),
    ("final", "Lambda lands Microsoft GPU cloud contract", "", True, C),
    ("hedge", "Lambda lands Microsoft GPU cloud contract",
     "The contract has not been finalized, sources said.", True, U),
    ("source", "Lambda lands Microsoft GPU cloud contract",
     "The contract was signed last week, people familiar with the matter said.", True, U),
    ("source", "Lambda lands Microsoft GPU cloud contract",
     "It was signed last week, a person familiar said. A Lambda spokesperson confirmed the "
     "contract.", True, C),
    ("background", "Lambda in talks for Microsoft GPU cloud contract",
     "Talks are early, a person familiar said. Lambda previously denied any Microsoft talks.",
     True, U),
    ("confirm", "Microsoft confirms GPU cloud contract with Lambda",
     "The deal was first reported last week by a trade outlet.", True, C),
    ("statement", "Microsoft and Lambda strike GPU cloud contract",
     "The companies said the capacity comes online in the spring.", True, C),
    ("deny", "Lambda says report of Microsoft GPU contract is untrue", "", True, D),
    ("negation", "Microsoft and Lambda GPU cloud contract not confirmed", "", True, U),
    ("compute", "Humain signs deal with Qualcomm for AI200 inference racks", "", True, C),
    ("compute", "Humain signs sponsorship deal with Qualcomm for football league", "", False,
     None),
    ("exclude", "Humain sues Qualcomm over data center contract", "", False, None),
    ("veto", "Drought in the Amazon threatens Nvidia chip supply deal", "", False, None),
    ("maybe", "Nvidia could supply xAI with Blackwell GPUs", "", True, U),
    ("hardware", "Apple chips roll off a new TSMC production line", "", False, None),
]


@pytest.mark.parametrize(("family", "title", "text", "relevant", "status"), ROWS)
def test_cue_family(judge: Judge, family: str, title: str, text: str, relevant: bool,
                    status: Status | None) -> None:
    verdict = judge(title, text)
    assert (verdict.relevant, verdict.status) == (relevant, status), (family, verdict)


@pytest.mark.parametrize(("text", "use"), [
    ("The chips will serve inference traffic for the chatbot.", "inference"),
    ("The cluster is for pretraining the next model.", "training"),
    ("The capacity covers training and inference.", "both"),
    ("Terms were not disclosed.", "unknown"),
])
def test_inference_and_training_cues(judge: Judge, text: str, use: str) -> None:
    verdict = judge("Cohere signs deal to rent Nvidia GPUs from CoreWeave", text)
    assert verdict.use.value == use


def test_every_cue_family_is_used(watchlist: Watchlist) -> None:
    families = {row[0] for row in ROWS} | {"inference", "training"}
    empty = [name for name, phrases in watchlist.cues if not phrases]
    assert not empty
    assert families <= {name for name, _ in watchlist.cues}
