"""Token-wide errors: once the bot token is revoked, its workspace deleted or it is otherwise
unusable, every Web API method answers HTTP 200 with `ok: false` and the same error, whatever
the method. The codes, from the common errors of every method reference (e.g.
https://docs.slack.dev/reference/methods/auth.test):

- `invalid_auth`: some aspect of authentication cannot be validated;
- `account_inactive`: the token is for a deleted user or workspace;
- `token_revoked`: the token was revoked or the app removed.

Set `SlackState.token_error` to one of them to inject it; set it back to None to restore.
"""

from __future__ import annotations

import json

TOKEN_ERRORS = ("invalid_auth", "account_inactive", "token_revoked")


def token_refusal(error: str | None) -> tuple[int, dict[str, str], bytes] | None:
    """The answer to any call while `error` holds, or None."""
    if error is None:
        return None
    return 200, {}, json.dumps({"ok": False, "error": error}).encode()
