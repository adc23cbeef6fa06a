"""A deal briefing as a Slack message: header, status banner, summary, fields, source line."""

from __future__ import annotations

from dataclasses import dataclass, field
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

from bot.render.escape import escape, fit, link
from bot.render.status import EMOJI, MEANING, badge, label
from briefings.briefing import Briefing, MessageKind

HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
TEXT_MAX = 3000
EVENT_TYPE = "deal_briefing"


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """Everything `chat.postMessage` / `chat.update` needs, already escaped and within limits."""

    text: str
    blocks: list[Block]
    metadata: Metadata
    broadcast: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    def blocks_json(self) -> list[dict[str, Any]]:
        return [block.to_dict() for block in self.blocks]


def render(briefing: Briefing) -> SlackMessage:
    """The message for one briefing, by kind."""
    blocks = _RENDERERS[briefing.kind](briefing)
    return SlackMessage(
        text=fallback_text(briefing),
        blocks=blocks,
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
    """Notification text: starts with the status in capitals, whatever the feed wrote."""
    parties = " / ".join(briefing.parties)
    prefix = {
        MessageKind.REPORT: "also reported",
        MessageKind.STATUS_CHANGE: "status changed",
        MessageKind.EDIT_ROOT: "updated",
        MessageKind.NEW_DEAL: "",
    }[briefing.kind]
    head = f"{label(briefing.status)}{' (' + prefix + ')' if prefix else ''}: "
    return head + fit(f"{parties}: {briefing.title} ({briefing.outlet})", TEXT_MAX - len(head))


def reason(briefing: Briefing) -> str:
    """Why the badge says what it says: the meaning of the status and the quoted evidence."""
    quotes = ", ".join(f"“{escape(e)}”" for e in briefing.evidence[:3])
    text = MEANING[briefing.status]
    return f"{text}. Evidence: {quotes}" if quotes else text + "."


def _banner(briefing: Briefing, lead: str = "") -> SectionBlock:
    text = f"{lead}{badge(briefing.status)}: {reason(briefing)}"
    return SectionBlock(text=MarkdownTextObject(text=fit_markup(text), verbatim=True))


def fit_markup(text: str) -> str:
    """Cut already-escaped mrkdwn to the section limit (only our own text is long enough to)."""
    return text if len(text) <= SECTION_MAX else text[: SECTION_MAX - 1] + "…"


def _header(briefing: Briefing) -> HeaderBlock:
    title = f"{label(briefing.status)}: {briefing.title}"
    return HeaderBlock(text=PlainTextObject(text=fit(title, HEADER_MAX), emoji=False))


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
        MarkdownTextObject(text=f"*{name}*\n{fit(value, FIELD_MAX)}", verbatim=True)
        for name, value in pairs
    ])


def _source(briefing: Briefing) -> ContextBlock:
    when = briefing.published.strftime("%d %b %Y %H:%M UTC")
    parts = [escape(briefing.outlet), when, link(briefing.link, "read the source")]
    return ContextBlock(elements=[
        MarkdownTextObject(text=fit_markup(" · ".join(parts)), verbatim=True)
    ])


def _summary(briefing: Briefing) -> SectionBlock:
    text = fit(briefing.summary or briefing.title, SECTION_MAX)
    return SectionBlock(text=MarkdownTextObject(text=text, verbatim=True))


def _new_deal(briefing: Briefing) -> list[Block]:
    return [_header(briefing), _banner(briefing), _summary(briefing), _fields(briefing),
            _source(briefing)]


def _edit_root(briefing: Briefing) -> list[Block]:
    was = briefing.previous_status
    note = f"_Updated: now *{label(briefing.status)}*"
    note += f" (was {label(was)})_" if was else "_"
    return [*_new_deal(briefing), DividerBlock(),
            ContextBlock(elements=[MarkdownTextObject(text=note)])]


def _report(briefing: Briefing) -> list[Block]:
    text = (f"{EMOJI[briefing.status]} Also reported by *{escape(briefing.outlet)}* "
            f"(still *{label(briefing.status)}*): {link(briefing.link, briefing.title)}")
    return [SectionBlock(text=MarkdownTextObject(text=fit_markup(text), verbatim=True)),
            _summary(briefing)]


def _status_change(briefing: Briefing) -> list[Block]:
    was = briefing.previous_status
    lead = f"Status changed{' from ' + label(was) if was else ''} to "
    return [_header(briefing), _banner(briefing, lead=lead), _summary(briefing),
            _source(briefing)]


_RENDERERS = {
    MessageKind.NEW_DEAL: _new_deal,
    MessageKind.REPORT: _report,
    MessageKind.STATUS_CHANGE: _status_change,
    MessageKind.EDIT_ROOT: _edit_root,
}
