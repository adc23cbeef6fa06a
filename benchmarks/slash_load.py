"""Load generation for the `/deal-status` benchmark: signed slash commands from concurrent clients,
and a response_url server that timestamps each answer's arrival.

A client is a person: it sends its next command once the answer to the last one has arrived
(through the response_url, or inline in the ack), so N clients are N requests in flight. Pacing
on the ack instead (`pace="ack"`) lets an app that acks first take commands faster than it
answers them; its answers then queue, and the latency measures that backlog, not one answer.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import statistics
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO, Any
from urllib.parse import urlencode, urlsplit

import httpx

from benchmarks.slash_store import QUERIES

ANSWER_WAIT_S = 15.0
PACES = ("answer", "ack")


@dataclass
class Result:
    """Latencies in milliseconds: the HTTP ack, and the full answer via response_url."""

    label: str
    acks: list[float] = field(default_factory=list)
    answers: list[float] = field(default_factory=list)
    errors: int = 0
    slowest: list[tuple[float, str]] = field(default_factory=list)
    cpu_ms: float = 0.0

    @property
    def count(self) -> int:
        return len(self.acks)

    def merge(self, other: Result) -> None:
        """Add another run's figures (`cpu_ms` here is a total, not per request)."""
        self.acks += other.acks
        self.answers += other.answers
        self.errors += other.errors
        self.cpu_ms += other.cpu_ms
        self.slowest = sorted(self.slowest + other.slowest, reverse=True)[:5]

    def ack(self, pct: int) -> float:
        return _percentile(self.acks, pct)

    def answer(self, pct: int) -> float:
        return _percentile(self.answers, pct)


def print_results(rows: list[Result], verdict: str, slowest_of: Result) -> None:
    """The benchmarks' report: one line of latencies per row, the verdict on the targets, then
    `slowest_of`'s slowest answers and the queries sent."""
    print(f"{'server':<26}{'requests':>9}{'ack p50':>10}{'ack p99':>10}{'answer p50':>12}"
          f"{'answer p95':>12}{'answer p99':>12}{'errors':>8}{'server CPU/req':>16}")
    for r in rows:
        print(f"{r.label:<26}{r.count:>9}{r.ack(50):>8.1f}ms{r.ack(99):>8.1f}ms"
              f"{r.answer(50):>10.1f}ms{r.answer(95):>10.1f}ms{r.answer(99):>10.1f}ms"
              f"{r.errors:>8}{r.cpu_ms / max(r.count, 1):>14.1f}ms")
    print(f"\n{verdict}")
    print("slowest answers: " + ", ".join(f"{ms:.0f} ms {q!r}" for ms, q in slowest_of.slowest))
    print(f"queries sent (cycled): {len(QUERIES)} distinct, e.g. {QUERIES[:6]}")


def summarize_log(log: IO[bytes], threads: int) -> None:
    """Server processes' stderr in brief: waitress's queue warnings (all request threads busy)
    counted, anything else (errors, tracebacks) printed in full."""
    log.seek(0)
    lines = log.read().decode(errors="replace").splitlines()
    queued = [int(line.rsplit(" ", 1)[1]) for line in lines if "Task queue depth is" in line]
    if queued:
        print(f"waitress: {len(queued)} 'task queue depth' warnings (requests waiting for one "
              f"of the {threads} threads), deepest {max(queued)}")
    for line in lines:
        if "Task queue depth is" not in line:
            print(f"server stderr: {line}")


def _percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 drops bursts of answers (1 s retries)
    daemon_threads = True


