"""Merge and split against the sandbox, with posts in two channels: stories and threads move,
nothing is lost, each channel keeps one post per deal, and later news finds the right thread."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from briefings.correcting import apply_correction
from briefings.corrections import Applied, Correction, CorrectionAction, CorrectionRefused
from briefings.digest_window import DigestWindow, IsoWeek
from briefings.models import ChangeKind, Person, Status, Verdict
from briefings.store import deals as deal_store
from briefings.store import digests, search
from briefings.store.database import transaction
from briefings.store.tables import DealThreadRow, FollowRow, OutboxRow, StoryRow
from tests.delivery.support import (
    ALL,
    CONFIRMED_ONLY,
    T0,
    C,
    U,
    World,
    payload,
    story,
    verdict,
)

TARGET, SOURCE = "anthropic-microsoft:maia", "anthropic-microsoft:maia-200"
ANA = Person("U0ANA0001", "Ana")
LATER = T0 + timedelta(hours=2)


def correct(world: World, action: CorrectionAction, deal_key: str, **values: Any) -> Applied:
    correction = Correction(action, deal_key, ANA, world.clock(), **values)
    return apply_correction(world.sessions, world.config, correction)


def source_verdict(status: Status, **values: Any) -> Verdict:
    return replace(verdict(status, SOURCE, **values), subject="Maia 200")


def roots(world: World, channel: str) -> list[dict[str, Any]]:
    return [m for m in world.posts(channel) if "thread_ts" not in m]


def replies(world: World, channel: str, root: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in world.posts(channel) if m.get("thread_ts") == root["ts"]]


def deals_of_stories(world: World) -> dict[str, str | None]:
    with transaction(world.sessions) as session:
        return {str(i): k for i, k in session.execute(select(StoryRow.id, StoryRow.deal_key))}


def two_deals_in_two_channels(world: World) -> None:
    """The target, a rumour, posted in #deals only; the source, confirmed, in both channels;
    then a report of the source still waiting to be sent in both."""
    world.channels = (ALL, CONFIRMED_ONLY)
    world.ingest((story("t1"), verdict(U, TARGET)))
    world.ingest((story("s1", "Microsoft confirms Maia 200 deal", published=LATER),
                  source_verdict(C, evidence=("published by Microsoft Newsroom",))))
    world.deliver()
    world.clock.advance(hours=1)
    world.ingest((story("s2", "Maia 200 deal detailed", published=LATER + timedelta(hours=1)),
                  source_verdict(U)))


def test_merge_keeps_one_post_per_channel_and_loses_no_story(world: World) -> None:
    two_deals_in_two_channels(world)
    applied = correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET,
                      reason="same contract")
    world.deliver()
    assert applied.deal_key == TARGET
    assert deals_of_stories(world) == {"t1": TARGET, "s1": TARGET, "s2": TARGET}

    kept, pointer = roots(world, ALL.id)  # both deals had a post here: the target's stays
    assert kept["text"].startswith("CONFIRMED") and payload(kept)["deal_key"] == TARGET
    assert pointer["edited"] and pointer["versions"][0]["text"].startswith("CONFIRMED")
    assert pointer["text"] == ("This deal was merged into Anthropic + Microsoft: Maia by Ana: "
                               "same contract.")
    link = f"https://sandbox.slack.invalid/archives/{ALL.id}/p{kept['ts']}"
    assert link in str(pointer["blocks"])
    report, note = replies(world, ALL.id, kept)
    assert payload(report)["story_id"] == "s2"  # planned for the source, landed in the target
    assert note["text"] == ("Ana merged Anthropic + Microsoft: Maia 200 into this deal: same "
                            "contract. The deal is now CONFIRMED.")

    [adopted] = roots(world, CONFIRMED_ONLY.id)  # only the source had one: it is the target's
    assert payload(adopted)["deal_key"] == TARGET and adopted["edited"]
    assert [payload(m).get("story_id") for m in replies(world, CONFIRMED_ONLY.id, adopted)] == [
        "s2", None]  # the report, then the note
    assert {row.state for row in world.rows()} <= {"sent", "skipped"}


def test_merge_joins_history_and_leaves_the_source_out_of_lists(world: World) -> None:
    two_deals_in_two_channels(world)
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET, reason="same contract")
    with transaction(world.sessions) as session:
        target = deal_store.get_deal(session, TARGET, with_history=True)
        source = deal_store.get_deal(session, SOURCE, with_history=True)
        listed = {deal.key for deal in search.recent(session, 10)[0]}
        indexed = {key for key, _ in search.indexed_deals(session)}
        grouping = {deal.key for deal in deal_store.candidates(session, ["Anthropic"])}
        week = DigestWindow(IsoWeek(2026, 47), T0 - timedelta(days=7), T0 + timedelta(days=7))
        digest = {a.deal.key for a in digests.week_facts(session, week).active}
    assert target is not None and source is not None
    assert source.merged_into == TARGET
    assert listed == indexed == grouping == digest == {TARGET}
    assert [c.story_id for c in target.history if c.kind is ChangeKind.STORY] == ["t1", "s1"]
    merge = target.history[-1]
    assert (merge.kind, merge.by, merge.reason, merge.other_deal) == (
        ChangeKind.MERGE, ANA, "same contract", SOURCE)
    assert [(c.kind, c.other_deal) for c in source.history] == [(ChangeKind.MERGE, TARGET)]
    assert (target.status, target.evidence) == (C, ("published by Microsoft Newsroom",))
    assert target.parties == ("Anthropic", "Microsoft") and target.subject == "Maia"


def test_a_story_after_the_merge_lands_in_the_targets_threads(world: World) -> None:
    two_deals_in_two_channels(world)
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    world.deliver()
    world.ingest((story("s3", "Maia 200 racks ship", published=LATER + timedelta(hours=3)),
                  source_verdict(U)))  # the triage still groups it with the merged deal
    world.deliver()
    assert deals_of_stories(world)["s3"] == TARGET
    for channel in (ALL.id, CONFIRMED_ONLY.id):
        root = roots(world, channel)[0]
        assert payload(replies(world, channel, root)[-1])["story_id"] == "s3"
    assert len(roots(world, ALL.id)) == 2 and len(roots(world, CONFIRMED_ONLY.id)) == 1


def test_merge_into_a_deal_whose_post_is_still_waiting(world: World) -> None:
    """The pointer waits for the target's post, then links it."""
    world.ingest((story("s1", published=LATER), source_verdict(U)))
    world.deliver()
    world.ingest((story("t1", published=LATER), verdict(U, TARGET)))
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    world.deliver()
    pointer, kept = roots(world, ALL.id)
    assert pointer["text"].startswith("This deal was merged") and payload(kept)["story_id"]
    assert f"p{kept['ts']}" in str(pointer["blocks"])


