"""Direct messages to followers, end to end: the pipeline plans them, the deliverer opens the DM
and posts it to the sandbox Slack; once per deal per hour, exactly once across lost answers and
crashes, and never for someone who unfollowed or about a hidden deal."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from bot.render.escape import JOINER
from bot.sandbox.faults import lost_answer
from briefings.correcting import apply_correction
from briefings.corrections import Correction, CorrectionAction
from briefings.follow_dms import plan_follow_dms, withdraw_unfollowed
from briefings.follows import FollowTarget, TargetKind
from briefings.models import Person
from briefings.store import follows, outbox
from briefings.store.database import transaction
from briefings.store.deals import get_deal, save_deal
from tests.delivery.support import T0, C, D, U, World, count_story, story, verdict

ANA, BEN = "U0ANALYST", "U0BEN0001"
KEY = "anthropic-microsoft:maia"
MICROSOFT = FollowTarget(TargetKind.COMPANY, "Microsoft")
THE_DEAL = FollowTarget(TargetKind.DEAL, KEY)


def follow(world: World, target: FollowTarget, user: str = ANA) -> None:
    with transaction(world.sessions) as session:
        follows.follow(session, user, target, world.clock())


def unfollow(world: World, target: FollowTarget, user: str = ANA) -> None:
    """What `/deal-status unfollow` does in its transaction."""
    with transaction(world.sessions) as session:
        follows.unfollow(session, user, target)
        withdraw_unfollowed(session, user)


def at(world: World, minutes: float, story_id: str, status: Any) -> None:
    """A story `minutes` after T0, with the world's clock moved there."""
    world.clock.now = T0 + timedelta(minutes=minutes)
    world.ingest((story(story_id, published=world.clock.now), verdict(status)))


def dms(world: World, user: str = ANA) -> list[dict[str, Any]]:
    return world.slack.dm(user)


def shown(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False).replace(JOINER, "")  # as pasted


def dm_rows(world: World) -> list[Any]:
    return [r for r in world.rows() if r.kind == "follow_dm"]


def test_a_followed_company_gets_a_dm_when_it_gets_a_new_deal(world: World) -> None:
    follow(world, MICROSOFT)
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    [dm] = dms(world)
    assert dm["text"].startswith("UNCONFIRMED (new deal): Anthropic + Microsoft: Maia")
    assert ":large_yellow_circle: *UNCONFIRMED*" in shown(dm)
    assert "New deal for *Microsoft*" in shown(dm)
    assert "<https://news.example/s1|Chip Wire>" in shown(dm)
    assert "`/deal-status unfollow Microsoft`" in shown(dm)
    [row] = dm_rows(world)
    assert row.state == "sent" and dm["metadata"]["event_payload"]["outbox_key"] == row.idem_key
    assert [c.args["users"] for c in world.slack.calls("conversations.open")] == [ANA]
    assert dm["unfurl_links"] in (False, "0", "false") and "link_names" not in dm
    assert count_story(world, "s1") == 1  # the channel's post is unchanged


