"""A follower's direct message: the status badge, the deal, what changed since the person last
heard of it, the source, and how to stop these messages.

Feed text (parties, subject, outlet) and people's names are escaped here like a briefing's, so a
DM can never ping anyone or carry a forged link; the link is built by `escape.link`.
"""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.render.escape import cut_markup, fit, link
from bot.render.reply import SECTION_MAX
from bot.render.status import badge, label
from briefings.follow_dms import FollowDm
from briefings.follows import TargetKind

EVENT_TYPE = "deal_follow_dm"
TITLE_MAX = 300
TEXT_MAX = 1000


def title(dm: FollowDm) -> str:
    """`Anthropic + Microsoft: Maia`, raw."""
    parties = " + ".join(dm.parties) or "Unknown parties"
    return f"{parties}: {dm.subject}" if dm.subject else parties


def follow_dm_text(dm: FollowDm) -> str:
    """Notification text: our status label first, whatever the feed says."""
    change = " (new deal)" if dm.is_new else f" (was {label(dm.previous)})" if dm.previous else ""
    head = f"{label(dm.status)}{change}: "
    return head + fit(title(dm), TEXT_MAX - len(head))


def follow_dm_blocks(dm: FollowDm) -> list[Block]:
    return [_section(f"{badge(dm.status)}  *{fit(title(dm), TITLE_MAX)}*"),
            _section(_what_changed(dm)), _footer(dm)]


def _what_changed(dm: FollowDm) -> str:
    since = dm.at.strftime("%d %b %Y %H:%M UTC")
    if dm.is_new:
        return (f"New deal for *{fit(dm.followed.target, 100)}*, now *{label(dm.status)}* "
                f"(since {since}).")
    was = f"from {label(dm.previous)} " if dm.previous else ""
    by = f", set by {fit(dm.set_by, 80)}" if dm.set_by else ""
    return f"Status changed {was}to *{label(dm.status)}* on {since}{by}."


def _footer(dm: FollowDm) -> ContextBlock:
    followed = ("this deal" if dm.followed.kind is TargetKind.DEAL
                else fit(dm.followed.target, 100))
    parts = [f"Source: {link(dm.link, dm.outlet or 'the report')}" if dm.link else "",
             f"You follow {followed}; `/deal-status unfollow "
             f"{fit(dm.followed.command, 200)}` stops these messages"]
    text = " · ".join(p for p in parts if p)
    return ContextBlock(elements=[MarkdownTextObject(text=cut_markup(text, SECTION_MAX),
                                                     verbatim=True)])


def _section(mrkdwn: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=cut_markup(mrkdwn, SECTION_MAX),
                                                verbatim=True))
