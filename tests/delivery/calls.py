"""Helpers for tests of people's calls on deals: a correction applied through the one door,
and what the deal's posts and threads show afterwards in the stand-in Slack."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from briefings.correcting import apply_correction
from briefings.corrections import Applied, Correction, CorrectionAction
from briefings.models import Deal, Person, Status
from briefings.store.database import transaction
from briefings.store.deals import get_deal
from tests.delivery.support import ALL, World

KEY = "anthropic-microsoft:maia"
DANA = Person("U0DANA001", "dana")
LEE = Person("U0LEE0001", "lee")


def call(world: World, status: Status | None, by: Person = DANA, reason: str = "", *,
         action: CorrectionAction = CorrectionAction.SET_STATUS, key: str = KEY,
         at: datetime | None = None) -> Applied:
    """Apply one correction at the world's time, as the Slack side would."""
    correction = Correction(action, key, by, at or world.clock(), reason, status,
                            story_id="s1")
    return apply_correction(world.sessions, world.config, correction)


def deal(world: World, key: str = KEY) -> Deal:
    with transaction(world.sessions) as session:
        found = get_deal(session, key, with_history=True)
    assert found is not None
    return found


def roots(world: World, channel: str = ALL.id) -> list[dict[str, Any]]:
    return [m for m in world.posts(channel) if "thread_ts" not in m]


def replies(world: World, channel: str = ALL.id) -> list[dict[str, Any]]:
    return [m for m in world.posts(channel) if "thread_ts" in m]


def notes(world: World, channel: str = ALL.id) -> list[str]:
    return [m["text"] for m in replies(world, channel)
            if m["metadata"]["event_type"] == "deal_note"]


def banner(post: dict[str, Any]) -> str:
    return str(post["blocks"][1]["text"]["text"])
