"""The Slack Web API client, pointed at SLACK_API_URL (tests point it at a loopback server)."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.settings import Settings


def make_web_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    """A WebClient for the bot token. Only 429s are retried inside the SDK (honouring
    Retry-After); other failures go back to the outbox, which decides, so a send whose response
    was lost is never blindly repeated."""
    settings.require("slack_bot_token")
    assert settings.slack_bot_token is not None
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )
