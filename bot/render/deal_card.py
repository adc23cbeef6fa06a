"""One deal in full: status and since when, the timeline with sources, the reports, the evidence.

A person's call shows as "set by @name" with their reason, on the status line and in the
timeline beside the stories' entries."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)

from bot.render.correction_menu import card_section
from bot.render.deal_list import title
from bot.render.escape import cut_markup, fit, fit_quote, link
from bot.render.reply import SECTION_MAX, context, section, when
from bot.render.status import CALL_WORDS, EMOJI, badge, label, reason, set_by
from briefings.models import ChangeKind, Deal, StatusChange
from briefings.store.search import DealDetail, Report

HEADER_MAX = 150
TIMELINE_MAX = 15
EVIDENCE_MAX = 3
QUOTE_MAX = 300
REASON_MAX = 300


def deal_card_blocks(detail: DealDetail, permalink: str | None = None) -> list[Block]:
    """The detail card; `permalink` is the deal's thread in Slack, when it has one."""
    deal = detail.deal
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=fit(title(deal), HEADER_MAX), emoji=False)),
        card_section(MarkdownTextObject(text=cut_markup(_status(deal), SECTION_MAX),
                                        verbatim=True), deal.key),
        section(_facts(detail)),
        section("*Status history*\n" + _timeline(deal.history)),
        section("*Reports*\n" + _reports(detail)),
    ]
    if permalink:
        blocks.append(context(link(permalink, "Open the deal's thread in Slack")))
    return [*blocks, DividerBlock()]


def _status(deal: Deal) -> str:
    if deal.set_by is not None:
        return _call(deal)
    quotes = " ".join(f"“{fit_quote(e, QUOTE_MAX)}”" for e in deal.evidence[:EVIDENCE_MAX])
    evidence = f"\n*Evidence:* {quotes}" if quotes else "\n_No quoted evidence recorded._"
    why = reason(deal.status, deal.evidence, deal.summary, len(deal.parties))
    return f"{badge(deal.status)} since {when(deal.status_since)}: {fit(why, 500)}.{evidence}"


def _call(deal: Deal) -> str:
    """The status as a person set it, with their reason (from the latest entry of theirs)."""
    assert deal.set_by is not None
    latest = next((c for c in reversed(deal.history) if c.by == deal.set_by), None)
    why = f": {fit(latest.reason, REASON_MAX)}" if latest and latest.reason else ""
    call = f"since {when(deal.status_since)}, {set_by(deal.set_by.name)}{why}"
    if deal.hidden:
        return (f":no_entry_sign: *NOT A DEAL* {call} (hidden from lists and the digest; it "
                f"was {label(deal.status)})")
    return f"{badge(deal.status)} {call}"


def _facts(detail: DealDetail) -> str:
    deal = detail.deal
    chips = ", ".join(deal.chips) or "not named"
    return (f"*Parties:* {fit(', '.join(deal.parties) or 'unknown', 500)}\n"
            f"*Subject:* {fit(deal.subject or 'unknown', 500)}\n*Chips:* {fit(chips, 500)}\n"
            f"*Tracked since* {when(deal.first_seen)} · {detail.reports} report(s)")


def _timeline(history: tuple[StatusChange, ...]) -> str:
    if not history:
        return "_No status changes recorded._"
    lines = [_entry(c) for c in history[-TIMELINE_MAX:]]
    skipped = len(history) - TIMELINE_MAX
    return ("…\n" if skipped > 0 else "") + "\n".join(lines)


def _entry(change: StatusChange) -> str:
    """A story's entry cites its source; a person's says who did what, and why."""
    head = f"{EMOJI[change.status]} *{label(change.status)}* {when(change.at)} · "
    why = f": {fit(change.reason, REASON_MAX)}" if change.reason else ""
    if change.kind is ChangeKind.STORY or change.by is None:
        return head + link(change.link, change.outlet or "source") + why
    return f"{head}{CALL_WORDS[change.kind]}, {set_by(change.by.name)}{why}"


def _reports(detail: DealDetail) -> str:
    if detail.first is None:
        return "_No reports stored._"
    first = f"First reported by {_report(detail.first)}"
    latest = [f"• {_report(r)}" for r in detail.latest if r != detail.first]
    return first + ("\n*Latest:*\n" + "\n".join(latest) if latest else "")


def _report(report: Report) -> str:
    return (f"*{fit(report.outlet or 'unknown outlet', 100)}*, {when(report.published)}: "
            f"{link(report.link, fit_title(report.title))}")


def fit_title(text: str) -> str:
    """Titles go through `link`, which escapes; cut them first so five fit in a section."""
    return text if len(text) <= 200 else text[:199] + "…"

