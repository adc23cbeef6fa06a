"""The HTTP fetcher against real servers on 127.0.0.1: statuses, validators, redirects, caps."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from briefings.config import FetchConfig
from briefings.feeds.download import Validators
from briefings.feeds.errors import FetchError
from tests.feeds.helpers import get
from tests.feeds.samples import numbered, rss
from tests.feeds.server import FeedServer, reset, respond, send_chunks, stall, trickle

FEED = rss(numbered(3))


def test_200_returns_body_and_validators(server: FeedServer, fetch_config: FetchConfig) -> None:
    url = server.static("/feed", FEED, headers={"ETag": '"abc"', "Last-Modified": "Mon, 23 Nov "
                                                "2026 10:00:00 GMT"})
    result = get(fetch_config, url)
    assert (result.status, result.body) == (200, FEED)
    assert result.validators == Validators('"abc"', "Mon, 23 Nov 2026 10:00:00 GMT")
    assert server.requests[0].headers["user-agent"].startswith("DealBriefings/")


def _conditional(server: FeedServer, etag: str | None, modified: str | None) -> str:
    def handler(request: BaseHTTPRequestHandler) -> None:
        matches = (etag and request.headers.get("If-None-Match") == etag) or (
            modified and request.headers.get("If-Modified-Since") == modified)
        headers = {k: v for k, v in (("ETag", etag), ("Last-Modified", modified)) if v}
        respond(request, 304 if matches else 200, b"" if matches else FEED, headers)
    return server.route("/cond", handler)


@pytest.mark.parametrize("etag", ['"abc"', 'W/"x-1"'])
def test_etag_is_sent_back_byte_for_byte_and_304_has_no_body(
        server: FeedServer, fetch_config: FetchConfig, etag: str) -> None:
    url = _conditional(server, etag, None)
    first = get(fetch_config, url)
    second = get(fetch_config, url, first.validators)
    assert server.requests[1].headers["if-none-match"] == etag
    assert (second.status, second.body, second.validators.etag) == (304, None, etag)


def test_last_modified_conditional_get(server: FeedServer, fetch_config: FetchConfig) -> None:
    stamp = "Tue, 24 Nov 2026 06:00:00 GMT"
    url = _conditional(server, None, stamp)
    second = get(fetch_config, url, get(fetch_config, url).validators)
    assert server.requests[1].headers["if-modified-since"] == stamp
    assert (second.status, second.validators.last_modified) == (304, stamp)


def _redirect(server: FeedServer, path: str, status: int, target: str) -> str:
    return server.static(path, b"", status, {"Location": target})


@pytest.mark.parametrize(("status", "permanent"), [(301, True), (308, True), (302, False),
                                                   (307, False)])
def test_redirects_are_followed_and_only_permanent_ones_move_the_feed(
        server: FeedServer, fetch_config: FetchConfig, status: int, permanent: bool) -> None:
    final = server.static("/new", FEED)
    url = _redirect(server, "/old", status, "/new")
    result = get(fetch_config, url)
    assert (result.status, result.body, result.url) == (200, FEED, final)
    assert result.moved_to == (final if permanent else None)


def test_temporary_hop_in_a_chain_stops_the_move(server: FeedServer,
                                                fetch_config: FetchConfig) -> None:
    server.static("/c", FEED)
    _redirect(server, "/b", 302, "/c")
    url = _redirect(server, "/a", 301, "/b")
    assert get(fetch_config, url).moved_to == server.url("/b")


def test_redirect_loop_fails_clearly(server: FeedServer, fetch_config: FetchConfig) -> None:
    _redirect(server, "/ping", 302, "/pong")
    url = _redirect(server, "/pong", 302, "/ping")
    with pytest.raises(FetchError, match="redirect loop"):
        get(fetch_config, url)


def test_too_many_redirects(server: FeedServer, fetch_config: FetchConfig) -> None:
    for hop in range(10):
        _redirect(server, f"/hop{hop}", 302, f"/hop{hop + 1}")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        get(fetch_config, server.url("/hop0"))
    assert len(server.requests) == 6


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/",
                                    "http://10.0.0.1/", "http://[::1]:9/"])
def test_redirect_to_private_address_is_refused_by_default(server: FeedServer,
                                                           target: str) -> None:
    url = _redirect(server, "/evil", 302, target)
    with pytest.raises(FetchError, match="refused"):
        get(FetchConfig(), url)  # loopback itself is refused too: the first hop fails


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_unless_allowed(server: FeedServer, host: str) -> None:
    url = server.static("/feed", FEED).replace("127.0.0.1", host)
    with pytest.raises(FetchError, match="non-public"):
        get(FetchConfig(), url)
    assert server.requests == []
    assert get(FetchConfig(allow_private_addresses=True), url).body == FEED


@pytest.mark.parametrize("status", [404, 410, 500])
def test_error_statuses_raise_with_status(server: FeedServer, fetch_config: FetchConfig,
                                          status: int) -> None:
    url = server.static("/broken", b"oops", status)
    with pytest.raises(FetchError) as caught:
        get(fetch_config, url)
    assert caught.value.status == status


@pytest.mark.parametrize(("value", "expected"), [
    ("120", 120.0),
    ("Tue, 24 Nov 2026 10:02:00 GMT", 120.0),
    ("soon, maybe", None),
])
def test_429_and_503_carry_retry_after(server: FeedServer, fetch_config: FetchConfig,
                                       value: str, expected: float | None) -> None:
    headers = {"Retry-After": value, "Date": "Tue, 24 Nov 2026 10:00:00 GMT"}
    for status in (429, 503):
        url = server.static(f"/busy{status}", b"", status, headers)
        with pytest.raises(FetchError) as caught:
            get(fetch_config, url)
        assert (caught.value.status, caught.value.retry_after) == (status, expected)


def test_stall_before_headers_hits_the_deadline(server: FeedServer,
                                                fetch_config: FetchConfig) -> None:
    slow = fetch_config.model_copy(update={"read_timeout": 30.0})  # only the deadline can stop it
    with pytest.raises(FetchError, match="within 1 s"):
        get(slow, server.route("/stall", stall(server, 30)))


def test_trickling_body_hits_the_total_deadline(server: FeedServer,
                                                fetch_config: FetchConfig) -> None:
    with pytest.raises(FetchError, match="within 1 s"):
        get(fetch_config, server.route("/trickle", trickle(server, 0.05)))


def test_trickling_headers_hit_the_total_deadline(server: FeedServer,
                                                  fetch_config: FetchConfig) -> None:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while not server.stopping.is_set():
            server.sleep(0.05)
            try:
                request.wfile.write(b"z")
            except OSError:
                return
    with pytest.raises(FetchError, match="within 1 s"):
        get(fetch_config, server.route("/slow-headers", handler))


def test_connection_reset_mid_body_is_an_error(server: FeedServer,
                                               fetch_config: FetchConfig) -> None:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", "50000")
        request.end_headers()
        request.wfile.write(b"<rss>" + b" " * 1019)
        reset(request)
    with pytest.raises(FetchError):
        get(fetch_config, server.route("/reset", handler))


def test_50_mb_body_stops_at_the_default_cap(server: FeedServer) -> None:
    def handler(request: BaseHTTPRequestHandler) -> None:
        send_chunks(request, (b"x" * 1024 * 1024 for _ in range(50)))
    config = FetchConfig(allow_private_addresses=True)
    with pytest.raises(FetchError, match="10485760 byte cap"):
        get(config, server.route("/huge", handler))


def test_announced_oversize_is_refused_before_reading(server: FeedServer) -> None:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", str(50 * 1024 * 1024))
        request.end_headers()
        reset(request)
    config = FetchConfig(allow_private_addresses=True)
    with pytest.raises(FetchError, match="52428800 bytes is over"):
        get(config, server.route("/announced", handler))


def _endless() -> Iterator[bytes]:
    while True:
        yield b"<item>" * 1000


def test_endless_chunked_body_stops_at_the_cap(server: FeedServer,
                                               fetch_config: FetchConfig) -> None:
    small = fetch_config.model_copy(update={"max_bytes": 256 * 1024})
    with pytest.raises(FetchError, match="262144 byte cap"):
        get(small, server.route("/endless", lambda r: send_chunks(r, _endless())))


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """64 MB of zeros, gzipped to about 64 KB: the cap must count decoded bytes."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(64)) + packer.flush()


