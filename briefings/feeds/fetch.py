"""The fetcher a process keeps between poll cycles: one event loop and one connection pool.

Poll cycles are synchronous calls (the clock job, the CLI); each runs its concurrent fetches on
the same `asyncio.Runner`, so keep-alive connections survive from one cycle to the next.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TypeVar

import httpx

from briefings.config import FetchConfig
from briefings.feeds.download import make_http_client

T = TypeVar("T")


class Fetcher:
    """Runs fetch coroutines for synchronous callers; one cycle at a time. Close it when done."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self._lock = threading.Lock()
        self._runner: asyncio.Runner | None = None
        self._client: httpx.AsyncClient | None = None

    def run(self, work: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
        """Run `work(client)` to completion on the fetcher's loop and return its result."""
        with self._lock:
            if self._runner is None:
                self._runner = asyncio.Runner()
            return self._runner.run(self._call(work))

    async def _call(self, work: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
        if self._client is None:
            self._client = make_http_client(self.config)
        return await work(self._client)

    def close(self) -> None:
        """Close the connection pool and the loop."""
        with self._lock:
            if self._runner is not None:
                if self._client is not None:
                    self._runner.run(self._client.aclose())
                self._runner.close()
            self._runner, self._client = None, None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def make_client(config: FetchConfig | None = None) -> Fetcher:
    """A fetcher for `run_poll_cycle`; use it as a context manager."""
    return Fetcher(config)
