"""Fixtures for the delivery tests: a sandbox Slack on 127.0.0.1 and a world around it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox import SlackSandbox
from tests.delivery.support import World


@pytest.fixture
def slack() -> Iterator[SlackSandbox]:
    with SlackSandbox() as sandbox:
        yield sandbox


@pytest.fixture
def world(sessions: sessionmaker[Session], slack: SlackSandbox) -> World:
    world = World(sessions, slack)
    slack.state.clock = lambda: world.clock().timestamp()  # message ts in the world's time
    return world
