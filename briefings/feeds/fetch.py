"""The fetcher a process keeps between poll cycles: its config, one HTTP connection pool and
the poll's worker threads, so keep-alive connections survive from one cycle to the next, and so
do the threads. Threads started afresh each cycle picked up glibc malloc arenas afresh too, and
the arenas' free memory fragmented: the process grew about 1% per 100 cycles (issue 8's soak)
with no more live data. Close it (or use `with`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from types import TracebackType

import httpx

from briefings.config import FetchConfig
from briefings.feeds.download import make_http_client


class Fetcher:
    """What `run_poll_cycle` fetches with: `client` is shared by the `workers`, which run one
    cycle's fetches at a time."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self.client: httpx.Client = make_http_client(self.config)
        self.workers = ThreadPoolExecutor(self.config.concurrency, thread_name_prefix="poll")

    def close(self) -> None:
        self.workers.shutdown(wait=True)
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def make_client(config: FetchConfig | None = None) -> Fetcher:
    """A fetcher for `run_poll_cycle`; use it as a context manager."""
    return Fetcher(config)
