"""`/deal-status follow|unfollow|following`: what a person follows, kept in `follows`.

A company is named as on the watch list (name or alias, any case); a deal by `deal:<key>` or by
a query that matches exactly one tracked deal. Anything else is answered, never guessed: a typo
of a company gets "did you mean", a query matching several deals lists them with their keys.
Writes run in their own short transaction; reads use the read sessions like every answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.listeners.catalogue import CatalogueCache
from bot.render import follows as render
from bot.render.escape import JOINER
from bot.render.reply import Reply
from briefings.config import Watchlist, company_names
from briefings.follow_dms import withdraw_unfollowed
from briefings.follows import MAX_FOLLOWS, FollowTarget, TargetKind
from briefings.models import Deal
from briefings.search import Kind
from briefings.store import follows
from briefings.store.database import retrying_conflicts, transaction
from briefings.store.deals import get_deal
from briefings.store.search import deals_by_keys

VERBS = frozenset({"follow", "unfollow", "following"})
DEAL_PREFIX = "deal:"
LIST_MAX = 10
USER_ID = re.compile(r"[UW][A-Z0-9]{2,39}")  # Slack user IDs, as the signed command carries them


@dataclass(frozen=True, slots=True)
class Resolved:
    target: FollowTarget
    deal: Deal | None = None


class FollowAnswers:
    """Answers the follow commands for one person (the command's `user_id`)."""

    def __init__(self, sessions: sessionmaker[Session], reads: sessionmaker[Session],
                 catalogue: CatalogueCache, watchlist: Watchlist) -> None:
        self._sessions = sessions
        self._reads = reads
        self._catalogue = catalogue
        self._companies = company_names(watchlist)  # every name and alias, lowercased

    def answer(self, verb: str, rest: str, user: str | None) -> Reply:
        """`verb` is one of VERBS; `rest` the text after it, whitespace collapsed."""
        if user is None or not USER_ID.fullmatch(user):
            return render.PERSONAL
        if verb == "following":
            return self.following(user)
        rest = rest.replace(JOINER, "").strip()  # pasted from an answer, where keys carry it
        if not rest:
            return render.how_to_follow(f"Say what to {verb}, for example:")
        resolved = self.resolve(rest, must_exist=verb == "follow")
        if isinstance(resolved, Reply):
            return resolved
        if verb == "follow":
            return self.follow(user, resolved)
        return self.unfollow(user, resolved)

    def resolve(self, text: str, *, must_exist: bool) -> Resolved | Reply:
        """A company by name or alias, a deal by key, or the one deal a query matches."""
        if text.lower().startswith(DEAL_PREFIX):
            return self._by_key(text[len(DEAL_PREFIX):].strip(), must_exist)
        company = self._companies.get(text.lower())
        if company is not None:
            return Resolved(FollowTarget(TargetKind.COMPANY, company))
        catalogue = self._catalogue.get()
        query = catalogue.vocabulary.parse(text)
        if len(query.terms) == 1 and query.terms[0].kind is Kind.COMPANY:
            return render.no_such(text, [query.terms[0].label])  # a typo: ask, do not guess
        ranked = catalogue.index.match(query.terms, LIST_MAX) if query.terms else None
        if ranked is None or not ranked.keys:
            return render.no_such(text, catalogue.vocabulary.closest(text))
        with transaction(self._reads) as session:
            deals = deals_by_keys(session, ranked.keys)
        if ranked.complete and ranked.total == 1 and deals:
            return Resolved(FollowTarget(TargetKind.DEAL, deals[0].key), deals[0])
        return render.pick_one(text, deals, ranked.total)

    def _by_key(self, key: str, must_exist: bool) -> Resolved | Reply:
        with transaction(self._reads) as session:
            deal = get_deal(session, key) if key else None
        if deal is not None and not deal.hidden:
            return Resolved(FollowTarget(TargetKind.DEAL, deal.key), deal)
        if key and not must_exist:
            return Resolved(FollowTarget(TargetKind.DEAL, key))
        return render.how_to_follow("No tracked deal has that key. `/deal-status` finds deals; "
                                    "their keys are in the list a query shows.")

    def follow(self, user: str, resolved: Resolved) -> Reply:
        def work(session: Session) -> bool | None:
            current = follows.follows_of(session, user)
            if resolved.target in current:
                return False
            if len(current) >= MAX_FOLLOWS:
                return None
            return follows.follow(session, user, resolved.target, datetime.now(UTC))

        added = retrying_conflicts(self._sessions, work)
        if added is None:
            return render.full()
        return render.followed(resolved.target, resolved.deal, added)

    def unfollow(self, user: str, resolved: Resolved) -> Reply:
        with transaction(self._sessions) as session:
            removed = follows.unfollow(session, user, resolved.target)
            if removed:
                withdraw_unfollowed(session, user)
        return render.unfollowed(resolved.target, resolved.deal, removed)

    def following(self, user: str) -> Reply:
        with transaction(self._reads) as session:
            targets = follows.follows_of(session, user)
            deals = {d.key: d for d in deals_by_keys(
                session, [t.target for t in targets if t.kind is TargetKind.DEAL])}
        return render.following([(t, deals.get(t.target)) for t in targets])
