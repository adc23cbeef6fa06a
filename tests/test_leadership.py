"""One clock leads; a second waits and takes over when the first stops or dies."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.commands.status import report
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


def test_a_follower_says_it_follows_and_who_leads(engine: Engine,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    a, b = clocks(engine)
    caplog.set_level(logging.INFO, logger="briefings.leadership")
    try:
        assert a.check(T0) and not b.check(T0)  # the follower said nothing before
        assert not b.check(T0 + TTL / 2)  # and says it once, not on every check
    finally:
        a.release()
        b.release()
    assert [r.getMessage() for r in caplog.records] == [
        "clock-a took leadership of 'clock'",
        "clock-b follows: clock-a leads 'clock'; this process takes over if it stops",
        "clock-a released leadership of 'clock'",
    ]


def clock_line(sessions: sessionmaker[Session], now: datetime) -> str:
    with transaction(sessions) as session:
        return report(session, now)[0]


def test_status_tells_a_clean_stop_from_a_lost_lease(engine: Engine,
                                                     sessions: sessionmaker[Session]) -> None:
    a, b = clocks(engine)
    assert a.check(T0)
    assert clock_line(sessions, T0 + TTL / 2).startswith("Clock: clock held by clock-a, live")
    if engine.dialect.name == "postgresql":
        a._lock.release()  # type: ignore[union-attr]  # as when the process dies
    lost = clock_line(sessions, T0 + TTL * 2)  # a killed clock: its lease lapses unrenewed
    assert lost.startswith("Clock: clock lost by clock-a: the lease expired without a clean stop")
    assert b.check(T0 + TTL * 2)
    b.release()  # SIGTERM: the clock steps down; this said "expired" before
    beat = T0 + TTL * 2
    assert clock_line(sessions, T0 + TTL * 3) == (
        f"Clock: clock released by clock-b at a clean stop (last heartbeat {beat:%Y-%m-%d %H:%M:%S}"
        " UTC)")
