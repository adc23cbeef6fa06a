"""What one Slack message about a deal says, as plain data: the outbox stores it, `bot` renders."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from briefings.models import Deal, Status, Story, Verdict


class MessageKind(enum.StrEnum):
    """The messages the bot sends about a deal."""

    NEW_DEAL = "new_deal"  # top-level post: the first report of a deal in a channel
    REPORT = "report"  # thread reply: another outlet reports the same deal, same status
    STATUS_CHANGE = "status_change"  # thread reply broadcast to the channel
    EDIT_ROOT = "edit_root"  # chat.update of the top-level post to show the new status
    DIGEST = "digest"  # the weekly digest: payload holds rendered `text` and `blocks`
    NOTE = "note"  # thread reply in our words (a correction, a merge): payload {"text": plain}
    ROLLUP = "rollup"  # top-level list of the new-deal posts the flood caps held back in a cycle
    # chat.update of a merged deal's top-level post (payload {"ts", "text"}) to point at the
    # thread of the deal it was merged into (the row's deal)
    MERGED_ROOT = "merged_root"
    FOLLOW_DM = "follow_dm"  # direct message to a follower: channel = user ID, payload FollowDm


@dataclass(frozen=True, slots=True)
class Briefing:
    """All a renderer needs; feed-derived strings are raw text, escaped only when rendered."""

    kind: MessageKind
    deal_key: str
    story_id: str
    status: Status
    previous_status: Status | None
    title: str
    summary: str
    subject: str
    parties: tuple[str, ...]
    chips: tuple[str, ...]
    use: str
    value: str | None
    capacity: str | None
    evidence: tuple[str, ...]
    outlet: str
    link: str
    published: datetime
    # a person's call on the deal: whose (a display name, raw), why, and whether they said it
    # is not a deal at all; `replaces` names the call a party's own word replaced
    set_by: str | None = None
    call_reason: str = ""
    not_a_deal: bool = False
    replaces: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat()
        return data

    @staticmethod
    def from_json(data: dict[str, Any]) -> Briefing:
        status = data["previous_status"]
        return Briefing(
            **{
                **data,
                "kind": MessageKind(data["kind"]),
                "status": Status(data["status"]),
                "previous_status": Status(status) if status else None,
                "parties": tuple(data["parties"]),
                "chips": tuple(data["chips"]),
                "evidence": tuple(data["evidence"]),
                "published": datetime.fromisoformat(data["published"]),
            }
        )


def make_briefing(
    kind: MessageKind, deal: Deal, story: Story, verdict: Verdict, previous: Status | None,
    replaces: str = "",
) -> Briefing:
    """The briefing for one story about `deal`, showing the deal's current status (and whose
    call it is, when a person's)."""
    return Briefing(
        kind=kind,
        deal_key=deal.key,
        story_id=story.id,
        status=deal.status,
        previous_status=previous,
        title=story.title,
        summary=verdict.summary,
        subject=deal.subject,
        parties=deal.parties,
        chips=deal.chips,
        use=verdict.use.value,
        value=verdict.value,
        capacity=verdict.capacity,
        evidence=verdict.evidence if verdict.status == deal.status else deal.evidence,
        outlet=story.outlet,
        link=story.link,
        published=story.published,
        set_by=deal.set_by.name if deal.set_by else None,
        not_a_deal=deal.hidden,
        replaces=replaces,
    )