def test_followers_of_the_source_follow_the_target_once(world: World) -> None:
    two_deals_in_two_channels(world)
    with transaction(world.sessions) as session:
        for user, target in (("U1", SOURCE), ("U2", SOURCE), ("U2", TARGET)):
            session.add(FollowRow(user_id=user, target_kind="deal", target=target,
                                  created_at=T0))
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    with transaction(world.sessions) as session:
        follows = [tuple(r) for r in session.execute(select(FollowRow.user_id, FollowRow.target))]
    assert sorted(follows) == [("U1", TARGET), ("U2", TARGET)]


def one_deal_in_two_channels(world: World) -> None:
    """A rumour in #deals, then its confirmation: a reply there, a new post in #confirmed."""
    world.channels = (ALL, CONFIRMED_ONLY)
    world.ingest((story("s1"), verdict(U)))
    world.ingest((story("s2", "Microsoft confirms Maia deal", published=LATER),
                  verdict(C, evidence=("published by Microsoft Newsroom",))))
    world.deliver()


def test_split_posts_the_story_as_its_own_deal_and_refolds_the_old(world: World) -> None:
    one_deal_in_two_channels(world)
    applied = correct(world, CorrectionAction.SPLIT, TARGET, story_id="s2",
                      reason="a separate contract")
    world.deliver()
    new = applied.deal_key
    assert new != TARGET and len(new) <= 200 and deals_of_stories(world) == {
        "s1": TARGET, "s2": new}
    note = ("Ana moved “Microsoft confirms Maia deal” into a deal of its own: a separate "
            "contract. The deal is now UNCONFIRMED.")
    for channel in (ALL.id, CONFIRMED_ONLY.id):
        old_root, new_root = roots(world, channel)
        assert payload(old_root)["deal_key"] == TARGET and old_root["edited"]
        assert old_root["text"].startswith("UNCONFIRMED (updated)")
        assert payload(old_root)["story_id"] == "s1"  # the story left in the deal
        assert replies(world, channel, old_root)[-1]["text"] == note
        assert payload(new_root) | {"outbox_key": ""} == {
            "deal_key": new, "status": "confirmed", "story_id": "s2", "kind": "new_deal",
            "story_url": "https://news.example/s2", "outbox_key": ""}


