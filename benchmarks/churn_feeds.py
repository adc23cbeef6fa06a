"""Churning feeds for the soak benchmark: each cycle a few feeds gain entries, their oldest roll
off, and the unchanged ones answer 304 (every tenth feed sends no validators, so it always answers
200 with its whole window and dedup has to catch the repeats).

What a feed lists is a pure function of (feed, cycle): the benchmark sets the shared `cycle` and
the server keeps no other state, so a run is reproducible and the expected story count known.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized

from benchmarks.feed_server import serve_on_loopback

T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
WINDOW = 10  # entries a feed lists
PER_STEP = 2  # entries a changing feed gains at once
LABS = ["NovaLabs", "Quanta Compute", "Helio AI", "Cortex Cloud", "Vertex Systems", "Anthropic",
        "OpenAI", "Lumen AI"]
VENDORS = [("Microsoft", "Maia"), ("Amazon", "Trainium"), ("Google", "TPU"),
           ("NVIDIA", "Blackwell"), ("AMD", "Instinct")]


def offset(feed: int, period: int) -> int:
    """Spreads the feeds' change cycles, so about feeds/period of them change each cycle."""
    return (feed * 37) % period


def added(feed: int, cycle: int, period: int) -> int:
    """Entries the feed has gained by `cycle` (it gains PER_STEP every `period` cycles)."""
    return PER_STEP * ((cycle + offset(feed, period)) // period)


def sends_validators(feed: int) -> bool:
    return feed % 10 != 9


def published(feed: int, entry: int, period: int, interval: timedelta) -> datetime:
    """The initial window dates from the hours before T0; later entries from the cycle that added
    them, a minute or two before that cycle's `now`."""
    if entry < WINDOW:
        return T0 - timedelta(hours=WINDOW - entry)
    step = (entry - WINDOW) // PER_STEP + 1
    cycle = step * period - offset(feed, period)
    return T0 + cycle * interval - timedelta(minutes=1 + entry % PER_STEP)


def _title(feed: int, entry: int) -> str:
    if entry % 5:
        return f"Feed {feed} item {entry}: product notes and an industry round-up"
    lab = LABS[(feed + entry) % len(LABS)]
    vendor, chip = VENDORS[(feed * 3 + entry // 5) % len(VENDORS)]
    return f"{lab} in talks with {vendor} over {chip} chips, sources say"


def feed_body(feed: int, cycle: int, period: int, interval: timedelta) -> bytes:
    """The feed's RSS document at `cycle`: its newest WINDOW entries."""
    top = WINDOW + added(feed, cycle, period)
    items = []
    for entry in range(top - 1, top - WINDOW - 1, -1):
        when = format_datetime(published(feed, entry, period, interval))
        items.append(f"<item><title>{_title(feed, entry)}</title>"
                     f"<link>https://site{feed}.example/{entry}</link>"
                     f"<guid>site{feed}-{entry}</guid><pubDate>{when}</pubDate><description>"
                     f"&lt;p&gt;{'Some paragraph text about the industry. ' * 12}&lt;/p&gt;"
                     "</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed '
            f"{feed}</title><link>https://site{feed}.example/</link>{''.join(items)}"
            "</channel></rss>").encode()


def serve(ready: Queue[str], cycle: Synchronized[int], period: int,
          interval_minutes: float) -> None:
    """Run until terminated; put the base URL on `ready` once listening. Feed N is /feed/N."""
    interval = timedelta(minutes=interval_minutes)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            feed, now = int(self.path.rsplit("/", 1)[-1]), int(cycle.value)
            version = added(feed, now, period)
            etag = f'"feed-{feed}-{version}"'
            fresh = sends_validators(feed) and self.headers.get("If-None-Match") == etag
            body = b"" if fresh else feed_body(feed, now, period, interval)
            self.send_response(304 if fresh else 200)
            if sends_validators(feed):
                self.send_header("ETag", etag)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    serve_on_loopback(Handler, ready)