class Catcher:
    """The response_url server: records when each request's answer arrives, and its text."""

    def __init__(self) -> None:
        self.arrived: dict[str, tuple[float, str]] = {}
        self.lock = threading.Lock()
        self._signals: dict[str, threading.Event] = {}
        self._server = _Server(("127.0.0.1", 0), self._handler())

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                catcher.record(self.path, str(json.loads(body).get("text", "")))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler

    def url(self, request_id: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{_path(request_id)}"

    def record(self, path: str, text: str) -> None:
        """An answer arrived: keep its time and text, and wake whoever waits for it."""
        with self.lock:
            self.arrived[path] = (time.perf_counter(), text)
            signal = self._signals.pop(path, None)
        if signal is not None:
            signal.set()

    def wait(self, request_id: str, timeout: float) -> bool:
        """Block until the answer to `request_id` has arrived (True), or `timeout` (False)."""
        path = _path(request_id)
        with self.lock:
            if path in self.arrived:
                return True
            signal = self._signals.setdefault(path, threading.Event())
        return signal.wait(timeout)

    def __enter__(self) -> Catcher:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def wait_ready(base: str, timeout: float = 30.0) -> None:
    """Wait until the server answers HTTP at all (any status)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(base + "/healthz", timeout=1.0)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def run_load(base: str, secret: str, catcher: Catcher, *, clients: int, total: int,
             label: str, pace: str = "answer") -> Result:
    """`total` signed commands from `clients` threads (keep-alive each), each sent when the
    client's previous answer arrived (or, `pace="ack"`, its ack); then collect the answers."""
    counter = itertools.count()
    sent: dict[str, tuple[float, str]] = {}
    result = Result(label)
    lock = threading.Lock()

    def client() -> None:
        # http.client rather than httpx: the load generator shares the CPUs with the servers,
        # so the lighter client the better (keep-alive either way).
        http = HTTPConnection(urlsplit(base).netloc, timeout=10.0)
        with closing(http):
            while (n := next(counter)) < total:
                request_id = f"{label}-{n}"
                awaited = _one(http, secret, catcher, request_id, QUERIES[n % len(QUERIES)],
                               sent, result, lock)
                if awaited and pace == "answer":
                    catcher.wait(request_id, ANSWER_WAIT_S)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _collect(catcher, sent, result)
    return result


def send_command(base: str, secret: str, text: str, response_url: str) -> float:
    """One signed command on a fresh connection; the ack's latency in ms (inf when refused)."""
    http = HTTPConnection(urlsplit(base).netloc, timeout=10.0)
    body, headers = _signed(secret, text, response_url)
    start = time.perf_counter()
    with closing(http):
        http.request("POST", "/slack/events", body=body.encode(), headers=headers)
        response = http.getresponse()
        response.read()
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed if response.status == 200 else float("inf")


def _signed(secret: str, text: str, response_url: str) -> tuple[str, dict[str, str]]:
    body = urlencode({"command": "/deal-status", "text": text, "team_id": "T0BENCH",
                      "channel_id": "C0DEALS01", "user_id": "U0BENCH",
                      "response_url": response_url, "trigger_id": "1.2.3"})
    ts = str(int(time.time()))
    mac = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return body, {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + mac,
                  "Content-Type": "application/x-www-form-urlencoded"}


def _one(http: HTTPConnection, secret: str, catcher: Catcher, request_id: str, text: str,
         sent: dict[str, tuple[float, str]], result: Result, lock: threading.Lock) -> bool:
    """Send one command; True when its answer is still to come through the response_url,
    False when it came in the ack (Slack shows an ack's text as the answer) or it failed."""
    body, headers = _signed(secret, text, catcher.url(request_id))
    start = time.perf_counter()
    try:
        http.request("POST", "/slack/events", body=body.encode(), headers=headers)
        response = http.getresponse()
        inline = _has_text(response.read())
        status = response.status
    except (OSError, HTTPException):
        http.close()
        inline, status = False, 0
    elapsed = (time.perf_counter() - start) * 1000
    with lock:
        result.acks.append(elapsed)
        result.errors += status != 200
        if status == 200 and inline:
            result.answers.append(elapsed)
            result.slowest.append((elapsed, text))
        else:
            sent[request_id] = (start, text)
    return status == 200 and not inline


def _has_text(ack: bytes) -> bool:
    """Whether an ack carries the answer itself (a JSON message with text)."""
    if not ack.strip():
        return False
    try:
        message = json.loads(ack)
    except ValueError:
        return False
    return isinstance(message, dict) and bool(message.get("text"))


def _collect(catcher: Catcher, sent: dict[str, tuple[float, str]], result: Result) -> None:
    deadline = time.monotonic() + ANSWER_WAIT_S
    while time.monotonic() < deadline:
        with catcher.lock:
            if all(_path(rid) in catcher.arrived for rid in sent):
                break
        time.sleep(0.05)
    with catcher.lock:
        for rid, (start, text) in sent.items():
            arrived = catcher.arrived.get(_path(rid))
            if arrived is None or "could not answer" in arrived[1]:
                result.errors += 1
                continue
            result.answers.append((arrived[0] - start) * 1000)
            result.slowest.append(((arrived[0] - start) * 1000, text))
    result.slowest = sorted(result.slowest, reverse=True)[:5]


def _path(request_id: str) -> str:
    return f"/r/{request_id}"
