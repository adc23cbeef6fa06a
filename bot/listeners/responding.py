"""Answers sent through `response_url`, with Slack's verdict checked and logged.

Bolt's `respond()` returns the webhook's answer instead of raising, so a refused answer
(`msg_blocks_too_long`, `expired_url`, `used_url`, ...) was silently lost. `send` reports whether
Slack took it; callers decide what the user sees instead.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk.errors import SlackClientError

log = logging.getLogger(__name__)


def send(respond: Respond, what: str, **message: Any) -> bool:
    """POST one message to the response_url; True when Slack accepted it, else a log line."""
    try:
        answer = respond(**message)
    except (SlackClientError, OSError) as exc:
        log.warning("%s: the response_url could not be reached (%s)", what, type(exc).__name__)
        return False
    if answer.status_code == 200:
        return True
    log.warning("%s: Slack refused it (HTTP %s: %s)", what, answer.status_code,
                str(answer.body)[:100])
    return False
