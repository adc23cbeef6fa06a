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

A stop request (SIGTERM) leaves the feeds not fetched yet out of the poll, with no state update,
so they stay due for the next one; the fetches under way end by their deadline and go on as
usual, so the poll ends within one fetch deadline (plus parsing) however many feeds are due.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

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

STOP_CHECK_SECONDS = 0.2  # how often a poll waiting for its feeds looks at the stop request


@dataclass(frozen=True, slots=True)
class PollResult:
    """The stories of the feeds that answered, and every polled feed's state update to record."""

    batches: list[FeedBatch]
    updates: dict[str, FeedUpdate]


def poll(sessions: sessionmaker[Session], fetcher: Fetcher, feeds: Sequence[FeedConfig],
         now: datetime, on_batch: Callable[[FeedBatch], None] | None = None, *,
         stop: threading.Event | None = None) -> PollResult:
    """Fetch and parse every due feed; a broken feed yields an error update, never an exception.

    `on_batch` gets each feed's stories in this thread as soon as that feed is parsed, so the
    caller's work on them overlaps the other feeds' downloads instead of following them all.
    Once `stop` is set, the feeds not fetched yet are left out: no update, so they stay due."""
    states = retrying_conflicts(sessions, lambda session: feed_store.sync_feeds(session, feeds))
    due = [feed for feed in feeds if states[feed.name].is_due(now)]
    if not due:
        return PollResult([], {})
    outcomes = _poll_due(fetcher, due, states, now, on_batch, stop)
    if len(outcomes) < len(due):
        log.info("poll stopped: %d of %d due feeds left for the next poll",
                 len(due) - len(outcomes), len(due))
    ordered = [outcomes[feed.name] for feed in due if feed.name in outcomes]
    updates = {o.feed.name: to_update(o, states[o.feed.name], fetcher.config, now)
               for o in ordered}
    return PollResult([batch for o in ordered if (batch := _batch(o, states)) is not None],
                      updates)


def _poll_due(fetcher: Fetcher, due: Sequence[FeedConfig], states: dict[str, FeedState],
              now: datetime, on_batch: Callable[[FeedBatch], None] | None,
              stop: threading.Event | None) -> dict[str, Outcome]:
    """Each polled feed's outcome, fetched on the workers and parsed on the parsers; each batch
    goes to `on_batch` as it comes. Once `stop` is set, the feeds not fetched yet are left out
    and the rest are parsed and handed over as usual; if `on_batch` raises, the feeds not
    started yet are dropped and the error raised once the fetches under way end."""
    room = _Room(fetcher.config.concurrency + PARSERS, stop)
    finished: queue.SimpleQueue[Future[Any]] = queue.SimpleQueue()
    fetches: list[Future[Any]] = []
    started: list[Future[Any]] = []

    def start(pool: ThreadPoolExecutor, work: Callable[..., Outcome | None],
              *args: object) -> Future[Any]:
        future = pool.submit(work, *args)
        future.add_done_callback(finished.put)  # cancelling a future calls this too
        started.append(future)
        return future

    def abandon(futures: list[Future[Any]]) -> None:
        for future in futures:
            future.cancel()  # those not started yet
        room.close()  # workers waiting for room go without fetching

    for feed in due:
        fetches.append(start(fetcher.workers, _fetch_one, fetcher, room, feed, states[feed.name]))
    outcomes: dict[str, Outcome] = {}
    unsettled = len(due)  # feeds neither polled nor left out yet
    watching = stop
    try:
        while unsettled:
            future = _next_finished(finished, watching)
            if future is None:  # stop requested: the fetches under way, and their parses, go on
                abandon(fetches)
                watching = None
                continue
            outcome = None if future.cancelled() else future.result()
            if outcome is None:  # left out: not fetched
                unsettled -= 1
                continue
            if outcome.unparsed:
                start(fetcher.parsers, _parse_one, room, outcome, now)
                continue
            outcomes[outcome.feed.name] = outcome
            unsettled -= 1
            batch = _batch(outcome, states)
            if batch is not None and on_batch is not None:
                on_batch(batch)
    except BaseException:
        abandon(started)
        wait(started)  # those being fetched end by their deadline
        raise
    return outcomes


def _next_finished(finished: queue.SimpleQueue[Future[Any]], stop: threading.Event | None
                   ) -> Future[Any] | None:
    """The next finished (or cancelled) future; None as soon as `stop` is set. An Event has no
    callback to wake a blocked `get`, hence the short timed waits."""
    if stop is None:
        return finished.get()
    while not stop.is_set():
        try:
            return finished.get(timeout=STOP_CHECK_SECONDS)
        except queue.Empty:
            pass
    return None


class _Room:
    """Room for the bodies a poll holds at once (being fetched, waiting or being parsed): a
    worker waits for room before it fetches, and a body makes room once parsed. Closing lets
    every waiting worker go without fetching: an abandoned poll's queued parses never make
    room, and a worker left waiting would hang the poll. A set `stop` closes it too, at once:
    a worker done with one feed must not start the next before the poll notices the stop."""

    def __init__(self, size: int, stop: threading.Event | None = None) -> None:
        self._free = threading.Semaphore(size)
        self._closed = threading.Event()
        self._stop = stop

    def enter(self) -> bool:
        """Wait for room for one more body; False if the poll was stopped or abandoned."""
        self._free.acquire()
        if self._closed.is_set() or (self._stop is not None and self._stop.is_set()):
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


def _fetch_one(fetcher: Fetcher, room: _Room, feed: FeedConfig, state: FeedState
               ) -> Outcome | None:
    """Fetch one feed once there is room for its body, which stays until `_parse_one` is done
    with it; None, without fetching, if the poll was stopped or abandoned meanwhile."""
    if not room.enter():
        return None
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
