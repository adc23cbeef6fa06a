"""One clock leads; a second waits and takes over when the first stops or dies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from briefings.leadership import Leadership
from briefings.store.database import session_factory, transaction
from briefings.store.leases import lease_holder

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TTL = timedelta(seconds=30)


def clocks(engine: Engine) -> tuple[Leadership, Leadership]:
    sessions = session_factory(engine)
    return (Leadership(engine, sessions, holder="clock-a", ttl=TTL),
            Leadership(engine, sessions, holder="clock-b", ttl=TTL))


def test_only_one_of_two_clocks_leads(engine: Engine) -> None:
    a, b = clocks(engine)
    try:
        assert a.check(T0) and not b.check(T0)
        assert a.check(T0 + TTL / 2) and not b.check(T0 + TTL / 2)
    finally:
        a.release()
        b.release()


def test_graceful_release_hands_over_at_once(engine: Engine) -> None:
    a, b = clocks(engine)
    try:
        assert a.check(T0)
        a.release()
        assert b.check(T0 + timedelta(seconds=1))
        assert not a.check(T0 + timedelta(seconds=2))
    finally:
        a.release()
        b.release()


def test_a_dead_leader_is_replaced_within_one_lease_period(engine: Engine) -> None:
    a, b = clocks(engine)
    try:
        assert a.check(T0)
        if engine.dialect.name == "postgresql":
            a._lock.release()  # type: ignore[union-attr]  # the connection dies with the process
        else:
            assert not b.check(T0 + TTL - timedelta(seconds=1))
        assert b.check(T0 + TTL + timedelta(seconds=1))
    finally:
        a.release()
        b.release()


def test_heartbeat_is_visible_for_status(engine: Engine,
                                         sessions: sessionmaker[Session]) -> None:
    a, _ = clocks(engine)
    try:
        a.check(T0)
        with transaction(sessions) as session:
            row = lease_holder(session, "clock")
            assert row is not None and row.holder == "clock-a" and row.heartbeat_at == T0
    finally:
        a.release()
