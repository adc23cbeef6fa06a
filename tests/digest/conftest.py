"""Digest test fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.sandbox import SlackSandbox


@pytest.fixture(scope="session")
def _sandbox() -> Iterator[SlackSandbox]:
    with SlackSandbox() as sandbox:  # one server: stopping one costs half a second
        yield sandbox


@pytest.fixture
def slack(_sandbox: SlackSandbox) -> SlackSandbox:
    """A loopback Slack Web API that records every call, emptied for each test."""
    _sandbox.reset()
    return _sandbox
