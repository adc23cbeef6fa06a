"""A correction submitted over signed HTTP while Slack is down for writes: the modal still
answers (the submission asks nothing of Slack: its posts are planned in the outbox), the call is
recorded at once, and the edit and the note land, once each, when the outage ends."""

from __future__ import annotations

from bot.sandbox import SlackSandbox
from bot.sandbox.faults import Outage
from briefings.models import ChangeKind, Status
from briefings.store import outbox
from tests.delivery.calls import banner, deal, notes, roots
from tests.delivery.support import ALL, U, World, story, verdict
from tests.slash.corrections.end_to_end.support import SECOND, Analyst, done


def test_a_correction_during_an_outage_lands_once_slack_is_back(
        world: World, slack: SlackSandbox, ana: Analyst) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    view = ana.open(roots(world)[0], "Mark CONFIRMED")
    outage = Outage()
    slack.state.faults.append(outage)
    asked = len(slack.calls())

    assert "CONFIRMED (was UNCONFIRMED)" in done(ana.submit(view, "8-K filed"))
    assert len(slack.calls()) == asked  # answered without Slack
    assert deal(world).history[-1].kind is ChangeKind.CORRECTION  # recorded at once
    report = world.deliverer().deliver_due()
    assert outage.struck >= 1 and report.sent == 0 and report.retried >= 1
    for channel in (ALL.id, SECOND.id):
        [root] = roots(world, channel)
        assert "edited" not in root and notes(world, channel) == []

    outage.end()
    world.deliver()
    for channel in (ALL.id, SECOND.id):
        [root] = roots(world, channel)
        assert len(root["versions"]) == 1 and root["text"].startswith("CONFIRMED (updated)")
        assert banner(root).endswith("set by @ana: 8-K filed")
        assert notes(world, channel) == ["ana marked this CONFIRMED (was UNCONFIRMED): 8-K filed"]
    assert {r.state for r in world.rows()} == {outbox.SENT}
    assert deal(world).status is Status.CONFIRMED
