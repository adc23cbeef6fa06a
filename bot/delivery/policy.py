"""What to do after a failed attempt: the retry policy as a pure function of the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.delivery.outcomes import Kind, Outcome

SEND_LEASE = timedelta(minutes=5)  # longer than any one send (SDK 429 waits included)
GIVE_UP_AFTER = timedelta(hours=24)  # transient failures stop being retried after this
UNKNOWN_ERROR_ATTEMPTS = 2  # an unfamiliar `ok: false` error is retried once
MAX_BACKOFF_SECONDS = 300


@dataclass(frozen=True, slots=True)
class Decision:
    """Either `failed` (the reason to record) or a retry at `retry_at`."""

    failed: str | None = None
    retry_at: datetime | None = None
    hold_channel: bool = False  # a 429: the whole channel waits, other channels do not
    uncertain: bool = False  # the attempt may have posted: look before the next one


def decide(outcome: Outcome, attempts: int, created_at: datetime, now: datetime) -> Decision:
    """`attempts` counts the attempt that just failed."""
    if outcome.kind in (Kind.PERMANENT, Kind.ROOT_DELETED):
        return Decision(failed=outcome.reason)
    if outcome.kind is Kind.UNKNOWN and attempts >= UNKNOWN_ERROR_ATTEMPTS:
        return Decision(failed=outcome.reason)
    if now - created_at > GIVE_UP_AFTER:
        return Decision(failed=f"gave up after {GIVE_UP_AFTER}: {outcome.reason}")
    if outcome.kind is Kind.RATE_LIMITED:
        wait = timedelta(seconds=outcome.wait_seconds)
        return Decision(retry_at=now + wait, hold_channel=True)
    backoff = timedelta(seconds=min(MAX_BACKOFF_SECONDS, 2 ** attempts))
    return Decision(retry_at=now + backoff, uncertain=outcome.kind is Kind.UNCERTAIN)
