"""Token problems stop delivery, not messages: on a token-wide error (`invalid_auth`,
`token_revoked`, `account_inactive`, ...) every send would fail the same way, so all sending
pauses, the rows stay pending, and `auth.test` is tried now and then until the token works
again (https://docs.slack.dev/reference/methods/auth.test). The pause is recorded in the
database so `status`, `/healthz` and App Home in other processes can say so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.outcomes import CONNECTION_ERRORS, api_error_code
from briefings.store import slack_notices
from briefings.store.database import transaction

log = logging.getLogger(__name__)

PROBE_EVERY = timedelta(seconds=30)


class TokenPause:
    """Whether delivery may use the token now; `pause` on a token-wide error."""

    def __init__(self, sessions: sessionmaker[Session], client: WebClient,
                 clock: Callable[[], datetime], probe_every: timedelta = PROBE_EVERY) -> None:
        self._sessions = sessions
        self._client = client
        self._clock = clock
        self._probe_every = probe_every
        self._reason: str | None = None
        self._next_probe = clock()

    @property
    def paused(self) -> bool:
        return self._reason is not None

    def pause(self, reason: str) -> None:
        now = self._clock()
        if self._reason is None:
            log.error("Slack refuses the bot token (%s): delivery paused, messages kept "
                      "pending; checking auth.test every %s", reason, self._probe_every)
        self._reason, self._next_probe = reason, now + self._probe_every
        with transaction(self._sessions) as session:
            slack_notices.record(session, slack_notices.TOKEN, reason, now)

    def ready(self) -> bool:
        """True when not paused, or when a due `auth.test` now passes (the pause ends)."""
        if self._reason is None:
            return True
        now = self._clock()
        if now < self._next_probe:
            return False
        self._next_probe = now + self._probe_every
        try:
            self._client.auth_test()
        except SlackApiError as exc:
            self._reason = api_error_code(exc)
            return False
        except (SlackClientError, *CONNECTION_ERRORS):
            return False
        log.warning("auth.test passes again: delivery resumes (paused for %s)", self._reason)
        self._reason = None
        with transaction(self._sessions) as session:
            slack_notices.clear(session, slack_notices.TOKEN)
        return True
