"""A follower's DM as Slack gets it: Block Kit built with slack_sdk.models, feed text and people's
names inert (no pings, no forged links), the status label ours and first."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import Block

from bot.render.follow_dm import follow_dm_blocks, follow_dm_text
from briefings.follow_dms import FollowDm
from briefings.follows import FollowTarget, TargetKind
from briefings.models import Status
from tests.delivery.support import T0

HOSTILE = FollowDm(
    deal_key="k", status=Status.UNCONFIRMED, previous=Status.CONFIRMED, is_new=False,
    parties=("<!channel>", "Evil @here Corp"), subject="CONFIRMED :large_green_circle: <@U0BOSS>",
    at=T0, outlet="<https://evil.example|Reuters>", link="javascript:alert(1)",
    followed=FollowTarget(TargetKind.COMPANY, "<!here>"), set_by="<@U0BOSS|boss>")


def test_hostile_text_stays_inert() -> None:
    blocks = follow_dm_blocks(HOSTILE)
    text = json.dumps([b.to_dict() for b in blocks])
    assert "<!channel>" not in text and "<!here>" not in text and "<@U0BOSS" not in text
    assert "<https://evil" not in text and "javascript" not in text  # a bad scheme: no link
    assert "@here Corp" not in text  # a word joiner keeps it from reading as @here
    assert ":large_green_circle:" not in text.split("*UNCONFIRMED*", 1)[1]  # no painted badge
    assert follow_dm_text(HOSTILE).startswith("UNCONFIRMED (was CONFIRMED): ")
    for block in blocks:
        assert Block.parse(block.to_dict()) is not None


def test_a_new_deal_reads_as_such_and_links_its_source() -> None:
    dm = FollowDm("k", Status.CONFIRMED, None, True, ("AMD", "Meta"), "Instinct", T0,
                  "Chip Wire", "https://news.example/a?b=1&c=2",
                  FollowTarget(TargetKind.COMPANY, "AMD"))
    text = json.dumps([b.to_dict() for b in follow_dm_blocks(dm)])
    assert "New deal for *AMD*" in text and "now *CONFIRMED*" in text
    assert "<https://news.example/a?b=1&amp;c=2|Chip Wire>" in text
    assert follow_dm_text(dm) == "CONFIRMED (new deal): AMD + Meta: Instinct"
    assert FollowDm.from_json(json.loads(json.dumps(dm.to_json()))) == dm
