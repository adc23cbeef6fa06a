"""Per-channel pacing: about one message a second per channel, and a channel that answered 429
waits out its Retry-After while the other channels carry on."""

from __future__ import annotations

from datetime import datetime, timedelta

DEFAULT_INTERVAL = timedelta(seconds=1.1)


class ChannelPacer:
    """When each channel may next be written to. In memory: a restart forgets the pacing, while
    a rate-limited message keeps its `not_before` in the outbox.

    Per process, which is enough because the clock is the one long-running deliverer (`web`
    never delivers). A `poll --once` or `digest --post` run beside it paces on its own, so a
    channel may briefly see both; the outbox's claims still send each message once, and Slack's
    429 then holds the message for its Retry-After like any other."""

    def __init__(self, interval: timedelta = DEFAULT_INTERVAL) -> None:
        self._interval = interval
        self._next: dict[str, datetime] = {}

    def ready(self, channel: str, now: datetime) -> bool:
        return self._next.get(channel, now) <= now

    def wrote(self, channel: str, now: datetime) -> None:
        """A call to the channel was made: the next waits one interval."""
        self.hold(channel, now + self._interval)

    def hold(self, channel: str, until: datetime) -> None:
        self._next[channel] = max(self._next.get(channel, until), until)

    def next_ready(self, now: datetime) -> datetime | None:
        """The earliest future time a held channel opens, or None when none is held."""
        future = [when for when in self._next.values() if when > now]
        return min(future, default=None)
