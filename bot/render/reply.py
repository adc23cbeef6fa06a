"""What every `/deal-status` answer shares: the reply value, Slack date tokens, the share button.

Block counts and text lengths stay inside Slack's limits here, once, for every answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.render.escape import cut_markup, fit

MAX_BLOCKS = 50
SECTION_MAX = 3000
SHARE_ACTION = "deal_status_share"
SHARE_VALUE_MAX = 2000


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer: notification text, blocks, and what a "Share in channel" button would carry
    (None when the answer is not worth sharing, like help or "no match")."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    share: str | None = None

    def payload(self) -> dict[str, Any]:
        """Keyword arguments for `respond`, with the share button when the answer has one."""
        blocks = list(self.blocks)
        if self.share is not None:
            blocks = [*blocks[: MAX_BLOCKS - 1], share_button(self.share)]
        return {"text": self.text, "blocks": [b.to_dict() for b in blocks[:MAX_BLOCKS]]}

    def shared_payload(self, user_id: str) -> dict[str, Any]:
        """The same answer for the channel: no share button, a line saying who shared it."""
        blocks = [*self.blocks[: MAX_BLOCKS - 1], shared_by(user_id)]
        return {"text": self.text, "blocks": [b.to_dict() for b in blocks]}


def when(moment: datetime) -> str:
    """A date Slack shows in each reader's own time zone, with a UTC fallback."""
    fallback = moment.strftime("%d %b %Y %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def section(mrkdwn: str) -> SectionBlock:
    """A section of our own (already escaped) mrkdwn, cut to the section limit."""
    return SectionBlock(text=MarkdownTextObject(text=cut_markup(mrkdwn, SECTION_MAX),
                                                verbatim=True))


def sections(lines: Sequence[str]) -> list[SectionBlock]:
    """Lines packed into as few sections as fit, never splitting a line (or its link)."""
    packed: list[list[str]] = [[]]
    size = 0
    for text in lines:
        if packed[-1] and size + len(text) + 1 > SECTION_MAX:
            packed.append([])
            size = 0
        packed[-1].append(text)
        size += len(text) + 1
    return [section("\n".join(chunk)) for chunk in packed if chunk]


def context(mrkdwn: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=mrkdwn[:SECTION_MAX], verbatim=True)])


def share_button(value: str) -> ActionsBlock:
    """The button that posts the same answer in the channel; the value is the query itself."""
    return ActionsBlock(block_id="deal_status_share", elements=[
        ButtonElement(text="Share in channel", action_id=SHARE_ACTION,
                      value=value[:SHARE_VALUE_MAX]),
    ])


def shared_by(user_id: str) -> ContextBlock:
    """Who shared an answer; only a well-formed user id becomes a mention."""
    is_user = user_id[:1] in ("U", "W") and user_id.isalnum() and len(user_id) <= 20
    who = f"<@{user_id}>" if is_user else fit(user_id or "someone", 30)
    return context(f"Shared by {who} via `/deal-status`")
