"""Keep secrets out of the logs, even at DEBUG.

slack_sdk and Bolt log request bodies and URLs at DEBUG; those carry the `response_url` (a
credential: anyone holding it can post as the app for 30 minutes) and could carry tokens. A log
record factory scrubs every record, from every library, before any handler sees it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from bot.settings import Settings

REDACTED = "[redacted]"
_FORMATTER = logging.Formatter()
_PATTERNS = (
    re.compile(r"xox[a-z]-[A-Za-z0-9-]+"),
    re.compile(r"xapp-[A-Za-z0-9-]+"),
    re.compile(r"(?i)(bearer\s+)\S+"),
    re.compile(r"(?i)(response_url\W{1,12})[^\s'\"&,}]+"),
    re.compile(r"https?(?::|%3A)(?:/|%2F){2}hooks\.slack\.com\S*", re.IGNORECASE),
)
_ANY_URL = re.compile(r"https?://[^\s,'\"]+")
WEBHOOK_LOGGERS = ("slack_sdk.webhook", "slack_bolt.context.respond")


class Redactor:
    """Scrubs known secret values and secret-shaped text from a log message."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def __call__(self, message: str, logger: str = "") -> str:
        if logger.startswith(WEBHOOK_LOGGERS):  # every URL these log is a response_url
            message = _ANY_URL.sub(REDACTED, message)
        for secret in self._secrets:
            message = message.replace(secret, REDACTED)
        for pattern in _PATTERNS:
            message = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + REDACTED,
                                  message)
        return message


def redact_secrets(settings: Settings) -> None:
    """Install a record factory that formats and scrubs every log record (idempotent)."""
    values = [s.get_secret_value() for s in (settings.slack_bot_token,
              settings.slack_signing_secret, settings.slack_app_token) if s is not None]
    redactor = Redactor(values)
    base = logging.getLogRecordFactory()
    base = getattr(base, "_unredacted", base)

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        if record.exc_info:  # tracebacks carry exception messages (URLs, bodies) too
            record.exc_text = redactor(_FORMATTER.formatException(record.exc_info), record.name)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: let the handler report it
            return record
        record.msg, record.args = redactor(message, record.name), None
        return record

    factory._unredacted = base  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


class _DropWarning(logging.Filter):
    """Drops one known, harmless library warning by its text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self._text not in record.getMessage()


# Bolt reads SLACK_BOT_TOKEN from the environment even when handed a ready client (ours points
# at SLACK_API_URL), then warns on every start that the token "will be unused": it is not.
_CLIENT_GIVEN = _DropWarning("`token` will be unused")


def quiet_bolt_start_up() -> None:
    """Silence Bolt's token-with-client warning (idempotent: one filter instance)."""
    logging.getLogger("slack_bolt.App").addFilter(_CLIENT_GIVEN)
