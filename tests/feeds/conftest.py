"""Fixtures for feed tests: a loopback feed server and a fast, loopback-allowed fetch config."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefings.config import FetchConfig
from tests.feeds.server import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@pytest.fixture
def fetch_config() -> FetchConfig:
    """Loopback allowed explicitly (SSRF protection is on by default); short timeouts."""
    return FetchConfig(allow_private_addresses=True, connect_timeout=0.5, read_timeout=0.5,
                       total_timeout=1.0)

