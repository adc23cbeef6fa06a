"""Old stories are pruned; their deal and its history stay."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from briefings.models import Status, StatusChange, Verdict
from briefings.store import deals, stories
from briefings.store.database import transaction
from briefings.store.retention import prune_stories
from briefings.store.stories import NewStory
from briefings.store.tables import StoryRow
from tests.test_store import T0, deal, story


def test_prune_keeps_recent_stories_and_all_deal_history(
        sessions: sessionmaker[Session]) -> None:
    old = T0 - timedelta(days=200)
    verdict = Verdict(relevant=True, score=1.0, status=Status.UNCONFIRMED, deal_key=deal().key)
    with transaction(sessions) as session:
        deals.save_deal(session, deal())
        stories.add_stories(session, [
            NewStory(story("old", link="https://w.example/old", published=old, first_seen=old),
                     verdict, announce=True),
            NewStory(story("new", link="https://w.example/new"), verdict, announce=True)])
        deals.add_status_change(session, deal().key, StatusChange(
            Status.UNCONFIRMED, old, "old", "Wire", "https://w.example/old", ("in talks",)))
    with transaction(sessions) as session:
        assert prune_stories(session, T0 - timedelta(days=180)) == 1
    with transaction(sessions) as session:
        assert list(session.scalars(select(StoryRow.id))) == ["new"]
        kept = deals.get_deal(session, deal().key, with_history=True)
        assert kept is not None and kept.history[0].link == "https://w.example/old"
