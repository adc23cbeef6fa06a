"""The pure decisions of merge and split, as tables: the merged status, the joined facts, the
deal left after a split, the new deal's key, and the words of the notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from briefings.models import Deal, Person, Status, Story, Verdict
from briefings.regrouping import (
    KEY_MAX,
    lead_story,
    merge_note,
    merged_deal,
    pointer_text,
    split_key,
    split_note,
    without_story,
)

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
U, C, D = Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED
ANA, BEN = Person("U0ANA0001", "Ana"), Person("U0BEN0001", "Ben")


def deal(key: str, status: Status, days: int, **kw: object) -> Deal:
    since = T0 + timedelta(days=days)
    base = Deal(key=key, parties=("Anthropic", "Microsoft"), subject="Maia", chips=("Maia",),
                status=status, status_since=since, first_seen=since, last_activity=since,
                summary=f"{key} summary", evidence=(f"{key} quote",))
    return replace(base, **kw)  # type: ignore[arg-type]


def told(ident: str, status: Status, days: int, **kw: object) -> tuple[Story, Verdict]:
    at = T0 + timedelta(days=days)
    story = Story(id=ident, feed="Wire", outlet="Wire", title=f"{ident} title", text="",
                  link=f"https://wire.example/{ident}", published=at, first_seen=at)
    verdict = Verdict(relevant=True, score=1.0, parties=("Anthropic", "Microsoft"),
                      status=status, evidence=(f"{ident} quote",), summary=f"{ident} summary",
                      subject="Maia")
    return story, replace(verdict, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("target", "source", "status", "by"), [
    (deal("t", U, 0), deal("s", C, 1), C, None),  # a confirmation outranks a rumour
    (deal("t", C, 0), deal("s", U, 1), C, None),
    (deal("t", C, 0), deal("s", D, 1), D, None),  # the later of confirmation and denial
    (deal("t", D, 0), deal("s", C, 1), C, None),
    (deal("t", C, 1), deal("s", D, 0), C, None),
    (deal("t", U, 5, set_by=ANA), deal("s", C, 1), U, ANA),  # a person's call stands
    (deal("t", U, 0), deal("s", D, 1, set_by=ANA), D, ANA),
    (deal("t", U, 2, set_by=ANA), deal("s", C, 3, set_by=BEN), C, BEN),  # the latest call
])
def test_the_merged_status(target: Deal, source: Deal, status: Status,
                           by: Person | None) -> None:
    merged = merged_deal(target, source)
    assert (merged.key, merged.status, merged.set_by) == ("t", status, by)
    lead = source if source.status is status and (by is None or source.set_by == by) else target
    assert merged.status_since == lead.status_since and merged.summary == lead.summary


def test_merge_joins_parties_chips_and_the_evidence_of_the_status_shown() -> None:
    target = deal("t", C, 0, parties=("Microsoft", "Anthropic"), chips=("Maia",))
    source = deal("s", C, 3, parties=("Anthropic", "NVIDIA"), chips=("H100", "Maia"))
    denied = deal("x", D, -1)
    merged = merged_deal(target, source)
    assert merged.parties == ("Anthropic", "Microsoft", "NVIDIA")
    assert merged.chips == ("Maia", "H100") and merged.subject == "Maia"
    assert merged.evidence == ("t quote", "s quote")
    assert (merged.first_seen, merged.last_activity) == (target.first_seen, source.last_activity)
    assert merged_deal(target, denied).evidence == ("t quote",)  # no denial quotes under C


def test_the_deal_left_after_a_split_is_refolded_from_its_stories() -> None:
    old = deal("d", C, 0, parties=("Anthropic", "Microsoft", "NVIDIA"))
    rest = [told("a", U, 0), told("b", U, 2, parties=("Anthropic", "Microsoft"))]
    left = without_story(old, rest)
    assert (left.status, left.status_since, left.evidence) == (U, T0, ("a quote",))
    assert left.parties == ("Anthropic", "Microsoft") and left.last_activity == rest[1][0].published
    called = without_story(replace(old, set_by=ANA), rest)
    assert (called.status, called.set_by, called.evidence) == (C, ANA, ("d quote",))


def test_the_story_a_post_shows() -> None:
    rest = [told("a", U, 0), told("b", C, 1), told("c", U, 2)]
    assert lead_story(deal("d", C, 0), rest) == rest[1]
    assert lead_story(deal("d", D, 0), rest) == rest[2]
    assert lead_story(deal("d", D, 0), []) is None


def test_split_keys_are_readable_bounded_and_never_reused() -> None:
    story, verdict = told("s2", C, 0, parties=tuple(f"Company {n} " * 9 for n in range(9)))
    taken: set[str] = set()
    keys = []
    for _ in range(3):
        keys.append(split_key(verdict, story, taken.__contains__))
        taken.add(keys[-1])
    assert all(len(key) <= KEY_MAX for key in keys) and len(set(keys)) == 3
    assert keys[0].endswith(":split") and keys[1] == keys[0] + "2"
    story, verdict = told("s2", C, 0)
    short = split_key(verdict, story, lambda key: False)
    assert short.startswith("anthropic-microsoft:maia:2026-11:") and short.endswith(":split")


def test_the_words_of_the_notes() -> None:
    source, merged = deal("s", U, 0, subject="Maia 200"), deal("t", C, 0)
    assert merge_note(ANA, source, " same contract ", U, merged) == (
        "Ana merged Anthropic + Microsoft: Maia 200 into this deal: same contract. "
        "The deal is now CONFIRMED.")
    assert merge_note(ANA, source, "", C, merged) == (
        "Ana merged Anthropic + Microsoft: Maia 200 into this deal.")
    story = told("s2", C, 0)[0]
    assert split_note(ANA, story, "separate deal!", C, merged) == (
        "Ana moved “s2 title” into a deal of its own: separate deal!")
    assert pointer_text(ANA, merged, "") == (
        "This deal was merged into Anthropic + Microsoft: Maia by Ana.")
