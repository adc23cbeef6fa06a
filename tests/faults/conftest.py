"""Fixtures for the fault suite: a sandbox Slack, the sample feeds on loopback, and the bot's
environment pointed at the test database (SQLite file, or PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.sandbox import SlackSandbox
from tests.faults.harness import Bot, FeedServer, bot_env, sample_feeds, write_config


@pytest.fixture
def slack() -> Iterator[SlackSandbox]:
    with SlackSandbox() as sandbox:
        yield sandbox


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer(sample_feeds())
    yield server
    server.stop()


@pytest.fixture
def database_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def bot(tmp_path: Path, database_url: str, slack: SlackSandbox, feeds: FeedServer) -> Bot:
    config = write_config(tmp_path, feeds.url)
    return Bot(bot_env(database_url, slack, config), tmp_path)
