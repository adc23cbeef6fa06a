"""A person's call on a deal's status, end to end against the stand-in Slack: recorded in the
history, saved on the deal, every post of the deal edited to say "set by @name", a note in each
thread; refused when it would change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from briefings.corrections import CorrectionAction, CorrectionRefused
from briefings.models import ChangeKind, Person, Status
from briefings.store.database import transaction
from briefings.store.tables import DealRow
from tests.delivery.calls import DANA, KEY, LEE, banner, call, deal, notes, replies, roots
from tests.delivery.support import (
    ALL,
    CONFIRMED_ONLY,
    NVIDIA_ONLY,
    T0,
    C,
    D,
    U,
    World,
    payload,
    story,
    verdict,
)

MICROSOFT_TOO = NVIDIA_ONLY.model_copy(update={"id": "C0MSFT001", "companies": ("Microsoft",)})


@pytest.mark.parametrize(("first", "to"), [(U, C), (U, D), (C, U)])
def test_a_call_edits_every_post_and_notes_every_thread(world: World, first: Status,
                                                        to: Status) -> None:
    world.channels = (ALL, MICROSOFT_TOO)
    world.ingest((story("s1"), verdict(first)))
    world.deliver()
    world.clock.advance(hours=1)
    at = world.clock()
    applied = call(world, to, reason="Microsoft's 8-K says so")
    assert applied.deal_key == KEY and to.value.upper() in applied.message
    world.deliver()
    for channel in (ALL.id, MICROSOFT_TOO.id):
        [root] = roots(world, channel)
        assert root["edited"] and len(root["versions"]) == 1
        assert root["text"].startswith(f"{to.value.upper()} (updated) (set by @dana)")
        assert banner(root).endswith("· set by @dana: Microsoft's 8-K says so")
        assert payload(root)["status"] == to.value
        assert notes(world, channel) == [
            f"dana marked this {to.value.upper()} (was {first.value.upper()}): "
            "Microsoft's 8-K says so"]
    found = deal(world)
    assert (found.status, found.set_by, found.status_since) == (to, DANA, at)
    [_, change] = found.history
    assert (change.kind, change.by, change.reason, change.status, change.story_id) == (
        ChangeKind.CORRECTION, DANA, "Microsoft's 8-K says so", to, "s1")


def test_agreeing_with_the_bot_makes_it_a_persons_call(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    call(world, U)
    world.deliver()
    [root] = roots(world)
    assert "set by @dana" in banner(root) and root["text"].startswith("UNCONFIRMED")
    assert notes(world) == ["dana marked this UNCONFIRMED (as the bot had it)"]
    assert deal(world).set_by == DANA


def test_the_same_call_again_is_refused_and_edits_nothing(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    call(world, C)
    world.deliver()
    calls = len(world.slack.calls())
    with pytest.raises(CorrectionRefused, match="already CONFIRMED, set by dana"):
        call(world, C, by=LEE)
    assert world.deliver().sent == 0 and len(world.slack.calls()) == calls
    assert len(deal(world).history) == 2


def test_an_unknown_deal_is_refused(world: World) -> None:
    with pytest.raises(CorrectionRefused, match="No tracked deal has the key nope"):
        call(world, C, key="nope")


def test_a_merged_deal_is_corrected_where_it_lives_on(world: World) -> None:
    world.ingest((story("s1"), verdict(U)),
                 (story("o1"), verdict(U, "other-deal")))
    with transaction(world.sessions) as session:
        session.execute(update(DealRow).where(DealRow.key == KEY)
                        .values(merged_into="other-deal"))
    assert call(world, C).deal_key == "other-deal"
    assert deal(world, "other-deal").set_by == DANA and deal(world).set_by is None


def test_a_set_status_without_a_status_is_refused(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    with pytest.raises(CorrectionRefused, match="Say which status"):
        call(world, None)


def test_a_correction_shows_on_the_post_as_a_story_last_edited_it(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.ingest((story("s2", "Microsoft confirms Maia deal",
                        published=world.clock() + timedelta(hours=1)), verdict(C)))
    world.deliver()
    call(world, D, reason="deal called off")
    world.deliver()
    [root] = roots(world)
    assert len(root["versions"]) == 2
    assert root["blocks"][0]["text"]["text"] == "DENIED: Microsoft confirms Maia deal"
    assert "_Updated: now *DENIED* (was CONFIRMED), set by @dana_" in str(root["blocks"])


def test_a_hostile_name_and_reason_stay_inert(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    call(world, C, by=Person("U0EVIL001", "here <@U0BOSS001>"),
         reason="<!channel> see <https://evil.example|Reuters>")
    world.deliver()
    [root] = roots(world)
    shown = root["text"] + str(root["blocks"]) + str([m["text"] for m in replies(world)])
    assert "<@" not in shown and "<!" not in shown and "<https://evil" not in shown
    assert "set by @\u2060here &lt;@U0BOSS001&gt;" in banner(root)
    assert "&lt;!channel&gt; see &lt;https://evil.example|Reuters&gt;" in banner(root)


def test_the_action_is_routed_to_its_handler(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    applied = call(world, None, action=CorrectionAction.NOT_A_DEAL)
    assert "not a deal" in applied.message and deal(world).hidden


def test_a_channel_that_wants_the_deal_only_now_gets_its_post(world: World) -> None:
    """A confirmed-only channel skipped the rumour; once a person confirms it, the channel gets
    the deal's post (with the call), and the deal's next report goes into that thread."""
    world.channels = (ALL, CONFIRMED_ONLY)
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    assert world.posts(CONFIRMED_ONLY.id) == []
    call(world, C, reason="signed, says the CFO")
    world.deliver()
    [post] = world.posts(CONFIRMED_ONLY.id)
    assert post["text"].startswith("CONFIRMED") and "set by @dana" in banner(post)
    world.ingest((story("s2", published=T0 + timedelta(hours=3)), verdict(C)))
    world.deliver()
    root, reply = world.posts(CONFIRMED_ONLY.id)
    assert reply["thread_ts"] == root["ts"]


def test_a_call_a_channel_does_not_want_posts_nothing_new_there(world: World) -> None:
    world.channels = (ALL, CONFIRMED_ONLY)
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    call(world, U, reason="still just talks")
    world.deliver()
    assert world.posts(CONFIRMED_ONLY.id) == []
