"""Helpers shared by the feed tests."""

from __future__ import annotations

from briefings.config import FetchConfig
from briefings.feeds.download import FetchResult, Validators, fetch
from briefings.feeds.fetch import Fetcher


def get(config: FetchConfig, url: str, validators: Validators | None = None) -> FetchResult:
    """Fetch one URL synchronously with a throwaway fetcher."""
    with Fetcher(config) as fetcher:
        return fetch(fetcher.client, config, url, validators or Validators())
