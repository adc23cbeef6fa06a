"""Real processes on loopback for the fault suite: a feed server, the bot as a subprocess pointed
at a SlackSandbox, a TCP proxy that can cut the database off, and the delivery ledger that counts
messages planned, delivered, duplicated and lost.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.sandbox import SlackSandbox
from briefings.store.tables import LeaseRow, OutboxRow

log = logging.getLogger("faults")
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "config" / "samples"
# RSS dates (RFC 822) and Atom dates (ISO 8601) in the sample feeds
_DATE = re.compile(rb"<(pubDate|updated|published)>([^<]+)</")


class FeedServer:
    """Serves `files` (path -> bytes) from 127.0.0.1; tests may change them between cycles.

    A path in `held` is answered only once `release` is set; `holding` is set when such a
    request arrives, so a test can act while the bot is mid-fetch."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = dict(files)
        self.requests: Counter[str] = Counter()
        self.held: set[str] = set()
        self.holding, self.release = threading.Event(), threading.Event()
        server_files, requests, server = self.files, self.requests, self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                requests[self.path.lstrip("/")] += 1
                if self.path.lstrip("/") in server.held:
                    server.holding.set()
                    server.release.wait(60)
                body = server_files.get(self.path.lstrip("/"))
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()


def sample_feeds() -> dict[str, bytes]:
    """The bundled sample feeds, every date moved by the same amount so that the newest story
    is an hour old. The processes under test run on the real clock, and the samples' own dates
    (fixed, for the demo) fall out of the look-back window a week after they were written."""
    bodies = {p.name: p.read_bytes() for p in SAMPLES.glob("*.xml")}
    newest = max(_when(m) for body in bodies.values() for m in _DATE.finditer(body))
    shift = datetime.now(UTC) - timedelta(hours=1) - newest

    def moved(match: re.Match[bytes]) -> bytes:
        when = _when(match) + shift
        text = format_datetime(when) if match[1] == b"pubDate" else when.isoformat()
        return b"<%s>%s</" % (match[1], text.encode())

    return {name: _DATE.sub(moved, body) for name, body in bodies.items()}


def _when(match: re.Match[bytes]) -> datetime:
    text = match[2].decode()
    if match[1] == b"pubDate":
        return parsedate_to_datetime(text)
    return datetime.fromisoformat(text)


def write_config(folder: Path, feed_url: str, digest: str = "") -> Path:
    """A config watching the sample feeds on `feed_url`, with the demo's channels; `digest`
    replaces the [digest] table's body when given."""
    demo = (SAMPLES / "demo.toml").read_text()
    if digest:
        demo = demo.replace('day = "monday"\ntime = "09:00"', digest)
    demo = demo.replace("http://samples.invalid/", feed_url)
    demo += "\n[fetch]\nallow_private_addresses = true  # the feeds are on loopback\n"
    demo = demo.replace('watchlist = "../watchlist.toml"',
                        f'watchlist = "{ROOT / "config" / "watchlist.toml"}"')
    path = folder / "briefings.toml"
    path.write_text(demo)
    return path


