"""Fetching one feed with conditional GET, timeouts and a size cap. Placeholder depth; see #3."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from briefings.errors import FeedError

MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "DealBriefings/0.1 (+https://github.com/deal-briefings)"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch brought back; `body` is None on 304 Not Modified."""

    url: str
    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None


def make_client(timeout: float = 10.0) -> httpx.Client:
    """The HTTP client every fetch shares (connection pooling, our User-Agent)."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=5.0),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        max_redirects=5,
    )


def fetch(
    client: httpx.Client, url: str, etag: str | None = None, last_modified: str | None = None
) -> FetchResult:
    """GET a feed; raise FeedError for anything that is not 200 or 304."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return FetchResult(url, 304, None, etag, last_modified)
            if response.status_code != 200:
                raise FeedError(url, f"HTTP {response.status_code}", status=response.status_code)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise FeedError(url, f"response larger than {MAX_BYTES} bytes")
            return FetchResult(
                str(response.url),
                200,
                bytes(body),
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
    except httpx.HTTPError as exc:
        raise FeedError(url, f"{type(exc).__name__}: {exc}") from exc
