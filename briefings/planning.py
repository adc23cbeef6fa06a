"""Deciding what to say where: routing by channel filters and the thread rules. Pure."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from briefings.briefing import Briefing, MessageKind, make_briefing
from briefings.config import ChannelConfig
from briefings.deals import DealUpdate, replaces_text
from briefings.models import Status, Story, Verdict


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """One message to send, identified by (kind, deal, story, channel) so it is sent once."""

    kind: MessageKind
    channel: str
    briefing: Briefing

    @property
    def idem_key(self) -> str:
        b = self.briefing
        return f"{self.kind.value}|{b.deal_key}|{b.story_id}|{self.channel}"


FLOOD_CAP = "flood cap"  # how every hold-back reason starts: the roll-up and digest look for it


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """Caps on top-level posts, so a feed that republishes its catalogue cannot flood a channel.

    Status changes and thread replies are not capped: holding back a correction would leave a
    wrong flag on show, and replies stay inside their deal's thread."""

    per_feed_per_cycle: int = 5
    per_channel_per_hour: int = 12

    def hold_back(self, from_feed_this_cycle: int, in_channel_last_hour: int) -> str | None:
        """Why the next top-level post must be held back, or None when it may go."""
        if from_feed_this_cycle >= self.per_feed_per_cycle:
            return f"{FLOOD_CAP}: {self.per_feed_per_cycle} posts from this feed this cycle"
        if in_channel_last_hour >= self.per_channel_per_hour:
            return f"{FLOOD_CAP}: {self.per_channel_per_hour} posts in this channel this hour"
        return None


def wants(channel: ChannelConfig, status: Status, parties: Collection[str]) -> bool:
    """Whether a channel's `statuses` and `companies` filters let this deal in."""
    if status not in channel.statuses:
        return False
    return not channel.companies or bool(set(channel.companies) & set(parties))


def plan_messages(
    update: DealUpdate,
    story: Story,
    verdict: Verdict,
    channels: Sequence[ChannelConfig],
    threaded: Collection[str],
) -> list[PlannedMessage]:
    """The messages one story causes. `threaded`: channels that already have this deal's post.

    A channel without the deal's post gets a top-level post once the deal passes its filters; a
    channel with it gets a thread reply (broadcast, plus an edit of the post, on a status change).
    A status change reaches every channel showing the post, whatever its filter, so no channel
    keeps showing a stale flag; a same-status report only reaches channels that want the status.
    """
    deal = update.deal
    planned: list[PlannedMessage] = []
    for channel in channels:
        if channel.id in threaded:
            if update.status_changed or deal.status in channel.statuses:
                planned += _thread_messages(update, story, verdict, channel.id)
        elif wants(channel, deal.status, deal.parties):
            briefing = make_briefing(MessageKind.NEW_DEAL, deal, story, verdict, update.previous)
            planned.append(PlannedMessage(MessageKind.NEW_DEAL, channel.id, briefing))
    return planned


def _thread_messages(
    update: DealUpdate, story: Story, verdict: Verdict, channel: str
) -> list[PlannedMessage]:
    if not update.status_changed:
        briefing = make_briefing(MessageKind.REPORT, update.deal, story, verdict, update.previous)
        return [PlannedMessage(MessageKind.REPORT, channel, briefing)]
    replaces = replaces_text(update.replaced) if update.replaced else ""
    return [
        PlannedMessage(kind, channel, make_briefing(kind, update.deal, story, verdict,
                                                    update.previous, replaces))
        for kind in (MessageKind.STATUS_CHANGE, MessageKind.EDIT_ROOT)
    ]
