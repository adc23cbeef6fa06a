"""One poll: fetch the due feeds concurrently and parse them; then, once the caller has stored
the stories, record each feed's fetch state. Validators are saved only after the stories they
cover, so a crash in between means a full re-fetch (deduplicated), never a 304 hiding news.

`concurrency` worker threads (the fetcher's, kept for its life) each fetch one feed at a time;
every fetch has its own total deadline, so one slow or broken feed holds one worker for at most
that long and delays the others by nothing more. The fetched body goes to the fetcher's
`PARSERS` parser threads and the worker fetches the next feed: a worker that parsed its own
body, waiting for a parser's turn under the GIL, spent about 13% of a cycle not fetching. At
most `concurrency + PARSERS` bodies are held at once (being fetched, waiting or being parsed),
so when parsing falls behind, the workers wait before fetching more; a parsed body is let go.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from briefings.config import FeedConfig
from briefings.errors import FeedError
from briefings.feeds.download import Validators, fetch
from briefings.feeds.fetch import PARSERS, Fetcher
from briefings.feeds.outcome import FeedBatch, Outcome, to_update
from briefings.feeds.parse import parse_document
from briefings.store import feeds as feed_store
from briefings.store.database import retrying_conflicts, transaction
from briefings.store.feeds import FeedState, FeedUpdate

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PollResult:
    """The stories of the feeds that answered, and every polled feed's state update to record."""

    batches: list[FeedBatch]
    updates: dict[str, FeedUpdate]


def poll(sessions: sessionmaker[Session], fetcher: Fetcher, feeds: Sequence[FeedConfig],
         now: datetime, on_batch: Callable[[FeedBatch], None] | None = None) -> PollResult:
    """Fetch and parse every due feed; a broken feed yields an error update, never an exception.

    `on_batch` gets each feed's stories in this thread as soon as that feed is parsed, so the
    caller's work on them overlaps the other feeds' downloads instead of following them all."""
    states = retrying_conflicts(sessions, lambda session: feed_store.sync_feeds(session, feeds))
    due = [feed for feed in feeds if states[feed.name].is_due(now)]
    if not due:
        return PollResult([], {})
    outcomes = _poll_due(fetcher, due, states, now, on_batch)
    ordered = [outcomes[feed.name] for feed in due]
    updates = {o.feed.name: to_update(o, states[o.feed.name], fetcher.config, now)
               for o in ordered}
    return PollResult([batch for o in ordered if (batch := _batch(o, states)) is not None],
                      updates)


def _poll_due(fetcher: Fetcher, due: Sequence[FeedConfig], states: dict[str, FeedState],
              now: datetime, on_batch: Callable[[FeedBatch], None] | None
              ) -> dict[str, Outcome]:
    """Each feed's outcome, fetched on the workers and parsed on the parsers; each batch goes to
    `on_batch` as it comes. If that raises, the feeds not started yet are dropped."""
    room = _Room(fetcher.config.concurrency + PARSERS)
    finished: queue.SimpleQueue[Future[Outcome]] = queue.SimpleQueue()
    started: list[Future[Outcome]] = []

    def start(pool: ThreadPoolExecutor, work: Callable[..., Outcome], *args: object) -> None:
        future = pool.submit(work, *args)
        future.add_done_callback(finished.put)
        started.append(future)

    for feed in due:
        start(fetcher.workers, _fetch_one, fetcher, room, feed, states[feed.name])
    outcomes: dict[str, Outcome] = {}
    try:
        while len(outcomes) < len(due):
            outcome = finished.get().result()
            if outcome.unparsed:
                start(fetcher.parsers, _parse_one, room, outcome, now)
                continue
            outcomes[outcome.feed.name] = outcome
            batch = _batch(outcome, states)
            if batch is not None and on_batch is not None:
                on_batch(batch)
    except BaseException:
        for future in started:
            future.cancel()  # the feeds not started yet
        room.close()
        wait(started)  # those being fetched end by their deadline
        raise
    return outcomes


class _Room:
    """Room for the bodies a poll holds at once (being fetched, waiting or being parsed): a
    worker waits for room before it fetches, and a body makes room once parsed. Closing lets
    every waiting worker go without fetching: an abandoned poll's queued parses never make
    room, and a worker left waiting would hang the poll."""

    def __init__(self, size: int) -> None:
        self._free = threading.Semaphore(size)
        self._closed = threading.Event()

    def enter(self) -> bool:
        """Wait for room for one more body; False if the poll was abandoned meanwhile."""
        self._free.acquire()
        if self._closed.is_set():
            self._free.release()  # the next waiter goes too
            return False
        return True

    def leave(self) -> None:
        self._free.release()

    def close(self) -> None:
        self._closed.set()
        self._free.release()


def _batch(outcome: Outcome, states: dict[str, FeedState]) -> FeedBatch | None:
    """The stories of a feed that answered with a document; None after a 304 or an error."""
    if outcome.parsed is None:
        return None
    return FeedBatch(outcome.feed, outcome.parsed.stories, states[outcome.feed.name].first_fetch)


def record(sessions: sessionmaker[Session], updates: Iterable[FeedUpdate], now: datetime) -> None:
    """Store the feeds' fetch state in one transaction."""
    with transaction(sessions) as session:
        feed_store.record(session, list(updates), now)


def _fetch_one(fetcher: Fetcher, room: _Room, feed: FeedConfig, state: FeedState) -> Outcome:
    """Fetch one feed once there is room for its body, which stays until `_parse_one` is done
    with it."""
    if not room.enter():
        return Outcome(feed, None, error=FeedError(state.url, "poll abandoned"))
    outcome = _fetched(fetcher, feed, state)
    if not outcome.unparsed:
        room.leave()
    return outcome


def _fetched(fetcher: Fetcher, feed: FeedConfig, state: FeedState) -> Outcome:
    status: int | None = None
    try:
        result = fetch(fetcher.client, fetcher.config, state.url,
                       Validators(state.etag, state.last_modified))
        status = result.status
        return Outcome(feed, 304 if result.body is None else 200, fetched=result)
    except FeedError as exc:
        log.warning("feed %s failed: %s", feed.name, exc.reason)
        return Outcome(feed, exc.status or status, error=exc)
    except Exception as exc:  # a bug or a library crash on one feed must not stop the poll
        log.exception("feed %s crashed the fetcher", feed.name)
        return Outcome(feed, status, error=_internal(state.url, exc))


def _parse_one(room: _Room, fetched: Outcome, now: datetime) -> Outcome:
    """Parse a fetched body and make its room."""
    feed, result = fetched.feed, fetched.fetched
    assert result is not None and result.body is not None
    try:
        parsed = parse_document(result.body, feed, now, url=result.url,
                                content_type=result.content_type)
        return Outcome(feed, 200, fetched=replace(result, body=None), parsed=parsed)
    except FeedError as exc:
        log.warning("feed %s failed: %s", feed.name, exc.reason)
        return Outcome(feed, exc.status or 200, error=exc)
    except Exception as exc:  # a bug or a library crash on one feed must not stop the poll
        log.exception("feed %s crashed the parser", feed.name)
        return Outcome(feed, 200, error=_internal(result.url, exc))
    finally:
        room.leave()


def _internal(url: str, exc: Exception) -> FeedError:
    return FeedError(url, f"internal error: {exc!r}")
