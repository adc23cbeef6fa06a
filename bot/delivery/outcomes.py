"""What a failed Slack call means for its message: wait, check-then-retry, retry once, or give up.

The split that matters for exactly-once: a 429 or an `ok: false` answer proves Slack did not post
the message, while a timeout, a dropped connection or a 5xx leaves it uncertain, so the next
attempt must first look for the message in Slack.
"""

from __future__ import annotations

import enum
import http.client
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.delivery.retry_after import header, retry_after_seconds

# Token-wide: every call fails the same way until the token is fixed, so delivery pauses instead
# of failing messages one by one (common errors of every method, e.g.
# https://docs.slack.dev/reference/methods/chat.postMessage#errors).
TOKEN_ERRORS = frozenset({
    "invalid_auth", "account_inactive", "token_revoked", "token_expired", "not_authed",
})
# Refusals that no retry can change, from the error tables of
# https://docs.slack.dev/reference/methods/chat.postMessage and
# https://docs.slack.dev/reference/methods/chat.update (`restricted_action*` by prefix: the
# read-only, thread-only, non-threadable and thread-locked channel variants).
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "invalid_blocks",
    "invalid_blocks_format", "msg_too_long", "msg_blocks_too_long", "no_text",
    "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large",
    "metadata_must_be_sent_from_app", "cant_update_message", "edit_window_closed",
    "missing_scope", "invalid_arguments", "ekm_access_denied", "team_access_not_granted",
    "no_permission", "access_denied", "not_allowed_token_type", "enterprise_is_restricted",
    "too_many_attachments", "cannot_reply_to_message", "as_user_not_supported",
    "messages_tab_disabled", "is_inactive",
    # conversations.open, before a follower's DM
    # (https://docs.slack.dev/reference/methods/conversations.open): no such person, or gone.
    "user_not_found", "user_disabled", "users_list_not_supplied", "user_not_visible",
})
PERMANENT_PREFIXES = ("restricted_action",)
# HTTP 200 `ok: false` answers that mean "not now": the app posted too many messages
# (`rate_limited`, distinct from a 429's `ratelimited`) or hit a workspace posting limit.
SLOW_DOWN_ERRORS = frozenset({"rate_limited", "message_limit_exceeded"})
SLOW_DOWN_SECONDS = 30.0
# chat.update on a message someone deleted: the deal's post is gone from the channel.
ROOT_DELETED_ERRORS = frozenset({"message_not_found"})
UNCERTAIN_ERRORS = frozenset({
    "internal_error", "fatal_error", "request_timeout", "service_unavailable",
})
CONNECTION_ERRORS = (OSError, http.client.HTTPException)


class Kind(enum.Enum):
    RATE_LIMITED = "rate_limited"  # not posted; wait Retry-After, in this channel only
    UNCERTAIN = "uncertain"  # may be posted; back off, then look for it before resending
    UNKNOWN = "unknown"  # an unfamiliar `ok: false`: not posted; retried once, then failed
    PERMANENT = "permanent"  # not posted and never will be: failed with the reason
    TOKEN = "token"  # not posted; nothing can be until the token works: pause all delivery
    ROOT_DELETED = "root_deleted"  # the post to edit was deleted: forget the deal's thread


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: Kind
    reason: str
    wait_seconds: float = 0.0


def classify(exc: Exception, now: datetime) -> Outcome:
    """The outcome of a Slack call that raised `exc`."""
    if isinstance(exc, SlackApiError):
        return _api_error(exc, now)
    if isinstance(exc, CONNECTION_ERRORS):
        return Outcome(Kind.UNCERTAIN, f"connection: {type(exc).__name__}: {exc}"[:300])
    if isinstance(exc, SlackClientError):
        return Outcome(Kind.PERMANENT, f"client: {type(exc).__name__}: {exc}"[:300])
    raise exc


def api_error_code(exc: SlackApiError) -> str:
    """The `error` of an `ok: false` answer, or a stand-in when the body has none."""
    data = exc.response.data
    return str(data.get("error") or "no error code") if isinstance(data, dict) else "no body"


def _api_error(exc: SlackApiError, now: datetime) -> Outcome:
    status = int(exc.response.status_code)
    error = api_error_code(exc)
    reason = f"HTTP {status}: {error}"
    if status == 429 or error == "ratelimited":
        wait = retry_after_seconds(header(exc.response.headers), now)
        return Outcome(Kind.RATE_LIMITED, reason, wait)
    if error in SLOW_DOWN_ERRORS:
        given = header(exc.response.headers)
        wait = retry_after_seconds(given, now) if given else SLOW_DOWN_SECONDS
        return Outcome(Kind.RATE_LIMITED, reason, wait)
    if error in TOKEN_ERRORS:
        return Outcome(Kind.TOKEN, error)
    if status >= 500 or error in UNCERTAIN_ERRORS:
        return Outcome(Kind.UNCERTAIN, reason)
    if error in ROOT_DELETED_ERRORS:
        return Outcome(Kind.ROOT_DELETED, error)
    if error in PERMANENT_ERRORS or error.startswith(PERMANENT_PREFIXES):
        return Outcome(Kind.PERMANENT, error)
    return Outcome(Kind.UNKNOWN, reason)
