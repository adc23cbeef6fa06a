"""A total deadline for synchronous httpx requests, enforced at the socket.

httpx has connect/read/write timeouts but no total one, so a server trickling one byte per
second (headers or body) never times out. Here every socket operation's timeout is clamped to
the time left before the current thread's deadline; once it has passed, the next operation
raises a timeout. Deadlines are per thread: each poll worker fetches one feed at a time.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

_local = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Let this thread's socket operations run for `seconds` in total."""
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = None


def expired() -> bool:
    """True when this thread has a deadline and it has passed."""
    limit: float | None = getattr(_local, "deadline", None)
    return limit is not None and time.monotonic() >= limit


def _clamp(timeout: float | None) -> float | None:
    limit: float | None = getattr(_local, "deadline", None)
    if limit is None:
        return timeout
    left = limit - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("total deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.SyncBackend):
    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _Stream(super().connect_tcp(host, port, _clamp(timeout), local_address,
                                           socket_options))


def deadline_transport(limits: httpx.Limits) -> httpx.HTTPTransport:
    """An httpx transport whose sockets honour `deadline`. httpcore's network backends are
    public, but httpx 0.28 cannot be handed one (the open pull request encode/httpx#3749 would
    add that), so the pool's is replaced; the trickle tests catch it if that changes."""
    transport = httpx.HTTPTransport(limits=limits)
    transport._pool._network_backend = _Backend()
    return transport
