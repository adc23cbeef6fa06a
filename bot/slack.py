"""The Slack Web API client, pointed at SLACK_API_URL (tests point it at a loopback server).

Retries inside the SDK are limited to what is safe to repeat blindly: reads, and any call Slack
rejected with 429 (a 429 proves nothing was done). A write whose response was lost is never
repeated here; the outbox decides, after looking for the message in Slack.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import UTC, datetime

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.delivery.retry_after import header, retry_after_seconds
from bot.settings import Settings

log = logging.getLogger(__name__)

READ_METHODS = ("auth.test", "conversations.history", "conversations.replies",
                "conversations.info", "chat.getPermalink", "users.info")
MAX_IN_CLIENT_WAIT = 30.0  # longer waits go back to the outbox instead of blocking a thread


class SafeRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler, minus its crash on a non-integer `Retry-After` (it calls `int()`)
    and with waits capped, so a huge value cannot freeze the process."""

    def __init__(self, max_retry_count: int = 1, max_wait: float = MAX_IN_CLIENT_WAIT) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self._max_wait = max_wait

    def _can_retry(self, *, state: RetryState, request: HttpRequest,
                   response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        return self._wait(response) <= self._max_wait

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None,
                                 error: Exception | None = None) -> None:
        wait = self._wait(response) if response is not None else 1.0
        log.info("Slack answered 429; retrying %s in %.1f s", request.url.rsplit("/", 1)[-1], wait)
        state.next_attempt_requested = True
        time.sleep(wait + random.random() / 4)
        state.increment_current_attempt()

    @staticmethod
    def _wait(response: HttpResponse) -> float:
        return retry_after_seconds(header(response.headers), datetime.now(UTC))


class ReadOnlyConnectionRetryHandler(ConnectionErrorRetryHandler):
    """Connection errors are retried for reads only; a write may have reached Slack."""

    def _can_retry(self, *, state: RetryState, request: HttpRequest,
                   response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        method = request.url.split("?", 1)[0].rsplit("/", 1)[-1]
        return method in READ_METHODS and super()._can_retry(
            state=state, request=request, response=response, error=error)


def make_web_client(settings: Settings, *, timeout: float = 10,
                    max_rate_limit_wait: float = MAX_IN_CLIENT_WAIT) -> WebClient:
    """A WebClient for the bot token, for Bolt listeners and commands; a 429 asking for more
    than `max_rate_limit_wait` seconds is raised at once instead of waited for."""
    return _client(settings, timeout, [SafeRateLimitRetryHandler(2, max_rate_limit_wait),
                                       ReadOnlyConnectionRetryHandler(max_retry_count=2)])


def make_delivery_client(settings: Settings, *, timeout: float = 10) -> WebClient:
    """The deliverer's client: 429s come back to the outbox, which holds only that channel
    instead of sleeping inside the SDK and delaying every other channel."""
    return _client(settings, timeout, [ReadOnlyConnectionRetryHandler(max_retry_count=2)])


def _client(settings: Settings, timeout: float, handlers: list[RetryHandler]) -> WebClient:
    settings.require("slack_bot_token")
    assert settings.slack_bot_token is not None
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=timeout,  # type: ignore[arg-type]  # urllib takes float seconds
        retry_handlers=handlers,
    )
