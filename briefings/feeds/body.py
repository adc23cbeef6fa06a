"""Reading a response body with the size cap counted after decompression.

httpx would inflate a whole network chunk at once (a 64 KB gzip chunk of zeros is 64 MB), so we
read the raw bytes and inflate them ourselves with `max_length`, like Miniflux's MaxBytesReader.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from briefings.feeds.errors import FetchError


class _Inflater:
    """gzip or zlib/raw deflate, never producing more than asked for."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._inflate = zlib.decompressobj(31 if self._gzip else 15)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        """Inflate `data`; return at most `limit` bytes (more pending means the cap is hit)."""
        try:
            out = self._inflate.decompress(data, limit)
        except zlib.error:
            if self._gzip or self._started:
                raise
            self._inflate = zlib.decompressobj(-15)  # "deflate" sent without the zlib header
            out = self._inflate.decompress(data, limit)
        self._started = True
        if self._inflate.unconsumed_tail:
            return out + b"\0"  # one byte over: the caller sees the cap exceeded
        return out


def read_capped(url: str, chunks: Iterator[bytes], encoding: str, cap: int) -> bytes:
    """Collect the body; raise FetchError once it exceeds `cap` bytes (decompressed)."""
    encoding = encoding.strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(url, f"unsupported Content-Encoding {encoding[:40]!r}")
    inflater = _Inflater(encoding) if encoding not in ("", "identity") else None
    body = bytearray()
    for chunk in chunks:
        try:
            body += inflater.feed(chunk, cap - len(body) + 1) if inflater else chunk
        except zlib.error as exc:
            raise FetchError(url, f"corrupt {encoding} body: {exc}") from exc
        if len(body) > cap:
            raise FetchError(url, f"response larger than the {cap} byte cap (after decoding)")
    return bytes(body)
