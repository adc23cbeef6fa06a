"""Feed health as Block Kit, for `/deal-status feeds` and the App Home tab.

Placeholder depth; the feed issue (#3) completes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.render.escape import escape
from briefings.store.tables import FeedRow

MAX_FEEDS = 40


def feed_health_blocks(rows: Sequence[FeedRow]) -> list[Block]:
    """One line per feed: a health emoji, its name, last success and last error."""
    if not rows:
        return [SectionBlock(text=MarkdownTextObject(text="No feed has been polled yet."))]
    lines = [_line(row) for row in rows[:MAX_FEEDS]]
    return [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000]))]


def _line(row: FeedRow) -> str:
    healthy = row.consecutive_failures == 0 and row.last_success_at is not None
    ok = f"{row.last_success_at:%Y-%m-%d %H:%M} UTC" if row.last_success_at else "never"
    error = f" - last error: {row.last_error}" if row.consecutive_failures else ""
    mark = "OK" if healthy else f"FAILING x{row.consecutive_failures}"
    return escape(f"[{mark}] {row.name}: last success {ok}{error}")
