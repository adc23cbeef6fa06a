"""A person's correction of the bot, as values: what they said about which deal, and what it did.

Slack listeners build a `Correction` from a signed interactive request and hand it to
`briefings.correcting.apply_correction`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from briefings.errors import BriefingsError
from briefings.models import Person, Status


class CorrectionAction(enum.StrEnum):
    """What a person can tell the bot about a deal from its overflow menu."""

    SET_STATUS = "set_status"  # the status is `status`
    NOT_A_DEAL = "not_a_deal"  # not deal news: hide it
    MERGE = "merge"  # the same deal as `target`
    SPLIT = "split"  # story `story_id` is a deal of its own


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction: who made it, when, why, and what it says.

    `story_id` is the story whose post carried the menu (None from a `/deal-status` card); for
    SPLIT it is the story to move out."""

    action: CorrectionAction
    deal_key: str
    by: Person
    at: datetime
    reason: str = ""
    status: Status | None = None
    target: str | None = None
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class Applied:
    """What a correction did: the deal it leaves in force and a line to tell the person."""

    deal_key: str
    message: str


class CorrectionRefused(BriefingsError):
    """A correction that cannot be applied (unknown deal, merge with itself, ...): `message`
    is meant for the person who asked."""

