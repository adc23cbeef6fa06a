"""What delivery passes did, for logs, the CLI and tests."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass
class DeliveryReport:
    """Counts per pass; `found` counts uncertain sends found already posted (also in `sent`);
    `unverified` those Slack would not let us look for; `postponed` lookups waiting for the
    workspace's read gate; `paused` rows given back because Slack refused the token."""

    sent: int = 0
    found: int = 0
    retried: int = 0
    rate_limited: int = 0
    failed: int = 0
    deferred: int = 0
    recovered: int = 0
    unverified: int = 0
    postponed: int = 0
    paused: int = 0  # rows given back because Slack refused the token

    def add(self, other: DeliveryReport) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def progressed(self) -> int:
        """Rows whose state changed: sent, failed or rescheduled."""
        return self.sent + self.retried + self.rate_limited + self.failed + self.unverified