@dataclass
class Bot:
    """Runs `python -m bot ...` as a real process with the test's environment."""

    env: dict[str, str]
    cwd: Path

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", *args], env=self.env, cwd=self.cwd,
                              capture_output=True, text=True, timeout=timeout)

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "bot", *args], env=self.env, cwd=self.cwd,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def bot_env(database_url: str, slack: SlackSandbox, config: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {**keep, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url,
            "SLACK_API_URL": slack.url, "SLACK_BOT_TOKEN": "xoxb-fault-suite",
            "SLACK_SIGNING_SECRET": "fault-suite-secret", "BRIEFINGS_CONFIG": str(config),
            "LOG_LEVEL": "INFO"}


def wait_until(check: Callable[[], bool], timeout: float, every: float = 0.5) -> bool:
    """Poll `check` until it holds or `timeout` seconds pass."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(every)
    return check()


def kill_pid_on(slack: SlackSandbox, method: str, pid_of: list[int], *, after_store: bool,
                times: int = 1, when: Callable[[dict[str, Any]], bool] = lambda args: True
                ) -> None:
    """Make the sandbox SIGKILL the bot when `method` is called: before storing the message
    (a crash between planning and sending) or after (between Slack accepting and marking sent)."""
    remaining = [times]

    def fault(called: str, args: dict[str, Any]) -> tuple[int, dict[str, str], bytes] | None:
        if called != method or remaining[0] <= 0 or not pid_of or not when(args):
            return None
        remaining[0] -= 1
        if after_store:
            slack.state.messages.setdefault(str(args.get("channel")), []).append(
                {**args, "ts": slack.state.next_ts()})
        os.kill(pid_of[0], signal.SIGKILL)
        return (-1, {}, b"")

    slack.state.faults.append(fault)


def crash_then_restart(bot: Bot, engine: Engine, slack: SlackSandbox, *, after_store: bool,
                       when: Callable[[dict[str, Any]], bool] = lambda args: True) -> None:
    """`poll --once` killed at its first post matching `when` (see `kill_pid_on`), then run
    again once the dead process's send leases have lapsed."""
    pid: list[int] = []
    kill_pid_on(slack, "chat.postMessage", pid, after_store=after_store, when=when)
    process = bot.start("poll", "--once", "--max-wait", "60")
    pid.append(process.pid)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, output
    age_send_leases(engine)
    again = bot.run("poll", "--once", "--max-wait", "60")
    assert again.returncode == 0, again.stdout + again.stderr


@dataclass(frozen=True)
class Ledger:
    """Messages the outbox planned, and what became of them in Slack."""

    planned: int
    delivered: int
    duplicated: int
    lost: int
    held_back: int

    def __str__(self) -> str:
        return (f"planned {self.planned}, delivered {self.delivered}, duplicated "
                f"{self.duplicated}, lost {self.lost}, held back by flood caps {self.held_back}")


def ledger(engine: Engine, slack: SlackSandbox) -> Ledger:
    """Compare the outbox with the sandbox by outbox key (carried in every message's metadata).
    An edit of a post counts as delivered when some version of the post carries its key."""
    with engine.connect() as conn:
        rows = list(conn.execute(select(OutboxRow.idem_key, OutboxRow.state)))
    held = {key for key, state in rows if state == "skipped"}
    withdrawn = {key for key, state in rows if state == "withdrawn"}  # wanted no more, unsent
    planned = {key for key, _ in rows} - held - withdrawn
    copies: Counter[str] = Counter()
    for messages in slack.state.messages.values():
        for message in messages:
            keys = {_key(version) for version in [*message.get("versions", []), message]}
            copies.update(key for key in keys if key)
    delivered = sum(1 for key in planned if copies[key])
    duplicated = sum(n - 1 for n in copies.values() if n > 1)
    figures = Ledger(len(planned), delivered, duplicated, len(planned) - delivered, len(held))
    log.info("ledger (%s): %s", engine.dialect.name, figures)
    return figures


def _key(message: dict[str, Any]) -> str | None:
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    key = payload.get("outbox_key")
    return str(key) if key else None


def age_send_leases(engine: Engine, by: timedelta = timedelta(minutes=5, seconds=20)) -> None:
    """Make rows left `sending` by a dead process look `by` older, as if the restart came later:
    just past the 5-minute send lease, and within the window the lookup searches after it."""
    with Session(engine) as session, session.begin():
        for row in session.scalars(select(OutboxRow).where(OutboxRow.state == "sending")):
            if row.claimed_at is not None:
                row.claimed_at -= by


def age_clock_lease(engine: Engine, by: timedelta = timedelta(seconds=61)) -> None:
    """Make the lease a killed clock left behind look `by` older, as if its successor started
    a minute later: the takeover is then tested without waiting out the 60 s lease."""
    with Session(engine) as session, session.begin():
        for row in session.scalars(select(LeaseRow)):
            row.expires_at -= by
            row.heartbeat_at -= by


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
