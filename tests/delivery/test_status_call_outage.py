"""A correction during a Slack outage: recorded and planned at once, the deal's posts edited
(once) and its thread noted once Slack answers again."""

from __future__ import annotations

from bot.sandbox.faults import Outage
from briefings.models import ChangeKind
from briefings.store import outbox
from tests.delivery.calls import DANA, banner, call, deal, notes, roots
from tests.delivery.support import C, U, World, story, verdict


def test_a_correction_during_an_outage_shows_once_slack_is_back(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    outage = Outage()
    world.slack.state.faults.append(outage)

    applied = call(world, C, reason="8-K filed")
    assert "CONFIRMED" in applied.message
    assert deal(world).history[-1].kind is ChangeKind.CORRECTION  # recorded at once
    report = world.deliverer().deliver_due()
    assert outage.struck >= 1 and report.sent == 0 and report.retried >= 1
    [root] = roots(world)
    assert "edited" not in root and notes(world) == []
    assert {r.kind: r.state for r in world.rows()[1:]} == {
        "edit_root": outbox.PENDING, "note": outbox.PENDING}

    outage.end()
    world.deliver()
    [root] = roots(world)
    assert len(root["versions"]) == 1 and root["text"].startswith("CONFIRMED")
    assert banner(root).endswith("set by @dana: 8-K filed")
    assert notes(world) == ["dana marked this CONFIRMED (was UNCONFIRMED): 8-K filed"]
    assert {r.state for r in world.rows()} == {outbox.SENT}
    assert deal(world).set_by == DANA
