"""The feed layer's own error: a FeedError that also says when the server asked us to come back."""

from __future__ import annotations

from briefings.errors import FeedError


class FetchError(FeedError):
    """A fetch failed; `retry_after` is the delay in seconds the server asked for, if any."""

    def __init__(self, url: str, reason: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(url, reason, status=status)
        self.retry_after = retry_after