def test_split_records_both_histories(world: World) -> None:
    one_deal_in_two_channels(world)
    new = correct(world, CorrectionAction.SPLIT, TARGET, story_id="s2").deal_key
    with transaction(world.sessions) as session:
        old = deal_store.get_deal(session, TARGET, with_history=True)
        split = deal_store.get_deal(session, new, with_history=True)
    assert old is not None and split is not None
    assert (old.status, old.history[-1].kind, old.history[-1].other_deal) == (
        U, ChangeKind.SPLIT, new)
    assert [(c.kind, c.story_id) for c in split.history] == [
        (ChangeKind.STORY, "s2"), (ChangeKind.SPLIT, "s2")]
    assert split.history[-1].other_deal == TARGET and split.status is C


def test_split_keeps_a_persons_call_on_the_old_deal(world: World) -> None:
    one_deal_in_two_channels(world)
    with transaction(world.sessions) as session:
        deal = deal_store.get_deal(session, TARGET)
        assert deal is not None
        deal_store.save_deal(session, replace(deal, set_by=ANA))
    correct(world, CorrectionAction.SPLIT, TARGET, story_id="s2")
    with transaction(world.sessions) as session:
        deal = deal_store.get_deal(session, TARGET)
    assert deal is not None and (deal.status, deal.set_by) == (C, ANA)


def test_a_story_split_out_twice_gets_a_new_key_each_time(world: World) -> None:
    one_deal_in_two_channels(world)
    first = correct(world, CorrectionAction.SPLIT, TARGET, story_id="s2").deal_key
    correct(world, CorrectionAction.MERGE, first, target=TARGET)
    second = correct(world, CorrectionAction.SPLIT, TARGET, story_id="s2").deal_key
    assert second == first + "2"


def test_merging_into_a_merged_deal_follows_it(world: World) -> None:
    two_deals_in_two_channels(world)
    world.ingest((story("x1", published=LATER), verdict(U, "anthropic-microsoft:other")))
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    applied = correct(world, CorrectionAction.MERGE, "anthropic-microsoft:other", target=SOURCE)
    assert applied.deal_key == TARGET and deals_of_stories(world)["x1"] == TARGET


@pytest.mark.parametrize(("action", "key", "values", "message"), [
    (CorrectionAction.MERGE, TARGET, {"target": TARGET}, "one deal already"),
    (CorrectionAction.MERGE, TARGET, {"target": "nothing:here"}, "not tracked"),
    (CorrectionAction.MERGE, TARGET, {}, "Choose the deal"),
    (CorrectionAction.MERGE, "nothing:here", {"target": TARGET}, "not tracked"),
    (CorrectionAction.SPLIT, TARGET, {"story_id": "t1"}, "the only one"),
    (CorrectionAction.SPLIT, TARGET, {"story_id": "s1"}, "not part of"),
    (CorrectionAction.SPLIT, TARGET, {}, "Choose the story"),
])
def test_refusals(world: World, action: CorrectionAction, key: str, values: dict[str, Any],
                  message: str) -> None:
    two_deals_in_two_channels(world)
    before = world.rows()
    with pytest.raises(CorrectionRefused, match=message):
        correct(world, action, key, **values)
    assert len(world.rows()) == len(before)


def test_refuses_a_merged_source_and_a_hidden_target(world: World) -> None:
    two_deals_in_two_channels(world)
    world.ingest((story("x1", published=LATER), verdict(U, "anthropic-microsoft:other")))
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    with pytest.raises(CorrectionRefused, match="already merged"):
        correct(world, CorrectionAction.MERGE, SOURCE, target="anthropic-microsoft:other")
    with pytest.raises(CorrectionRefused, match="one deal already"):
        correct(world, CorrectionAction.MERGE, TARGET, target=SOURCE)
    with transaction(world.sessions) as session:
        other = deal_store.get_deal(session, "anthropic-microsoft:other")
        assert other is not None
        deal_store.save_deal(session, replace(other, hidden=True))
    with pytest.raises(CorrectionRefused, match="not a deal"):
        correct(world, CorrectionAction.MERGE, TARGET, target="anthropic-microsoft:other")


def test_refuses_while_a_message_of_the_deal_is_being_sent(world: World) -> None:
    two_deals_in_two_channels(world)
    with transaction(world.sessions) as session:
        row = session.scalars(select(OutboxRow).where(OutboxRow.state == "pending")).first()
        assert row is not None
        row.state = "sending"
    with pytest.raises(CorrectionRefused, match="being posted"):
        correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    with transaction(world.sessions) as session:
        threads = session.execute(select(DealThreadRow.deal_key)).scalars().all()
    assert sorted(threads) == [TARGET, SOURCE, SOURCE]  # nothing moved


