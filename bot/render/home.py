"""The App Home tab: a live board of tracked deals grouped by status, the latest corrections by
people (who, what, why), then feed health."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject

from bot.render.deal_list import line, title
from bot.render.escape import escape, fit
from bot.render.feed_health import feed_health_blocks
from bot.render.reply import context, section, sections, when
from bot.render.status import CALL_WORDS, badge, reason, set_by
from briefings.models import Deal, Status
from briefings.store.feeds import FeedHealth
from briefings.store.search import Call

HOME_MAX_BLOCKS = 100
PER_STATUS = 15
CALLS_SHOWN = 5
REASON_MAX = 200


@dataclass(frozen=True, slots=True)
class Column:
    """One status on the board: its most recent deals and how many it has in all."""

    status: Status
    deals: Sequence[Deal]
    total: int


def home_view(columns: Sequence[Column], feeds: Sequence[FeedHealth], now: datetime,
              slack_problems: Sequence[str] = (), calls: Sequence[Call] = ()) -> dict[str, Any]:
    """The `views.publish` view: Slack-side problems first (a refused token, channels the bot
    cannot use), one section per status, the latest corrections, feed health last."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Tracked AI-hardware deals", emoji=False)),
        context(f"Refreshed {when(now)} · ask about one deal with `/deal-status &lt;name&gt;`"),
        *_problems(slack_problems),
    ]
    for column in columns:
        blocks.extend(_column(column))
    blocks += [*_calls(calls), DividerBlock(), *feed_health_blocks(feeds)]
    return {"type": "home", "blocks": [b.to_dict() for b in blocks[:HOME_MAX_BLOCKS]]}


def _problems(problems: Sequence[str]) -> list[Block]:
    if not problems:
        return []
    lines = [f":warning: {escape(problem)}" for problem in problems]
    return [DividerBlock(), section("*Delivery problems*"), *sections(lines)]


def _calls(calls: Sequence[Call]) -> list[Block]:
    """Who corrected which deal, to what and why: the board shows the team's calls."""
    if not calls:
        return []
    lines = [_call(call) for call in calls[:CALLS_SHOWN]]
    return [DividerBlock(), section("*Latest corrections*"), *sections(lines)]


def _call(call: Call) -> str:
    change = call.change
    by = set_by(change.by.name) if change.by else "set by someone"
    why = f": {fit(change.reason, REASON_MAX)}" if change.reason else ""
    return (f"{badge(change.status)}  {fit(title(call.deal), 200)} · {CALL_WORDS[change.kind]}, "
            f"{by}{why} · {when(change.at)}")


def _column(column: Column) -> list[Block]:
    head = f"{badge(column.status)} ({column.total}) — {escape(reason(column.status, ()))}"
    blocks: list[Block] = [DividerBlock(), section(head)]
    if not column.deals:
        return [*blocks, context("None right now.")]
    blocks.extend(sections([line(deal) for deal in column.deals]))
    if column.total > len(column.deals):
        blocks.append(context(f"…and {column.total - len(column.deals)} more"))
    return blocks
