"""Planning the weekly digest for each opted-in channel, exactly once per channel and ISO week.

Content is composed and rendered when planned (a snapshot of the week, with thread permalinks
fetched then), and the rows go into the outbox with the sent-digest record in one transaction; the
deliverer posts them like any other message.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.render.digest import ThreadLink, render_digest
from bot.render.digest_pack import DigestMessage
from briefings.config import ChannelConfig
from briefings.digest import DigestContent, WeekFacts, compose_digest
from briefings.digest_window import IsoWeek, window_for
from briefings.models import Deal, Status
from briefings.planning import wants
from briefings.store import digests, job_runs
from briefings.store.database import transaction

log = logging.getLogger(__name__)

JOB = "digest"
Permalink = Callable[[str, str], "str | None"]


class Permalinks:
    """`chat.getPermalink` for a deal's post; a failure omits that link, and a broken connection
    stops further calls so a Slack outage cannot stall the digest for a timeout per deal."""

    def __init__(self, client: WebClient) -> None:
        self._client = client
        self._broken = False

    def __call__(self, channel: str, ts: str) -> str | None:
        if self._broken:
            return None
        try:
            return str(self._client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
        except SlackApiError as exc:
            log.warning("no permalink for %s in %s: %s", ts, channel, exc.response.get("error"))
        except (SlackClientError, OSError) as exc:
            log.warning("permalinks unavailable, digest links omitted: %s", exc)
            self._broken = True
        return None


def digest_channels(channels: Sequence[ChannelConfig]) -> list[ChannelConfig]:
    return [channel for channel in channels if channel.digest]


class DigestPlanner:
    """Composes, renders and queues the digest of one week for every digest channel."""

    def __init__(self, sessions: sessionmaker[Session], channels: Sequence[ChannelConfig],
                 zone: ZoneInfo, permalink: Permalink | None = None) -> None:
        self._sessions = sessions
        self._channels = digest_channels(channels)
        self.zone = zone
        self._permalink = permalink

    def facts(self, week: IsoWeek) -> WeekFacts:
        with transaction(self._sessions) as session:
            return digests.week_facts(session, window_for(week, self.zone))

    def content(self, facts: WeekFacts, channel: ChannelConfig | None) -> DigestContent:
        """The digest as `channel` sees it through its filters (everything when None)."""
        if channel is None:
            return compose_digest(facts)
        return compose_digest(facts, functools.partial(_follows, channel), channel.id)

    def plan(self, week: IsoWeek, now: datetime, *, force: bool = False) -> dict[str, bool]:
        """Queue the week's digest for each channel; channel id -> whether it was queued now."""
        facts = self.facts(week)
        return {channel.id: self._plan_channel(facts, channel, now, force)
                for channel in self._channels}

    def _plan_channel(self, facts: WeekFacts, channel: ChannelConfig, now: datetime,
                      force: bool) -> bool:
        week = str(facts.window.week)
        with transaction(self._sessions) as session:
            if digests.is_sent(session, channel.id, week) and not force:
                return False
        messages = self.render(facts, channel)
        with transaction(self._sessions) as session:
            planned = digests.plan_digest(session, channel.id, week,
                                          [m.payload() for m in messages], now, force=force)
            job_runs.record(session, JOB, week, now)
        if planned:
            log.info("digest %s planned for %s in %d message(s)", week, channel.id, len(messages))
        return planned

    def render(self, facts: WeekFacts, channel: ChannelConfig) -> list[DigestMessage]:
        content = self.content(facts, channel)
        return render_digest(content, self.zone, self._thread_links(channel.id, content))

    def _thread_links(self, channel: str, content: DigestContent) -> ThreadLink:
        permalink = self._permalink
        if permalink is None:
            return lambda key: None
        keys = {line.deal_key for section in content.sections for line in section.lines}
        with transaction(self._sessions) as session:
            posts = digests.thread_posts(session, channel, keys)
        cache: dict[str, str | None] = {}

        def thread_link(key: str) -> str | None:
            if key in posts and key not in cache:
                cache[key] = permalink(channel, posts[key])
            return cache.get(key)

        return thread_link


def _follows(channel: ChannelConfig, deal: Deal, status: Status) -> bool:
    return wants(channel, status, deal.parties)