def test_a_pending_post_of_the_source_becomes_a_reply_in_the_targets_thread(
        world: World) -> None:
    world.ingest((story("t1"), verdict(U, TARGET)))
    world.deliver()
    world.ingest((story("s1", published=LATER), source_verdict(U)))
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    world.deliver()
    [root] = roots(world, ALL.id)
    report, _note = replies(world, ALL.id, root)
    assert payload(report) | {"outbox_key": ""} == {
        "deal_key": TARGET, "status": "unconfirmed", "story_id": "s1", "kind": "report",
        "story_url": "https://news.example/s1", "outbox_key": ""}
    assert not world.slack.calls("chat.getPermalink")  # no source post to point from


def test_without_a_permalink_the_pointer_still_names_the_deal(world: World) -> None:
    two_deals_in_two_channels(world)
    world.slack.state.faults.append(lambda method, args: (
        200, {}, b'{"ok":false,"error":"message_not_found"}')
        if method == "chat.getPermalink" else None)
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    world.deliver()
    pointer = roots(world, ALL.id)[1]
    assert pointer["text"].startswith("This deal was merged into Anthropic + Microsoft: Maia")
    assert "sandbox.slack.invalid" not in str(pointer["blocks"])


def test_a_persons_words_stay_inert_in_the_note_and_the_pointer(world: World) -> None:
    two_deals_in_two_channels(world)
    correction = Correction(CorrectionAction.MERGE, SOURCE, Person("U0EVE0001", "<!here>"),
                            world.clock(), reason="see <https://evil.example|Reuters> <@U1>",
                            target=TARGET)
    apply_correction(world.sessions, world.config, correction)
    world.deliver()
    kept, pointer = roots(world, ALL.id)
    note = replies(world, ALL.id, kept)[-1]
    for message in (note, pointer):
        text = str(message["blocks"]) + message["text"]
        assert "<!here>" not in text and "<@U1>" not in text and "<https://evil" not in text
        assert "&lt;https://evil.example|Reuters&gt;" in message["text"]


def test_a_split_before_the_posts_went_out_drops_the_storys_replies(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    world.ingest((story("s2", "Microsoft confirms Maia deal", published=LATER), verdict(C)))
    new = correct(world, CorrectionAction.SPLIT, TARGET, story_id="s2").deal_key
    world.deliver()
    old_root, new_root = roots(world, ALL.id)
    assert [payload(m).get("story_id") for m in replies(world, ALL.id, old_root)] == [None]
    assert payload(new_root)["deal_key"] == new and old_root["edited"]
    skipped = {row.kind for row in world.rows() if row.state == "skipped"}
    assert skipped == {"status_change", "edit_root"}


def test_a_split_from_a_post_of_the_merged_deal_follows_the_merge(world: World) -> None:
    two_deals_in_two_channels(world)
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    new = correct(world, CorrectionAction.SPLIT, SOURCE, story_id="s1").deal_key
    assert deals_of_stories(world) == {"t1": TARGET, "s1": new, "s2": TARGET}


def test_a_merge_that_changes_the_status_tells_the_followers_once(world: World) -> None:
    """The rumour's follower hears it is now confirmed; the confirmed deal's follower, whose
    deal's status did not change, hears nothing."""
    two_deals_in_two_channels(world)
    with transaction(world.sessions) as session:
        for user, target in (("U0FOLLOW1", TARGET), ("U0FOLLOW3", SOURCE)):
            session.add(FollowRow(user_id=user, target_kind="deal", target=target,
                                  created_at=T0))
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    world.deliver()
    [dm] = world.slack.dm("U0FOLLOW1")
    assert dm["text"].startswith("CONFIRMED") and "UNCONFIRMED" in dm["text"]
    assert world.slack.dm("U0FOLLOW3") == []
    world.deliver()
    assert len(world.slack.dm("U0FOLLOW1")) == 1


def test_a_merge_edits_each_post_to_the_merged_deal_keeping_the_story_it_shows(
        world: World) -> None:
    two_deals_in_two_channels(world)
    correct(world, CorrectionAction.MERGE, SOURCE, target=TARGET)
    world.deliver()
    [kept, _pointer] = roots(world, ALL.id)
    assert payload(kept)["story_id"] == "t1"
    assert kept["text"].startswith("CONFIRMED") and "Anthropic in talks" in kept["text"]
    [adopted] = roots(world, CONFIRMED_ONLY.id)
    assert payload(adopted)["story_id"] == "s1"
    assert "Microsoft confirms Maia 200" in adopted["text"]
