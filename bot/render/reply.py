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
# Slack refuses a message whose blocks hold more than about 13,200 characters of text with
# `msg_blocks_too_long` (no documented figure: https://github.com/slackapi/bolt-js/issues/2509).
# Answers keep to 12,000, room for the share button and the "and N more" line.
BLOCKS_TEXT_MAX = 12_000
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
        tail = [share_button(self.share)] if self.share is not None else []
        return {"text": self.text, "blocks": within_limits(self.blocks, tail)}

    def shared_payload(self, user_id: str) -> dict[str, Any]:
        """The same answer for the channel: no share button, a line saying who shared it."""
        return {"text": self.text, "blocks": within_limits(self.blocks, [shared_by(user_id)])}


def within_limits(blocks: Sequence[Block], tail: Sequence[Block]) -> list[dict[str, Any]]:
    """The blocks as dicts, then `tail`, inside Slack's block count and block text size: blocks
    that do not fit are left off and an "…and N more" line says so."""
    body, ends = [b.to_dict() for b in blocks], [b.to_dict() for b in tail]
    if _fits(body + ends):
        return body + ends
    more = context(f"…and {len(body)} more parts not shown; "
                   "narrow the question to see them.").to_dict()  # the longest it can be
    kept: list[dict[str, Any]] = []
    while len(kept) < len(body) and _fits([*kept, body[len(kept)], more, *ends]):
        kept.append(body[len(kept)])
    left = context(f"…and {len(body) - len(kept)} more parts not shown; "
                   "narrow the question to see them.").to_dict()
    return [*kept, left, *ends]


def _fits(blocks: list[dict[str, Any]]) -> bool:
    return len(blocks) <= MAX_BLOCKS and text_size(blocks) <= BLOCKS_TEXT_MAX


def text_size(value: object) -> int:
    """Characters of text in blocks (every `text` string, however deep), as Slack counts."""
    if isinstance(value, dict):
        return sum(len(v) if k == "text" and isinstance(v, str) else text_size(v)
                   for k, v in value.items())
    if isinstance(value, list):
        return sum(text_size(item) for item in value)
    return 0


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
