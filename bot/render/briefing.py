"""A deal briefing as a Slack message: header, status banner, summary, fields, source line.

Feed text is escaped here, as the last step, and cut within Block Kit limits without splitting an
entity or a link. The status label is ours and always leads the header, the banner and `text`.
A person's call shows as "set by @name", the name as escaped text (never a `<@U..>` mention, so
it pings nobody), with their reason in place of the triage's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.metadata import Metadata

from bot.render.correction_menu import briefing_section
from bot.render.escape import cut_markup, escape, fit, fit_quote, link, truncate
from bot.render.status import EMOJI, badge, label, reason, set_by
from briefings.briefing import Briefing, MessageKind

HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
TEXT_MAX = 3000
EVIDENCE_SHOWN = 3
EVIDENCE_MAX = 200
EVENT_TYPE = "deal_briefing"
CALL_REASON_MAX = 500
NOT_A_DEAL = "NOT A DEAL"
NOT_A_DEAL_EMOJI = ":no_entry_sign:"


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """Everything `chat.postMessage` / `chat.update` needs, already escaped and within limits."""

    text: str
    blocks: list[Block]
    metadata: Metadata
    broadcast: bool = False

    def blocks_json(self) -> list[dict[str, Any]]:
        """The blocks as JSON; slack_sdk validates lengths here and raises if one is over."""
        return [block.to_dict() for block in self.blocks]


def render(briefing: Briefing) -> SlackMessage:
    """The message for one briefing, by kind."""
    return SlackMessage(
        text=fallback_text(briefing),
        blocks=_RENDERERS[briefing.kind](briefing),
        metadata=metadata(briefing),
        broadcast=briefing.kind is MessageKind.STATUS_CHANGE,
    )


def metadata(briefing: Briefing) -> Metadata:
    """Message metadata so the bot (and other apps) can find deal messages later."""
    return Metadata(
        event_type=EVENT_TYPE,
        event_payload={
            "deal_key": briefing.deal_key,
            "status": briefing.status.value,
            "story_id": briefing.story_id,
            "story_url": briefing.link,
            "kind": briefing.kind.value,
        },
    )


def fallback_text(briefing: Briefing) -> str:
    """Notification and screen-reader text: the status in capitals first, whatever the feed says."""
    prefix = {
        MessageKind.REPORT: " (also reported)",
        MessageKind.STATUS_CHANGE: f" (was {label(briefing.previous_status)})"
        if briefing.previous_status else " (status changed)",
        MessageKind.EDIT_ROOT: " (updated)",
        MessageKind.NEW_DEAL: "",
    }[briefing.kind]
    call = f" ({set_by(briefing.set_by)})" if briefing.set_by else ""
    head = f"{flag(briefing)}{prefix}{call}: "
    parties = " / ".join(briefing.parties) + ": " if briefing.parties else ""
    return head + fit(f"{parties}{briefing.title} ({briefing.outlet})", TEXT_MAX - len(head))


def flag(briefing: Briefing) -> str:
    """The status label, or NOT A DEAL once a person has said so."""
    return NOT_A_DEAL if briefing.not_a_deal else label(briefing.status)


def _badge(briefing: Briefing) -> str:
    return f"{NOT_A_DEAL_EMOJI} *{NOT_A_DEAL}*" if briefing.not_a_deal else badge(briefing.status)


def banner_text(briefing: Briefing, note: str = "") -> str:
    """The banner: badge first, the reason in words, then up to three quoted evidence cues; for
    a person's call, who set it and their reason instead."""
    if briefing.set_by:
        why = f": {fit(briefing.call_reason, CALL_REASON_MAX)}" if briefing.call_reason else ""
        return cut_markup(f"{_badge(briefing)}{note} · {set_by(briefing.set_by)}{why}",
                          SECTION_MAX)
    quotes = ", ".join(f"“{fit_quote(e, EVIDENCE_MAX)}”"
                       for e in briefing.evidence[:EVIDENCE_SHOWN])
    why = reason(briefing.status, briefing.evidence, f"{briefing.title} {briefing.summary}",
                 len(briefing.parties))
    text = f"{badge(briefing.status)}{note}: {escape(why)}"
    return cut_markup(f"{text}. Evidence: {quotes}" if quotes else f"{text}.", SECTION_MAX)


