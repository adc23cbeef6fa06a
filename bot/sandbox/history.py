"""The two rate regimes Slack applies to conversations.history and conversations.replies.

- `TIER3`: Marketplace and internal apps. Tier 3 is "50+ per minute"; the sandbox allows 50 in
  any minute and a page of up to 999 messages.
  https://docs.slack.dev/apis/web-api/rate-limits
- `NON_MARKETPLACE`: apps distributed outside the Marketplace (new ones since 2025-05-29,
  existing installs since 2026-03-03): 1 request per minute per method, and `limit` at most 15
  (also the default).
  https://docs.slack.dev/reference/methods/conversations.history
  https://docs.slack.dev/reference/methods/conversations.replies

Over the limit, Slack answers HTTP 429 with `Retry-After` in seconds. `scale` shrinks the minute
(0.05: a 3-second minute) so tests and benchmarks run in seconds; `clock` is the time source in
seconds (monotonic by default, a test's fake clock if it likes).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

READ_METHODS = ("conversations.history", "conversations.replies")
Reply = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True)
class Regime:
    name: str
    per_minute: int
    max_limit: int
    default_limit: int


TIER3 = Regime("tier3", per_minute=50, max_limit=999, default_limit=100)
NON_MARKETPLACE = Regime("non_marketplace", per_minute=1, max_limit=15, default_limit=15)


@dataclass
class HistoryLimits:
    """Counts reads per method in a sliding minute; `reject` is consulted before each read."""

    regime: Regime = TIER3
    scale: float = 1.0
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, list[float]] = field(default_factory=dict)

    @property
    def minute(self) -> float:
        return 60.0 * self.scale

    def page_size(self, asked: object) -> int:
        """The `limit` Slack applies: the default when absent, never above the regime's max."""
        try:
            size = int(str(asked)) if asked not in (None, "") else self.regime.default_limit
        except ValueError:
            size = self.regime.default_limit
        return max(1, min(size, self.regime.max_limit))

    def reject(self, method: str) -> Reply | None:
        """A 429 when this read is over the regime's rate, else None (and the read counts)."""
        if method not in READ_METHODS:
            return None
        now = self.clock()
        recent = [t for t in self._seen.get(method, []) if now - t < self.minute]
        if len(recent) >= self.regime.per_minute:
            wait = math.ceil(max(recent[0] + self.minute - now, 0.001) * 1000) / 1000
            self._seen[method] = recent
            body = json.dumps({"ok": False, "error": "ratelimited"}).encode()
            return 429, {"Retry-After": f"{wait:g}"}, body
        self._seen[method] = [*recent, now]
        return None
