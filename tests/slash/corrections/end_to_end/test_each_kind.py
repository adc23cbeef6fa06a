"""Each correction from the menu of a post the pipeline delivered to the stand-in, over signed
block_actions and view_submission requests to the web process with the real handlers, then
delivery: what the people in both channels see."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from briefings.models import ChangeKind, Person, Status
from tests.delivery.calls import KEY, banner, deal, notes, roots
from tests.delivery.support import ALL, T0, C, D, U, World, payload, story, verdict
from tests.slash.corrections.end_to_end.support import (
    SECOND,
    Analyst,
    done,
    menu_labels,
    reply_of,
    thread,
)

CHANNELS = (ALL.id, SECOND.id)
ANA = Person("U0ANALYST", "ana")
SOURCE = "anthropic-microsoft:maia-200"
LATER = T0 + timedelta(hours=2)


@pytest.mark.parametrize(("shown", "label", "status"), [
    (U, "Mark CONFIRMED", C), (C, "Mark UNCONFIRMED", U), (U, "Mark DENIED", D)])
def test_marking_a_status_edits_every_post_and_notes_every_thread(
        world: World, ana: Analyst, shown: Status, label: str, status: Status) -> None:
    world.ingest((story("s1"), verdict(shown)))
    world.deliver()
    answer = ana.correct(roots(world)[0], label, "Microsoft told us")
    assert f"{status.value.upper()} (was {shown.value.upper()})" in done(answer)
    world.deliver()
    for channel in CHANNELS:
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1
        assert root["text"].startswith(f"{status.value.upper()} (updated) (set by @ana)")
        assert banner(root).endswith("· set by @ana: Microsoft told us")
        assert f"Mark {status.value.upper()}" not in menu_labels(root)  # shown: not offered
        assert notes(world, channel) == [
            f"ana marked this {status.value.upper()} (was {shown.value.upper()}): "
            "Microsoft told us"]
    found = deal(world)
    assert (found.status, found.set_by) == (status, ANA)
    assert (found.history[-1].kind, found.history[-1].reason) == (
        ChangeKind.CORRECTION, "Microsoft told us")


def test_not_a_deal_hides_it_and_says_so_on_every_post(world: World, ana: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    ana.correct(roots(world, SECOND.id)[0], "Not a deal", "a launch, not a supply deal")
    world.deliver()
    for channel in CHANNELS:
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1
        assert root["text"].startswith("NOT A DEAL (updated) (set by @ana)")
        [note] = notes(world, channel)
        assert note.startswith("ana marked this not a deal: a launch, not a supply deal.")
    assert deal(world).hidden


def _two_deals_in_two_channels(world: World) -> None:
    """A rumour of Maia, then a confirmed Maia 200 the triage took for another deal: each has
    a post in both channels."""
    world.ingest((story("t1"), verdict(U)))
    world.ingest((story("s1", "Microsoft confirms Maia 200 deal", published=LATER),
                  replace(verdict(C, SOURCE, evidence=("published by Microsoft Newsroom",)),
                          subject="Maia 200")))
    world.deliver()


def test_same_deal_as_moves_the_threads_and_points_the_old_posts_at_the_kept_ones(
        world: World, ana: Analyst) -> None:
    _two_deals_in_two_channels(world)
    source = roots(world, SECOND.id)[1]
    assert payload(source)["deal_key"] == SOURCE
    view = ana.open(source, "Same deal as…")
    answer = ana.submit(view, "same contract", target="Anthropic + Microsoft: Maia (")
    assert done(answer) == ("Merged Anthropic + Microsoft: Maia 200 into Anthropic + "
                            "Microsoft: Maia.")
    world.deliver()
    for channel in CHANNELS:
        kept, pointer = roots(world, channel)
        assert payload(kept)["deal_key"] == KEY and len(kept["versions"]) == 1
        assert kept["text"].startswith("CONFIRMED")  # the deal is now the confirmed one
        assert pointer["text"] == ("This deal was merged into Anthropic + Microsoft: Maia by "
                                   "ana: same contract.")
        assert f"/archives/{channel}/p{kept['ts']}" in str(pointer["blocks"])
        assert not any("accessory" in b for b in pointer["blocks"])  # no menu: the deal is gone
        assert [m["text"] for m in thread(world, channel, kept)] == [
            "ana merged Anthropic + Microsoft: Maia 200 into this deal: same contract. The "
            "deal is now CONFIRMED."]
    merged = deal(world)
    assert [c.story_id for c in merged.history if c.kind is ChangeKind.STORY] == ["t1", "s1"]
    assert (merged.history[-1].kind, merged.history[-1].by) == (ChangeKind.MERGE, ANA)
    assert deal(world, SOURCE).merged_into == KEY


def test_split_posts_the_story_as_a_new_deal_in_both_channels(
        world: World, ana: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.ingest((story("s2", "Microsoft confirms Maia deal", published=LATER),
                  verdict(C, evidence=("published by Microsoft Newsroom",))))
    world.deliver()
    reply = reply_of(world, ALL.id, "s2")
    assert reply["thread_ts"] == roots(world)[0]["ts"]  # the confirmation is in the thread
    done(ana.correct(reply, "Split this story into a new deal", "a separate contract"))
    world.deliver()
    new = deal(world, payload(roots(world)[1])["deal_key"])
    assert new.key != KEY and new.status is C
    for channel in CHANNELS:
        old_root, new_root = roots(world, channel)
        assert old_root["text"].startswith("UNCONFIRMED (updated)")
        assert len(old_root["versions"]) == 2  # confirmed by s2, then back when s2 left
        assert thread(world, channel, old_root)[-1]["text"] == (
            "ana moved “Microsoft confirms Maia deal” into a deal of its own: a separate "
            "contract. The deal is now UNCONFIRMED.")
        assert (payload(new_root)["deal_key"], payload(new_root)["story_id"]) == (new.key, "s2")
        assert new_root["text"].startswith("CONFIRMED")
    assert deal(world).status is U
