"""The fetcher a process keeps between poll cycles: its config and one HTTP connection pool,
so keep-alive connections survive from one cycle to the next. Close it (or use `with`)."""

from __future__ import annotations

from types import TracebackType

import httpx

from briefings.config import FetchConfig
from briefings.feeds.download import make_http_client


class Fetcher:
    """What `run_poll_cycle` fetches with; safe to share between the poll's worker threads."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self.client: httpx.Client = make_http_client(self.config)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def make_client(config: FetchConfig | None = None) -> Fetcher:
    """A fetcher for `run_poll_cycle`; use it as a context manager."""
    return Fetcher(config)
