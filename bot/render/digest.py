"""The weekly digest as Slack messages: a summary first, then one section per kind of change.

Within Slack's limits by construction: every section block <= 3,000 characters, every message
<= 50 blocks and <= ~11k characters of blocks; a big week becomes numbered messages, and each
section shows its first lines with the long tail collapsed into a count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.render.digest_pack import DigestMessage, pack
from bot.render.escape import fit, link, truncate
from bot.render.status import badge, label, set_by
from briefings.digest import (
    DigestContent,
    DigestCorrection,
    DigestLine,
    DigestSection,
    SectionKind,
)

SECTION_MAX = 3000
LINES_SHOWN = (20, 10, 5)  # lines per section, fewer until the digest fits in MAX_PARTS messages
MAX_PARTS = 4
URL_MAX = 1000
TITLES = {
    SectionKind.NEW: ":large_yellow_circle: New deals reported (unconfirmed)",
    SectionKind.CONFIRMED: ":large_green_circle: Confirmed this week",
    SectionKind.DENIED: ":red_circle: Denied this week",
    SectionKind.OTHER: ":arrows_counterclockwise: Other status changes",
    SectionKind.MOST_REPORTED: ":newspaper: Most reported, by distinct outlets",
    SectionKind.STALE: ":hourglass: Still unconfirmed after 4+ weeks",
}
QUIET = "No new AI-hardware deal news this week."
CORRECTIONS = ":pencil2: Corrected by the team"
REASON_MAX = 300

ThreadLink = Callable[[str], "str | None"]


def no_thread_link(deal_key: str) -> str | None:
    return None


def render_digest(content: DigestContent, zone: ZoneInfo,
                  thread_link: ThreadLink = no_thread_link) -> list[DigestMessage]:
    """The numbered messages for one channel's digest; `thread_link` maps a deal to its post."""
    summary, text = summary_blocks(content, zone), fallback_text(content, zone)
    for shown in LINES_SHOWN:
        body = [block for section in content.sections
                for block in section_blocks(section, content.window.end, thread_link, shown)]
        body += corrections_blocks(content, thread_link, shown)
        messages = pack(summary, body, text)
        if len(messages) <= MAX_PARTS:
            break
    return messages


def week_label(content: DigestContent, zone: ZoneInfo) -> str:
    monday = content.window.week.monday
    sunday = monday + dt.timedelta(days=6)
    return f"{monday:%a %d %b} to {sunday:%a %d %b %Y} ({zone.key}, {content.window.week})"


def fallback_text(content: DigestContent, zone: ZoneInfo) -> str:
    """Notification text; Slack shows it where blocks cannot be."""
    c = content.counts
    news = ("no new AI-hardware deal news" if content.quiet else
            f"{c.new} new (unconfirmed), {c.confirmed} confirmed, {c.denied} denied, "
            f"{c.other} other status changes")
    return f"Weekly AI-hardware deal digest, {week_label(content, zone)}: {news}"


def summary_blocks(content: DigestContent, zone: ZoneInfo) -> list[Block]:
    """Title, the week, and the counts; a quiet week says so."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Weekly AI-hardware deal digest", emoji=False)),
        ContextBlock(elements=[MarkdownTextObject(text=week_label(content, zone))]),
    ]
    if content.quiet:
        return [*blocks, SectionBlock(text=MarkdownTextObject(text=QUIET))]
    c = content.counts
    fields = [("New (unconfirmed)", c.new), ("Confirmed", c.confirmed), ("Denied", c.denied),
              ("Other status changes", c.other), ("Deals in the news", c.deals),
              ("Stories / outlets", f"{c.stories} / {c.outlets}"),
              ("Unconfirmed 4+ weeks", c.stale)]
    blocks.append(SectionBlock(fields=[MarkdownTextObject(text=f"*{name}*\n{value}")
                                       for name, value in fields]))
    return [*blocks, *_held_back(c.held_back)]


def _held_back(count: int) -> list[Block]:
    """The week's flood-cap holds, said once in the digest (each was listed in a roll-up)."""
    if not count:
        return []
    said = ("1 new deal was held back by the flood caps this week; a roll-up listed it" if
            count == 1 else f"{count} new deals were held back by the flood caps this week; "
            "the channel's roll-ups listed them")
    note = f":pause_button: {said}."
    return [ContextBlock(elements=[MarkdownTextObject(text=note)])]


