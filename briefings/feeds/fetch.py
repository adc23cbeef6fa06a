"""The fetcher a process keeps between poll cycles: its config, one HTTP connection pool and
the poll's worker and parser threads, so keep-alive connections survive from one cycle to the
next, and so do the threads. Threads started afresh each cycle picked up glibc malloc arenas
afresh too, and the arenas' free memory fragmented: the process grew about 1% per 100 cycles
(issue 8's soak) with no more live data. Close it (or use `with`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from types import TracebackType

import httpx

from briefings.config import FetchConfig
from briefings.feeds.download import make_http_client

# Parsing a large feed takes several times its size in memory (reader#261), and under the GIL a
# third parser thread would only take turns with the other two.
PARSERS = 2


class Fetcher:
    """What `run_poll_cycle` fetches with: `client` is shared by the `workers`, which run one
    cycle's fetches at a time and hand the bodies to the `parsers`."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self.client: httpx.Client = make_http_client(self.config)
        self.workers = ThreadPoolExecutor(self.config.concurrency, thread_name_prefix="poll")
        self.parsers = ThreadPoolExecutor(PARSERS, thread_name_prefix="parse")

    def close(self) -> None:
        self.workers.shutdown(wait=True)
        self.parsers.shutdown(wait=True)
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def make_client(config: FetchConfig | None = None) -> Fetcher:
    """A fetcher for `run_poll_cycle`; use it as a context manager."""
    return Fetcher(config)