def _banner(briefing: Briefing, note: str = "") -> SectionBlock:
    """The banner, with the correction menu beside it (`bot.render.correction_menu`)."""
    return briefing_section(MarkdownTextObject(text=banner_text(briefing, note), verbatim=True),
                            briefing.deal_key, briefing.story_id, briefing.status)


def _header(briefing: Briefing) -> HeaderBlock:
    head = f"{flag(briefing)}: "
    return HeaderBlock(text=PlainTextObject(text=head + fit(briefing.title, HEADER_MAX - len(head)),
                                            emoji=False))


def _fields(briefing: Briefing) -> SectionBlock:
    pairs = [
        ("Parties", ", ".join(briefing.parties) or "unknown"),
        ("Subject", briefing.subject or "unknown"),
        ("Chips", ", ".join(briefing.chips) or "not named"),
        ("Use", briefing.use),
    ]
    if briefing.value or briefing.capacity:
        amount = " · ".join(v for v in (briefing.value, briefing.capacity) if v)
        pairs.append(("Value / capacity", amount))
    return SectionBlock(fields=[
        MarkdownTextObject(text=f"*{name}*\n{fit(value, FIELD_MAX - len(name) - 3)}",
                           verbatim=True)
        for name, value in pairs
    ])


def _source(briefing: Briefing) -> ContextBlock:
    when = briefing.published.strftime("%d %b %Y %H:%M UTC")
    parts = [fit(briefing.outlet, 200), when, link(briefing.link, "read the source")]
    return ContextBlock(elements=[
        MarkdownTextObject(text=cut_markup(" · ".join(parts), SECTION_MAX), verbatim=True)
    ])


def _summary(briefing: Briefing) -> SectionBlock:
    """Plain text: feed prose gets no bold, emoji or auto-links with which to mimic our banner."""
    text = fit(briefing.summary or briefing.title, SECTION_MAX)
    return SectionBlock(text=PlainTextObject(text=text or "(no summary)", emoji=False))


def _new_deal(briefing: Briefing) -> list[Block]:
    return [_header(briefing), _banner(briefing), _summary(briefing), _fields(briefing),
            _source(briefing)]


def _edit_root(briefing: Briefing) -> list[Block]:
    was = briefing.previous_status
    note = f"_Updated: now *{flag(briefing)}*"
    note += f" (was {label(was)})" if was else ""
    note += f", {set_by(briefing.set_by)}_" if briefing.set_by else "_"
    return [*_new_deal(briefing), DividerBlock(),
            ContextBlock(elements=[MarkdownTextObject(text=note, verbatim=True)])]


def _report(briefing: Briefing) -> list[Block]:
    title = link(briefing.link, truncate(briefing.title, 300))
    text = (f"{EMOJI[briefing.status]} Also reported by *{fit(briefing.outlet, 200)}* "
            f"(still *{label(briefing.status)}*): {title}")
    return [briefing_section(MarkdownTextObject(text=cut_markup(text, SECTION_MAX), verbatim=True),
                             briefing.deal_key, briefing.story_id, briefing.status),
            _summary(briefing)]


def _status_change(briefing: Briefing) -> list[Block]:
    was = briefing.previous_status
    note = f" (status changed from {label(was)})" if was else " (status changed)"
    blocks: list[Block] = [_header(briefing), _banner(briefing, note), _summary(briefing),
                           _source(briefing)]
    if briefing.replaces:  # a party's own word replaced a person's call: say whose
        text = f"_This {fit(briefing.replaces, CALL_REASON_MAX)}_"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=text, verbatim=True)]))
    return blocks


_RENDERERS = {
    MessageKind.NEW_DEAL: _new_deal,
    MessageKind.REPORT: _report,
    MessageKind.STATUS_CHANGE: _status_change,
    MessageKind.EDIT_ROOT: _edit_root,
}
