"""The query vocabulary and the deal index, cached per process and rebuilt every few seconds.

Rebuilding reads every deal's names (tens of milliseconds at 10,000 deals), so one request does
it while the others keep answering from the previous catalogue. A deal the clock process has just
created becomes findable by name within `REFRESH_S`; lists and cards always read the database.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from briefings.config import Watchlist
from briefings.search import Vocabulary
from briefings.search_index import DealIndex
from briefings.store.database import transaction
from briefings.store.search import indexed_deals

REFRESH_S = 15.0


@dataclass(frozen=True, slots=True)
class Catalogue:
    vocabulary: Vocabulary
    index: DealIndex


class CatalogueCache:
    """Hands out the current catalogue; at most one thread rebuilds it at a time."""

    def __init__(self, watchlist: Watchlist, reads: sessionmaker[Session],
                 refresh_s: float = REFRESH_S) -> None:
        self._watchlist = watchlist
        self._reads = reads
        self._refresh_s = refresh_s
        self._lock = threading.Lock()
        self._current: Catalogue | None = None
        self._built_at = 0.0
        self._rebuilding = False

    def get(self) -> Catalogue:
        with self._lock:
            stale = time.monotonic() - self._built_at > self._refresh_s
            if self._current is not None and (not stale or self._rebuilding):
                return self._current
            self._rebuilding = True
        try:
            fresh = self._build()
            with self._lock:
                self._current, self._built_at = fresh, time.monotonic()
            return fresh
        finally:
            with self._lock:
                self._rebuilding = False

    def _build(self) -> Catalogue:
        with transaction(self._reads) as session:
            index = DealIndex(indexed_deals(session))
        return Catalogue(Vocabulary.build(self._watchlist, index.names()), index)
