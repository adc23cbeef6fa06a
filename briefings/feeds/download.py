"""Fetching one feed over HTTP with our own client (never feedparser's).

Connect and read timeouts, a total deadline that also stops a server trickling one byte at a time,
a decompressed-size cap, redirects followed by hand (hop limit, loop check, SSRF check on every
hop), and conditional GET with the stored validators sent byte-for-byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from briefings.config import FetchConfig
from briefings.feeds.addresses import check_target
from briefings.feeds.body import read_capped
from briefings.feeds.deadline import deadline, deadline_transport, expired
from briefings.feeds.errors import FetchError
from briefings.feeds.hints import cache_seconds, retry_after

REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}


@dataclass(frozen=True, slots=True)
class Validators:
    """The conditional-GET validators exactly as the server sent them."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch brought back; `body` is None on 304 Not Modified.

    `moved_to` is the new URL when every redirect up to it was permanent (301/308);
    `cache_seconds` is the server's freshness hint, if any.
    """

    url: str
    status: int
    body: bytes | None
    validators: Validators
    content_type: str = ""
    moved_to: str | None = None
    cache_seconds: float | None = None


def make_http_client(config: FetchConfig) -> httpx.Client:
    """The client the poll workers share: our timeouts, total deadline, User-Agent, pool size."""
    timeout = httpx.Timeout(config.read_timeout, connect=config.connect_timeout, pool=None)
    limits = httpx.Limits(max_connections=config.concurrency,
                          max_keepalive_connections=config.concurrency)
    return httpx.Client(timeout=timeout, transport=deadline_transport(limits),
                        follow_redirects=False, trust_env=False,
                        headers={"User-Agent": config.user_agent,
                                 "Accept-Encoding": "gzip, deflate"})


def fetch(client: httpx.Client, config: FetchConfig, url: str,
          validators: Validators = Validators()) -> FetchResult:
    """GET a feed within the total deadline; raise FetchError for anything but 200 or 304."""
    with deadline(config.total_timeout):
        try:
            return _follow(client, config, url, validators)
        except httpx.HTTPError as exc:
            if expired():
                reason = f"no complete response within {config.total_timeout:g} s"
                raise FetchError(url, reason) from None
            raise FetchError(url, _describe(exc, config)) from exc


def _describe(exc: httpx.HTTPError, config: FetchConfig) -> str:
    """httpx errors often carry no message; say what happened in words."""
    if isinstance(exc, httpx.ConnectTimeout):
        return f"ConnectTimeout: no connection within {config.connect_timeout:g} s"
    if isinstance(exc, httpx.ReadTimeout):
        return f"ReadTimeout: server silent for {config.read_timeout:g} s"
    return f"{type(exc).__name__}: {exc or 'connection failed'}"


def _follow(client: httpx.Client, config: FetchConfig, url: str,
                  validators: Validators) -> FetchResult:
    seen, current, moved_to, permanent = {url}, url, None, True
    for _hop in range(config.max_redirects + 1):
        check_target(current, allow_private=config.allow_private_addresses)
        request = client.build_request("GET", current, headers=validators.headers())
        response = client.send(request, stream=True)
        try:
            if response.status_code not in REDIRECTS or "location" not in response.headers:
                result = _final(config, current, response, validators)
                return _with_move(result, moved_to)
            target = urljoin(current, response.headers["location"])
        finally:
            response.close()
        if target in seen:
            raise FetchError(url, f"redirect loop at {target[:200]}", status=response.status_code)
        permanent = permanent and response.status_code in PERMANENT
        moved_to = target if permanent else moved_to
        seen.add(target)
        current = target
    raise FetchError(url, f"more than {config.max_redirects} redirects")


def _with_move(result: FetchResult, moved_to: str | None) -> FetchResult:
    if moved_to is None:
        return result
    return FetchResult(result.url, result.status, result.body, result.validators,
                       result.content_type, moved_to, result.cache_seconds)


def _final(config: FetchConfig, url: str, response: httpx.Response,
                 sent: Validators) -> FetchResult:
    now = datetime.now(UTC)
    status, headers = response.status_code, response.headers
    hint = cache_seconds(headers, now)
    if status == 304:
        kept = Validators(headers.get("etag") or sent.etag,
                          headers.get("last-modified") or sent.last_modified)
        return FetchResult(url, 304, None, kept, cache_seconds=hint)
    if status != 200:
        delay = retry_after(headers, now) if status in (429, 503) else None
        raise FetchError(url, f"HTTP {status}", status=status, retry_after=delay)
    _check_length(url, headers, config.max_bytes)
    body = read_capped(url, response.iter_raw(), headers.get("content-encoding", ""),
                             config.max_bytes)
    got = Validators(headers.get("etag"), headers.get("last-modified"))
    return FetchResult(url, 200, body, got, headers.get("content-type", ""), cache_seconds=hint)


def _check_length(url: str, headers: httpx.Headers, cap: int) -> None:
    """Refuse early when an uncompressed body announces itself as over the cap."""
    length = headers.get("content-length", "")
    encoded = headers.get("content-encoding", "identity").lower() not in ("", "identity")
    if length.isdigit() and int(length) > cap and not encoded:
        raise FetchError(url, f"response of {length} bytes is over the {cap} byte cap")
