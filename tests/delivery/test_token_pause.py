"""Token problems stop delivery, not messages (issue #16): a token Slack refuses pauses all
sending with the rows left pending, `status` says so, and delivery resumes once auth.test
passes."""

from __future__ import annotations

import pytest

from bot.commands.status import report as status_report
from bot.sandbox.faults import lost_answer
from briefings.store import slack_notices
from briefings.store.database import transaction
from tests.delivery.support import ALL, NVIDIA_ONLY, U, World, count_story, story, verdict

OTHER = NVIDIA_ONLY.model_copy(update={"companies": ()})


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked", "account_inactive"])
def test_a_refused_token_pauses_delivery_and_keeps_every_message(world: World,
                                                                 error: str) -> None:
    world.channels = (ALL, OTHER)
    world.ingest((story("s1"), verdict(U)),
                 (story("s2"), verdict(U, "openai-google:tpu", parties=("OpenAI", "Google"))))
    world.slack.state.token_error = error
    deliverer = world.deliverer()
    report = deliverer.drain()
    assert report.paused == 1 and report.failed == 0
    assert len(world.slack.calls("chat.postMessage")) == 1  # one refusal, not one per message
    assert {row.state for row in world.rows()} == {"pending"}
    assert {row.attempts for row in world.rows()} == {0}
    with transaction(world.sessions) as session:
        lines = status_report(session, world.clock())
    assert any("delivery PAUSED" in line and error in line for line in lines)

    world.clock.advance(seconds=31)
    deliverer.drain()  # auth.test still fails: nothing is sent
    assert len(world.slack.calls("chat.postMessage")) == 1
    assert world.slack.calls("auth.test")

    world.slack.state.token_error = None
    world.clock.advance(seconds=31)
    deliverer.drain()
    assert {row.state for row in world.rows()} == {"sent"}
    assert count_story(world, "s1") == 1 and count_story(world, "s2", OTHER.id) == 1
    with transaction(world.sessions) as session:
        assert slack_notices.token_problem(session) is None


def test_a_token_error_on_a_lookup_pauses_too_and_the_message_stays_uncertain(
        world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.slack.state.faults.append(lost_answer(world.slack))
    deliverer = world.deliverer()
    deliverer.drain(max_wait=0)
    world.slack.state.token_error = "token_revoked"
    world.clock.advance(minutes=1)
    deliverer.drain(max_wait=0)
    [row] = world.rows()
    assert row.state == "pending" and row.uncertain
    world.slack.state.token_error = None
    world.clock.advance(minutes=1)
    deliverer.drain()
    assert count_story(world, "s1") == 1 and world.rows()[0].state == "sent"
