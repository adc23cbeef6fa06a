"""One deal in full: status and since when, the timeline with sources, the reports, the evidence."""

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
from bot.render.status import EMOJI, badge, label, reason
from briefings.models import Deal, StatusChange
from briefings.store.search import DealDetail, Report

HEADER_MAX = 150
TIMELINE_MAX = 15
EVIDENCE_MAX = 3
QUOTE_MAX = 300


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
    quotes = " ".join(f"“{fit_quote(e, QUOTE_MAX)}”" for e in deal.evidence[:EVIDENCE_MAX])
    evidence = f"\n*Evidence:* {quotes}" if quotes else "\n_No quoted evidence recorded._"
    why = reason(deal.status, deal.evidence, deal.summary, len(deal.parties))
    return f"{badge(deal.status)} since {when(deal.status_since)}: {fit(why, 500)}.{evidence}"


def _facts(detail: DealDetail) -> str:
    deal = detail.deal
    chips = ", ".join(deal.chips) or "not named"
    return (f"*Parties:* {fit(', '.join(deal.parties) or 'unknown', 500)}\n"
            f"*Subject:* {fit(deal.subject or 'unknown', 500)}\n*Chips:* {fit(chips, 500)}\n"
            f"*Tracked since* {when(deal.first_seen)} · {detail.reports} report(s)")


def _timeline(history: tuple[StatusChange, ...]) -> str:
    if not history:
        return "_No status changes recorded._"
    lines = [f"{EMOJI[c.status]} *{label(c.status)}* {when(c.at)} · "
             f"{link(c.link, c.outlet or 'source')}" for c in history[-TIMELINE_MAX:]]
    skipped = len(history) - TIMELINE_MAX
    return ("…\n" if skipped > 0 else "") + "\n".join(lines)


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

