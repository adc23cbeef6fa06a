"""A real HTTP server on 127.0.0.1 for feed tests: routes are plain functions of the request.

Every request's path and headers are recorded, so tests can assert what the fetcher sent (and
that a canary URL was never asked for).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class FeedServer:
    """Start with `with FeedServer() as server`; add routes with `route` or `static`."""

    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> FeedServer:
        self._httpd = _Server(("127.0.0.1", 0), _make_handler(self))
        threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{path}"

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def static(self, path: str, body: bytes, status: int = 200,
               headers: dict[str, str] | None = None) -> str:
        def handler(request: BaseHTTPRequestHandler) -> None:
            respond(request, status, body, headers)
        return self.route(path, handler)

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def sleep(self, seconds: float) -> None:
        """Sleep in a handler, waking early when the server shuts down."""
        self.stopping.wait(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # broken pipes from clients that gave up are expected here


def _make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            server.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            handler = server.routes.get(self.path)
            if handler is None:
                respond(self, 404, b"not found")
                return
            handler(self)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return _Handler


def respond(request: BaseHTTPRequestHandler, status: int, body: bytes = b"",
            headers: dict[str, str] | None = None) -> None:
    """A complete response with a Content-Length (and a Date unless `headers` has one)."""
    request.log_request(status)
    request.send_response_only(status)
    headers = {"Date": request.date_time_string(), **(headers or {})}
    for name, value in headers.items():
        request.send_header(name, value)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def send_chunks(request: BaseHTTPRequestHandler, chunks: Iterator[bytes],
                headers: dict[str, str] | None = None) -> None:
    """A chunked 200 response from `chunks`, stopping quietly when the client hangs up."""
    request.send_response(200)
    for name, value in {"Transfer-Encoding": "chunked", **(headers or {})}.items():
        request.send_header(name, value)
    request.end_headers()
    try:
        for chunk in chunks:
            request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        request.wfile.write(b"0\r\n\r\n")
    except OSError:
        request.close_connection = True


def reset(request: BaseHTTPRequestHandler) -> None:
    """Abort the connection with a TCP RST."""
    request.wfile.flush()
    request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    request.connection.close()
    request.close_connection = True


def trickle(server: FeedServer, interval: float) -> Handler:
    """A handler that sends one byte of body every `interval` seconds, forever."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        def drip() -> Iterator[bytes]:
            while not server.stopping.is_set():
                server.sleep(interval)
                yield b" "
        send_chunks(request, drip(), {"Content-Type": "application/rss+xml"})
    return handler


def stall(server: FeedServer, seconds: float) -> Handler:
    """A handler that says nothing for `seconds` before answering."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        started = time.monotonic()
        server.sleep(seconds - (time.monotonic() - started))
        try:
            respond(request, 200, b"<rss/>")
        except OSError:
            request.close_connection = True
    return handler
