"""The App Home tab: a live board of tracked deals grouped by status, then feed health."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject

from bot.render.deal_list import line
from bot.render.escape import escape
from bot.render.feed_health import feed_health_blocks
from bot.render.reply import context, section, sections, when
from bot.render.status import badge, reason
from briefings.models import Deal, Status
from briefings.store.feeds import FeedHealth

HOME_MAX_BLOCKS = 100
PER_STATUS = 15


@dataclass(frozen=True, slots=True)
class Column:
    """One status on the board: its most recent deals and how many it has in all."""

    status: Status
    deals: Sequence[Deal]
    total: int


def home_view(columns: Sequence[Column], feeds: Sequence[FeedHealth], now: datetime,
              slack_problems: Sequence[str] = ()) -> dict[str, Any]:
    """The `views.publish` view: Slack-side problems first (a refused token, channels the bot
    cannot use), one section per status, feed health last."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Tracked AI-hardware deals", emoji=False)),
        context(f"Refreshed {when(now)} · ask about one deal with `/deal-status &lt;name&gt;`"),
        *_problems(slack_problems),
    ]
    for column in columns:
        blocks.extend(_column(column))
    blocks += [DividerBlock(), *feed_health_blocks(feeds)]
    return {"type": "home", "blocks": [b.to_dict() for b in blocks[:HOME_MAX_BLOCKS]]}


def _problems(problems: Sequence[str]) -> list[Block]:
    if not problems:
        return []
    lines = [f":warning: {escape(problem)}" for problem in problems]
    return [DividerBlock(), section("*Delivery problems*"), *sections(lines)]


def _column(column: Column) -> list[Block]:
    head = f"{badge(column.status)} ({column.total}) — {escape(reason(column.status, ()))}"
    blocks: list[Block] = [DividerBlock(), section(head)]
    if not column.deals:
        return [*blocks, context("None right now.")]
    blocks.extend(sections([line(deal) for deal in column.deals]))
    if column.total > len(column.deals):
        blocks.append(context(f"…and {column.total - len(column.deals)} more"))
    return blocks