def test_gzip_bomb_is_capped_on_decompressed_bytes(server: FeedServer, gzip_bomb: bytes) -> None:
    url = server.static("/bomb", gzip_bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="after decoding"):
        get(FetchConfig(allow_private_addresses=True), url)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_feeds_are_decoded(server: FeedServer, fetch_config: FetchConfig,
                                      encoding: str) -> None:
    packed = {"gzip": gzip.compress(FEED), "deflate": zlib.compress(FEED),
              "raw-deflate": zlib.compress(FEED)[2:-4]}[encoding]
    name = "gzip" if encoding == "gzip" else "deflate"
    url = server.static("/packed", packed, headers={"Content-Encoding": name})
    assert get(fetch_config, url).body == FEED
    assert "gzip" in server.requests[0].headers["accept-encoding"]


def test_wrong_content_type_is_still_fetched(server: FeedServer,
                                             fetch_config: FetchConfig) -> None:
    url = server.static("/typed", FEED, headers={"Content-Type": "application/octet-stream"})
    result = get(fetch_config, url)
    assert (result.body, result.content_type) == (FEED, "application/octet-stream")


def test_connection_refused_is_an_error(fetch_config: FetchConfig) -> None:
    with FeedServer() as gone:
        url = gone.url("/feed")
    with pytest.raises(FetchError, match="ConnectError"):
        get(fetch_config, url)


def test_non_http_scheme_is_refused(fetch_config: FetchConfig) -> None:
    with pytest.raises(FetchError, match="refused URL scheme"):
        get(fetch_config, "file:///etc/passwd")
