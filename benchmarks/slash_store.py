"""A big store for the `/deal-status` benchmark, built with bulk inserts in a few seconds.

Parties mix the watch list with 300 made-up companies; a third of the deals have a Slack thread.
`QUERIES` mixes the issue's examples, typos, single names, subjects, keywords and misses, and
names found on one deal only, answered with its detail card (the card's own reads, and a thread
permalink asked of the stand-in once per thread).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from briefings.store.database import make_engine, migrate
from briefings.store.tables import DealRow, DealStatusRow, DealThreadRow, StoryRow

WATCHED = ["Anthropic", "OpenAI", "Microsoft", "Amazon", "Google", "NVIDIA", "AMD"]
CHIPS = ["Maia", "Trainium", "TPU", "Instinct", "Blackwell"]
MADE_UP = [f"{a}{b}" for a in ("Nova", "Quanta", "Helio", "Cortex", "Vertex", "Lumen")
           for b in ("Labs", "Cloud", "Compute", "AI", "Systems")]
STATUSES = ["unconfirmed", "confirmed", "denied"]
T0 = datetime(2025, 1, 1, tzinfo=UTC)
BATCH = 5_000
CARD_QUERIES = ["orbitalis", "kestrelcompute"]
QUERIES = [
    "", "help", "feeds", "antropic microsoft", "msft maia", "Trainium", "openai", "nvidia",
    "google tpu", "amd instinct", "novalabs", "quanta cloud", "heliocompute", "blackwel",
    "anthropic amazon trainium", "zzzz nothing", "<!channel> maia", "%", "inference capacity",
    "Cortex Systems", "vertexai", "microsoft", "amzn", "lumen ai blackwell", *CARD_QUERIES,
]
CARD_STORIES = 6


def fill(url: str, *, deals: int, stories: int, seed: int = 7) -> None:
    """Migrate an empty database at `url`, fill it, and say how long that took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    engine = make_engine(url)
    migrate(engine)
    rows = [_deal(rng, i) for i in range(deals)]
    with engine.begin() as connection:
        _insert(connection, DealRow, rows)
        _insert(connection, DealStatusRow, [h for r in rows for h in _history(r)])
        _insert(connection, DealThreadRow, [_thread(r) for r in rows[::3]])
        for start in range(0, stories, BATCH):
            count = min(BATCH, stories - start)
            _insert(connection, StoryRow, [_story(rng, rows, start + i) for i in range(count)])
        cards = _add_named_deals(connection, CARD_QUERIES, "card", thread_ts="1700000002")
        _insert(connection, StoryRow, [_story(rng, cards, stories + i)
                                       for i in range(CARD_STORIES * len(cards))])
    engine.dispose()
    print(f"store: {deals:,} deals, {stories:,} stories in {time.perf_counter() - started:.1f} s "
          f"({url.split(':')[0]})")


STALL_QUERIES = ["stallalpha", "stallbravo", "stallcharlie", "stalldelta", "stallecho",
                 "stallfoxtrot", "stallgolf", "stallhotel", "stallindia", "stalljuliet"]


def add_stall_deals(url: str) -> None:
    """One deal per `STALL_QUERIES` word: its card asks Slack for its thread's permalink, the
    call the stall run slows down."""
    engine = make_engine(url)
    with engine.begin() as connection:
        _add_named_deals(connection, STALL_QUERIES, "stall", thread_ts="1700000001")
    engine.dispose()


def _add_named_deals(connection: Any, words: list[str], kind: str, *, thread_ts: str
                     ) -> list[dict[str, Any]]:
    """One deal per word, found by that word only, each with its own thread; the deals' rows."""
    deals = [{**_deal(random.Random(n), n), "key": f"deal-{kind}-{n}", "parties": [word, "AMD"],
              "chips": [], "subject": f"{kind} test", "search_text": f"|{word}|amd|{kind} test|"}
             for n, word in enumerate(words)]
    _insert(connection, DealRow, deals)
    _insert(connection, DealStatusRow, [h for deal in deals for h in _history(deal)])
    _insert(connection, DealThreadRow, [{**_thread(deal), "ts": f"{thread_ts}.{n:06d}"}
                                        for n, deal in enumerate(deals)])
    return deals


def _insert(connection: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        connection.execute(insert(table), rows[start:start + BATCH])


def _deal(rng: random.Random, index: int) -> dict[str, Any]:
    pool = WATCHED if rng.random() < 0.5 else MADE_UP
    parties = sorted(rng.sample(pool, 2)) if pool is MADE_UP else sorted(
        {rng.choice(WATCHED), rng.choice(MADE_UP + WATCHED)})
    chips = [rng.choice(CHIPS)] if rng.random() < 0.7 else []
    subject = chips[0] if chips else rng.choice(["inference capacity", "compute deal",
                                                 "data centre lease", "GPU cluster"])
    at = T0 + timedelta(minutes=index * 37)
    words = [*parties, *chips, subject]
    return {"key": f"deal-{index:05d}", "parties": parties, "subject": subject, "chips": chips,
            "status": rng.choice(STATUSES), "status_since": at, "first_seen_at": at,
            "last_activity_at": at + timedelta(hours=rng.randint(0, 500)), "summary": subject,
            "evidence": ["people familiar with the matter said"],
            "search_text": "|" + "|".join(w.lower() for w in words) + "|"}


def _history(deal: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"deal_key": deal["key"], "status": status, "at": deal["status_since"],
             "story_id": f"{deal['key']}-s{step}", "outlet": "Chip Wire",
             "link": f"https://news.example/{deal['key']}/{step}", "evidence": ["said"]}
            for step, status in enumerate(["unconfirmed", deal["status"]])]


def _thread(deal: dict[str, Any]) -> dict[str, Any]:
    return {"deal_key": deal["key"], "channel": "C0DEALS01", "ts": "1700000000.000100",
            "status_shown": deal["status"], "story_id": f"{deal['key']}-s0"}


def _story(rng: random.Random, deals: list[dict[str, Any]], index: int) -> dict[str, Any]:
    deal = deals[index % len(deals)]
    at = deal["first_seen_at"] + timedelta(hours=rng.randint(0, 400))
    return {"id": f"story-{index:06d}", "feed": "chip-wire", "outlet": "Chip Wire",
            "title": f"{' and '.join(deal['parties'])} talk {deal['subject']}", "text": "body",
            "link": f"https://news.example/s/{index}", "canonical_link": None,
            "published_at": at, "first_seen_at": at, "announce": True, "relevant": True,
            "status": deal["status"], "score": 1.0, "deal_key": deal["key"], "verdict": {}}
