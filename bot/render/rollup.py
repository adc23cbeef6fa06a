"""The flood caps' roll-up as a Slack message: what was held back, one line per deal, so nothing
the channel asked for is left out in silence.

Within Block Kit's limits by construction (https://docs.slack.dev/reference/block-kit/blocks: 50
blocks a message, a section's text 3,000 characters; `msg_blocks_too_long` near 13k characters
of block text, https://github.com/slackapi/bolt-js/issues/2509): the lines go into sections of
<= 3,000 characters, at most `LINES_SHOWN` of them and `TEXT_BUDGET` characters in all, and the
rest is a count ("…and 12 more"). Feed text is escaped here, as for briefings.
"""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.render.briefing import TEXT_MAX
from bot.render.digest import chunk_lines
from bot.render.escape import fit, link, truncate
from bot.render.status import badge
from briefings.rollup import HeldBack, Rollup

LINES_SHOWN = 20
TEXT_BUDGET = 10_000  # characters of lines, well under the ~13k Slack takes in blocks
URL_MAX = 1000
EVENT_TYPE = "deal_rollup"


def rollup_blocks(rollup: Rollup) -> list[Block]:
    """The heading, the first deals' lines, then how many more were held back."""
    lines = _fitting([held_line(item) for item in rollup.items[:LINES_SHOWN]])
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=heading(rollup)))]
    blocks += [SectionBlock(text=MarkdownTextObject(text=chunk, verbatim=True))
               for chunk in chunk_lines(lines)]
    rest = rollup.total - len(lines)
    if rest > 0:
        note = (f"…and {rest} more held back; ask `/deal-status` about a company for its "
                "deals.")
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return blocks


def heading(rollup: Rollup) -> str:
    one = rollup.total == 1
    deals = "1 new deal was" if one else f"{rollup.total} new deals were"
    tracked = ("It is tracked, and a later report of it" if one
               else "They are tracked, and a later report of one")
    return (f":pause_button: *{deals} held back by the flood caps* this poll cycle, so the "
            f"channel is not flooded. {tracked} posts as usual.")


def fallback_text(rollup: Rollup) -> str:
    """Notification text: the count, then the parties of the first deals."""
    deals = "1 new deal" if rollup.total == 1 else f"{rollup.total} new deals"
    head = f"{deals} held back by the flood caps: "
    names = "; ".join(" / ".join(item.parties) or "unnamed parties" for item in rollup.items)
    return head + fit(names, TEXT_MAX - len(head))


def held_line(item: HeldBack) -> str:
    """Badge, parties and subject, then the source; all feed text escaped."""
    parties = fit(" + ".join(item.parties) or "unnamed parties", 200)
    line = f"• {badge(item.status)} *{parties}*: {fit(item.subject or item.title or 'deal', 300)}"
    if item.link and len(item.link) <= URL_MAX:
        line += " · " + link(item.link, truncate(item.outlet or "source", 100))
    return line


def _fitting(lines: list[str]) -> list[str]:
    """The first lines that fit in `TEXT_BUDGET` characters."""
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > TEXT_BUDGET:
            break
        kept.append(line)
        used += len(line) + 1
    return kept