def test_a_followed_deal_gets_a_dm_when_its_status_changes_only(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    follow(world, THE_DEAL)
    at(world, 1, "s2", U)  # same status: the channel's thread hears of it, the follower not
    at(world, 2, "s3", C)
    world.deliver()
    [dm] = dms(world)
    assert dm["text"].startswith("CONFIRMED (was UNCONFIRMED)")
    assert "Status changed from UNCONFIRMED to *CONFIRMED*" in shown(dm)
    assert "You follow this deal" in shown(dm) and f"unfollow deal:{KEY}" in shown(dm)


def test_two_changes_within_ten_minutes_give_one_dm_now_and_the_latest_an_hour_later(
        world: World) -> None:
    follow(world, MICROSOFT)
    at(world, 0, "s1", U)
    world.deliver()
    at(world, 5, "s2", C)
    world.deliver()
    at(world, 10, "s3", D)
    world.deliver()
    assert len(dms(world)) == 1
    first, superseded, latest = dm_rows(world)
    assert superseded.state == "withdrawn" and "superseded" in (superseded.error or "")
    assert latest.not_before == first.sent_at + timedelta(hours=1)
    world.clock.now = T0 + timedelta(minutes=57)  # drain waits 2 minutes, no more
    world.deliver()
    assert len(dms(world)) == 1
    world.clock.now = T0 + timedelta(minutes=61)
    world.deliver()
    _, second = dms(world)
    assert second["text"].startswith("DENIED (was UNCONFIRMED)")  # the latest, once
    assert "CONFIRMED" not in second["text"].replace("UNCONFIRMED", "")


def test_back_to_what_the_person_last_heard_within_the_hour_sends_nothing(
        world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    follow(world, THE_DEAL)
    at(world, 1, "s2", C)
    world.deliver()
    at(world, 5, "s3", D)  # waits for the hour
    at(world, 10, "s4", C)  # back to what the DM said: the waiting one is withdrawn
    world.clock.now = T0 + timedelta(hours=2)
    world.deliver()
    assert len(dms(world)) == 1
    assert [r.state for r in dm_rows(world)] == ["sent", "withdrawn"]


def test_unfollow_stops_dms_and_withdraws_the_waiting_one(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    follow(world, THE_DEAL)
    follow(world, MICROSOFT, user=BEN)
    at(world, 1, "s2", C)
    world.deliver()
    at(world, 5, "s3", D)  # waiting an hour for both
    unfollow(world, THE_DEAL)
    world.clock.now = T0 + timedelta(hours=2)
    world.deliver()
    assert len(dms(world)) == 1 and len(dms(world, BEN)) == 2  # Ben still follows
    at(world, 200, "s5", C)
    world.deliver()
    assert len(dms(world)) == 1 and len(dms(world, BEN)) == 3


def test_a_lost_answer_of_a_dm_is_found_in_the_dm_not_sent_twice(world: World) -> None:
    dm_id = world.slack.state.workspace.open_dm({"users": ANA})["channel"]["id"]
    follow(world, MICROSOFT)
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(lost_answer(world.slack, channel=dm_id))
    report = world.deliver()
    assert report.found == 1 and len(dms(world)) == 1
    [row] = dm_rows(world)
    assert row.state == "sent" and row.ts == dms(world)[0]["ts"]
    [look] = world.slack.calls("conversations.history")
    assert look.args["channel"] == dm_id and look.args["include_all_metadata"] in ("1", True)


def test_a_deliverer_killed_after_slack_took_the_dm_is_reconciled_after_restart(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    follow(world, MICROSOFT)
    world.ingest((story("s1"), verdict(U)))
    [dm_row] = dm_rows(world)
    mark_sent = outbox.mark_sent

    def killed_at_the_dm(session: Any, row_id: int, ts: str, now: Any) -> None:
        if row_id == dm_row.id:
            raise SystemExit("killed after Slack acknowledged the DM")
        mark_sent(session, row_id, ts, now)

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "mark_sent", killed_at_the_dm)
        with pytest.raises(SystemExit):
            world.deliver()
    assert dm_rows(world)[0].state == "sending" and len(dms(world)) == 1
    world.clock.advance(minutes=10)  # a new process: its claim has lapsed
    report = world.deliver()
    assert report.recovered == 1 and report.found == 1
    assert len(dms(world)) == 1 and dm_rows(world)[0].state == "sent"


def test_a_hidden_deal_sends_no_dm_and_withdraws_the_waiting_one(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    follow(world, THE_DEAL)
    at(world, 1, "s2", C)
    world.deliver()
    at(world, 5, "s3", D)
    with transaction(world.sessions) as session:  # a correction said: not a deal
        deal = get_deal(session, KEY)
        assert deal is not None
        hidden = replace(deal, hidden=True)
        save_deal(session, hidden)
        assert plan_follow_dms(session, hidden, D, False, world.clock()) == 0
    world.clock.now = T0 + timedelta(hours=2)
    world.deliver()
    assert len(dms(world)) == 1 and dm_rows(world)[-1].state == "withdrawn"


def test_a_correction_tells_the_followers_but_not_the_person_who_made_it(
        world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    follow(world, THE_DEAL)
    follow(world, THE_DEAL, user=BEN)
    correction = Correction(CorrectionAction.SET_STATUS, KEY, Person(ANA, "Ana <@U0BOSS001>"),
                            world.clock(), "press release", status=C)
    apply_correction(world.sessions, world.config, correction)
    world.deliver()
    assert dms(world) == []
    [dm] = dms(world, BEN)
    assert "set by Ana &lt;@U0BOSS001&gt;" in shown(dm)
    assert dm["text"].startswith("CONFIRMED")


def test_a_dm_slack_refuses_fails_with_the_reason_and_spares_the_channel(
        world: World) -> None:
    world.slack.state.workspace.dms.disabled.add(ANA)
    world.slack.state.workspace.dms.messages_tab = False
    follow(world, MICROSOFT)
    follow(world, MICROSOFT, user=BEN)
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    errors = {r.channel: r.error for r in dm_rows(world)}
    assert errors == {ANA: "user_disabled", BEN: "messages_tab_disabled"}
    assert count_story(world, "s1") == 1
