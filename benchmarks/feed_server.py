"""The benchmark's feed server: N generated feeds on 127.0.0.1, each response delayed.

Feeds carry an ETag and Last-Modified and answer 304 when either matches; `counter` adds up
the body bytes sent, so the benchmark can compare what each cycle transferred.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized

STAMP = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
LAST_MODIFIED = format_datetime(STAMP, usegmt=True)


def feed_body(index: int, entries: int) -> bytes:
    """A plausible RSS document; every tenth item reads like deal news."""
    items = []
    for n in range(entries):
        deal = n % 10 == 0
        title = (f"Lab {index} in talks with Microsoft over Maia chips, sources say" if deal
                 else f"Feed {index} item {n}: product notes and an industry round-up")
        when = format_datetime(STAMP - timedelta(minutes=7 * n + index))
        items.append(f"<item><title>{title}</title><link>https://site{index}.example/{n}</link>"
                     f"<guid>site{index}-{n}</guid><pubDate>{when}</pubDate><description>"
                     f"&lt;p&gt;{'Some paragraph text about the industry. ' * 12}&lt;/p&gt;"
                     "</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed '
            f"{index}</title><link>https://site{index}.example/</link>{''.join(items)}"
            "</channel></rss>").encode()


def serve(ready: Queue[str], counter: Synchronized[int], feeds: int, entries: int,
          latency: float) -> None:
    """Run until terminated; put the base URL on `ready` once listening."""
    bodies = [feed_body(i, entries) for i in range(feeds)]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            time.sleep(latency)
            index = int(self.path.rsplit("/", 1)[-1])
            etag = f'"feed-{index}-v1"'
            fresh = (self.headers.get("If-None-Match") == etag
                     or self.headers.get("If-Modified-Since") == LAST_MODIFIED)
            body = b"" if fresh else bodies[index]
            self.send_response(304 if fresh else 200)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with counter.get_lock():
                counter.value += len(body)

    serve_on_loopback(Handler, ready)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # hundreds of feeds are fetched at once


def serve_on_loopback(handler: type[BaseHTTPRequestHandler], ready: Queue[str]) -> None:
    """Serve `handler` on a free loopback port until terminated; put the base URL on `ready`.

    Request logging is off: it would dominate a benchmark's output and time. Nagle's algorithm
    is off, as in production servers (nginx's `tcp_nodelay`): the handler writes the headers and
    the body separately, and with Nagle on the body waited for the client's delayed ACK, adding
    ~40 ms to every response with a body on top of the latency the benchmark means to add."""
    handler.log_message = lambda self, format, *args: None  # type: ignore[method-assign]
    handler.disable_nagle_algorithm = True
    server = _Server(("127.0.0.1", 0), handler)
    ready.put(f"http://127.0.0.1:{server.server_address[1]}")
    server.serve_forever()
