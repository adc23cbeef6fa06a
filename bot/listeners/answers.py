"""Command text -> `Reply`: the grammar of `/deal-status`, shared by the command and the share
button. Reads happen in one short transaction; Slack calls (the thread's permalink) come after.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.listeners.catalogue import CatalogueCache
from bot.listeners.follows import VERBS as FOLLOW_VERBS
from bot.listeners.follows import FollowAnswers
from bot.render.deal_card import deal_card_blocks
from bot.render.deal_list import deal_list_blocks, title
from bot.render.escape import fit
from bot.render.feed_health import feed_health_blocks
from bot.render.help import help_blocks, no_match_blocks
from bot.render.reply import Reply
from bot.services import Services
from briefings.search import Query, Vocabulary
from briefings.store import search
from briefings.store.database import read_session_factory, transaction
from briefings.store.feeds import all_feeds
from briefings.store.search import ThreadLink

log = logging.getLogger(__name__)

LIST_MAX = 10
HELP_WORDS = frozenset({"help", "?", "-h", "--help", "usage"})
FEED_WORDS = frozenset({"feeds", "feed"})
DEAL_PREFIX, QUERY_PREFIX = "deal:", "q:"
PERMALINKS_KEPT = 4096


class Answers:
    """Answers `/deal-status` text. The vocabulary (watch list + names on deals) is cached."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._reads = read_session_factory(services.engine)
        self._catalogue = CatalogueCache(services.config.watchlist, self._reads)
        self._permalinks = Permalinks()
        self._follows = FollowAnswers(services.sessions, self._reads, self._catalogue,
                                      services.config.watchlist)

    def answer(self, text: str, channel: str | None, client: WebClient,
               user: str | None = None) -> Reply:
        """The reply to the command text, by the grammar: empty, help, feeds, follow, unfollow,
        following (for `user`, the person who typed it), or a query."""
        words = " ".join(text.split())
        keyword = words.lower()
        if not keyword:
            return self.recent()
        verb, _, rest = words.partition(" ")
        if verb.lower() in FOLLOW_VERBS:
            return self._follows.answer(verb.lower(), rest, user)
        if keyword in HELP_WORDS:
            return Reply("How to use /deal-status", help_blocks(self.vocabulary().examples()))
        if keyword in FEED_WORDS:
            return self.feeds()
        return self.search(words, channel, client)

    def shared(self, value: str, channel: str | None, client: WebClient) -> Reply:
        """Re-answer what a share button carries: one deal by key, or the query it answered."""
        if value.startswith(DEAL_PREFIX):
            reply = self.card(value.removeprefix(DEAL_PREFIX), channel, client)
            if reply is not None:
                return reply
        return self.answer(value.removeprefix(QUERY_PREFIX), channel, client)

    def recent(self) -> Reply:
        with transaction(self._reads) as session:
            deals, total = search.recent(session, LIST_MAX)
        if not deals:
            return Reply("No deals are tracked yet.", help_blocks(self.vocabulary().examples()))
        blocks = deal_list_blocks("*Tracked deals, most recent activity first*", deals, total)
        return Reply(f"{total} tracked deal(s)", blocks, share=QUERY_PREFIX)

    def feeds(self) -> Reply:
        with transaction(self._reads) as session:
            blocks = feed_health_blocks(all_feeds(session))
        return Reply("Feed health", blocks, share=QUERY_PREFIX + "feeds")

    def search(self, text: str, channel: str | None, client: WebClient) -> Reply:
        catalogue = self._catalogue.get()
        query = catalogue.vocabulary.parse(text)
        ranked = catalogue.index.match(query.terms, LIST_MAX)
        if ranked.complete and ranked.total == 1:
            reply = self.card(ranked.keys[0], channel, client)
            if reply is not None:
                return reply
        if not ranked.keys:
            return self.no_match(query)
        with transaction(self._reads) as session:
            deals = search.deals_by_keys(session, ranked.keys)
        blocks = deal_list_blocks(_heading(query, ranked.total, ranked.complete), deals,
                                  ranked.total)
        share = QUERY_PREFIX + " ".join(query.labels)  # what it resolved to, not the raw text
        return Reply(f"{ranked.total} deal(s) match", blocks, share=share)

    def card(self, key: str, channel: str | None, client: WebClient) -> Reply | None:
        with transaction(self._reads) as session:
            detail = search.detail(session, key, channel=channel)
        if detail is None:
            return None
        blocks = deal_card_blocks(detail, self._permalinks.get(client, detail.thread))
        text = f"{detail.deal.status.value.upper()}: {fit(title(detail.deal), 200)}"
        return Reply(text, blocks, share=DEAL_PREFIX + key)

    def no_match(self, query: Query) -> Reply:
        vocabulary = self.vocabulary()
        suggestions = [n for n in vocabulary.closest(query.raw) if n not in query.labels]
        blocks = no_match_blocks(query.raw, query.labels, suggestions, vocabulary.examples())
        return Reply("No tracked deal matches that.", blocks)

    def vocabulary(self) -> Vocabulary:
        return self._catalogue.get().vocabulary


def _heading(query: Query, total: int, complete: bool) -> str:
    asked = fit(" + ".join(query.labels), 200)
    if complete:
        return f"*{total} tracked deals match {asked}*, best first"
    return f"*No tracked deal matches all of {asked}*; these match part of it, best first"


class Permalinks:
    """Thread permalinks, asked of Slack once per message: a message's permalink never changes,
    and each card would otherwise spend a Web API call (and its rate limit) on the same answer.
    A failed lookup is not kept, so the link comes back once Slack answers again."""

    def __init__(self, kept: int = PERMALINKS_KEPT) -> None:
        self._kept = kept
        self._links: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get(self, client: WebClient, thread: ThreadLink | None) -> str | None:
        if thread is None:
            return None
        key = (thread.channel, thread.ts)
        with self._lock:
            if key in self._links:
                return self._links[key]
        link = _permalink(client, thread)
        if link is not None:
            with self._lock:
                if len(self._links) >= self._kept:
                    self._links.pop(next(iter(self._links)))
                self._links[key] = link
        return link


def _permalink(client: WebClient, thread: ThreadLink) -> str | None:
    """The deal's thread in Slack; a failed lookup only drops the link from the card."""
    try:
        response = client.chat_getPermalink(channel=thread.channel, message_ts=thread.ts)
    except (SlackApiError, SlackClientError) as exc:
        log.warning("no permalink for the deal's thread in %s: %s", thread.channel, type(exc))
        return None
    permalink = response.get("permalink")
    return str(permalink) if permalink else None