def section_blocks(section: DigestSection, week_end: dt.datetime, thread_link: ThreadLink,
                   shown: int) -> list[Block]:
    """The section's title and first lines in blocks of <= 3,000 chars, then a count of the rest."""
    lines = [deal_line(line, section.kind, week_end, thread_link)
             for line in section.lines[:shown]]
    return _listing(TITLES[section.kind], lines, len(section.lines),
                    "ask `/deal-status` about any deal for its full story.")


def _listing(title: str, lines: list[str], total: int, more: str) -> list[Block]:
    """A titled list in blocks of <= 3,000 chars, then how many of `total` were left out."""
    texts = [f"*{title}* ({total})", *lines]
    blocks: list[Block] = [_section(chunk) for chunk in chunk_lines(texts)]
    if total > len(lines):
        note = f"…and {total - len(lines)} more; {more}"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return blocks


def deal_line(line: DigestLine, kind: SectionKind, week_end: dt.datetime,
              thread_link: ThreadLink) -> str:
    """Badge, parties, subject, then why it is here, the thread and the best source."""
    parties = fit(" + ".join(line.parties) or "unnamed parties", 200)
    parts = [f"{badge(line.status)} *{parties}*: {fit(line.subject or 'deal', 300)}"]
    if kind is SectionKind.MOST_REPORTED:
        parts.append(f"{line.outlets} outlets")
    if kind is SectionKind.STALE:
        parts.append(f"first reported {(week_end - line.first_seen).days // 7} weeks ago")
    if line.now_status is not None:
        parts.append(f"_now {label(line.now_status)}_")
    thread = thread_link(line.deal_key)
    if thread:
        parts.append(link(thread, "thread"))
    if line.source_link and len(line.source_link) <= URL_MAX:
        parts.append(link(line.source_link, truncate(line.source_outlet or "source", 100)))
    return " · ".join(parts)


def corrections_blocks(content: DigestContent, thread_link: ThreadLink,
                       shown: int) -> list[Block]:
    """The week's calls by people, first `shown` of them, then a count of the rest."""
    if not content.corrections:
        return []
    lines = [correction_line(c, thread_link) for c in content.corrections[:shown]]
    return _listing(CORRECTIONS, lines, len(content.corrections),
                    "`/deal-status` shows each deal's corrections.")


def correction_line(call: DigestCorrection, thread_link: ThreadLink) -> str:
    """Badge (or not a deal), the deal, who set it and why, and its thread."""
    parties = fit(" + ".join(call.parties) or "unnamed parties", 200)
    flag = ":no_entry_sign: *NOT A DEAL*" if call.not_a_deal else badge(call.status)
    parts = [f"{flag} *{parties}*: {fit(call.subject or 'deal', 300)}", set_by(call.by)]
    if call.reason:
        parts.append(f"“{fit(call.reason, REASON_MAX)}”")
    thread = thread_link(call.deal_key)
    if thread:
        parts.append(link(thread, "thread"))
    return " · ".join(parts)


def chunk_lines(texts: list[str]) -> list[str]:
    """Lines joined into texts of at most 3,000 characters, a section's limit."""
    chunks: list[str] = []
    for text in texts:
        if chunks and len(chunks[-1]) + 1 + len(text) <= SECTION_MAX:
            chunks[-1] += "\n" + text
        else:
            chunks.append(text[:SECTION_MAX])
    return chunks


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text, verbatim=True))
