"""The `follows` store on SQLite and (when configured) PostgreSQL: idempotent follow and unfollow,
one row per person, kind and target even when two requests race, and who a deal's news reaches."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from briefings.errors import WriteConflict
from briefings.follows import FollowTarget, TargetKind
from briefings.store import follows
from briefings.store.database import retrying_conflicts, transaction
from briefings.store.tables import FollowRow

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
NVIDIA = FollowTarget(TargetKind.COMPANY, "NVIDIA")
DEAL = FollowTarget(TargetKind.DEAL, "nvidia-openai:gpus:2026-11:abc123")


def test_follow_and_unfollow_are_idempotent(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        assert follows.follow(session, "U1", NVIDIA, T0)
        assert not follows.follow(session, "U1", NVIDIA, T0)
        assert follows.follow(session, "U1", DEAL, T0)
    with transaction(sessions) as session:
        assert follows.follows_of(session, "U1") == [NVIDIA, DEAL]
        assert follows.unfollow(session, "U1", NVIDIA)
        assert not follows.unfollow(session, "U1", NVIDIA)
        assert follows.follows_of(session, "U1") == [DEAL] and follows.count(session, "U2") == 0


def test_a_racing_duplicate_meets_the_unique_key_and_a_retry_sees_it(
        sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        follows.follow(session, "U1", NVIDIA, T0)
    with pytest.raises(WriteConflict), transaction(sessions) as session:  # the racing insert
        session.add(FollowRow(user_id="U1", target_kind="company", target="NVIDIA",
                              created_at=T0))
    added = retrying_conflicts(sessions, lambda s: follows.follow(s, "U1", NVIDIA, T0))
    with transaction(sessions) as session:
        assert not added and session.scalar(select(func.count()).select_from(FollowRow)) == 1


def test_followers_are_those_following_the_deal_or_one_of_its_parties(
        sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        follows.follow(session, "U1", NVIDIA, T0)
        follows.follow(session, "U1", DEAL, T0)
        follows.follow(session, "U2", FollowTarget(TargetKind.COMPANY, "OpenAI"), T0)
        follows.follow(session, "U3", FollowTarget(TargetKind.COMPANY, "AMD"), T0)
        follows.follow(session, "U4", FollowTarget(TargetKind.DEAL, "another"), T0)
    with transaction(sessions) as session:
        found = follows.followers(session, DEAL.target, ("NVIDIA", "OpenAI"))
    assert found == {"U1": [NVIDIA, DEAL], "U2": [FollowTarget(TargetKind.COMPANY, "OpenAI")]}


def test_a_merged_deals_followers_follow_the_deal_it_was_merged_into(
        sessions: sessionmaker[Session]) -> None:
    survivor = FollowTarget(TargetKind.DEAL, "survivor")
    with transaction(sessions) as session:
        follows.follow(session, "U1", DEAL, T0)
        follows.follow(session, "U2", DEAL, T0)
        follows.follow(session, "U2", survivor, T0)  # follows both: keeps one
        assert follows.repoint(session, DEAL.target, survivor.target) == 1
    with transaction(sessions) as session:
        assert follows.follows_of(session, "U1") == [survivor]
        assert follows.follows_of(session, "U2") == [survivor]
