"""Feed health as Block Kit, for `/deal-status feeds` and the App Home tab.

Takes what `briefings.store.feeds.all_feeds(session)` returns. Broken feeds come first: they are
what an operator opens this view for.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.render.escape import escape
from briefings.store.feeds import FeedHealth

MAX_FEEDS = 40
SECTION_LIMIT = 3000
TEXT_BUDGET = 10_000  # of the answer's 12,000 (`reply.BLOCKS_TEXT_MAX`): many failing feeds'
# errors once went past Slack's block-size limit and the whole answer was refused
_MARKS = {"ok": ":large_green_circle:", "new": ":white_circle:", "failing": ":warning:",
          "unhealthy": ":red_circle:", "disabled": ":no_entry:"}
_ORDER = {"disabled": 0, "unhealthy": 1, "failing": 2, "new": 3, "ok": 4}


def feed_health_blocks(rows: Sequence[FeedHealth]) -> list[Block]:
    """A header, a summary line and one line per feed (worst first), within Slack's limits."""
    if not rows:
        return [SectionBlock(text=MarkdownTextObject(text="No feed has been polled yet."))]
    ordered = sorted(rows, key=lambda r: (_ORDER.get(r.state, 5), r.name.lower()))
    blocks: list[Block] = [HeaderBlock(text="Feed health"), _summary(rows)]
    lines = _within_budget([_line(row) for row in ordered[:MAX_FEEDS]])
    blocks += _sections(lines)
    if len(rows) > len(lines):
        blocks.append(ContextBlock(elements=[MarkdownTextObject(
            text=f"…and {len(rows) - len(lines)} more feeds not shown; "
                 "run `python -m bot feeds`.")]))
    return blocks


def _within_budget(lines: list[str]) -> list[str]:
    """The first lines whose text fits `TEXT_BUDGET` (worst feeds first, so those stay)."""
    kept: list[str] = []
    used = 0
    for line in lines:
        used += len(line) + 1
        if used > TEXT_BUDGET:
            break
        kept.append(line)
    return kept


def _summary(rows: Sequence[FeedHealth]) -> ContextBlock:
    healthy = sum(1 for row in rows if row.healthy)
    return ContextBlock(elements=[MarkdownTextObject(
        text=f"{healthy} of {len(rows)} feeds healthy")])


def _sections(lines: list[str]) -> list[Block]:
    """Lines packed into as few sections as fit Slack's 3,000-character section limit."""
    sections: list[Block] = []
    current = ""
    for line in lines:
        if current and len(current) + len(line) + 1 > SECTION_LIMIT:
            sections.append(SectionBlock(text=MarkdownTextObject(text=current)))
            current = ""
        current = f"{current}\n{line}" if current else line
    sections.append(SectionBlock(text=MarkdownTextObject(text=current)))
    return sections


def _line(row: FeedHealth) -> str:
    ok = f"{row.last_success_at:%Y-%m-%d %H:%M} UTC" if row.last_success_at else "never"
    mark = _MARKS.get(row.state, ":grey_question:")
    text = f"{mark} *{escape(row.name)}*: {row.state}, last success {ok}"
    if row.consecutive_failures:
        text += f", {row.consecutive_failures} failures in a row"
    if row.last_error and not row.healthy:
        text += f"\n      last error: {escape(row.last_error[:300])}"
    return text[:SECTION_LIMIT]
