"""Slack request signing, checked in the web process before Bolt sees the request.

Bolt's own check answers 500 to a non-numeric timestamp and logs the rejected body (which holds
the `response_url`) at INFO. This one refuses every bad request - bad or missing signature,
altered body, timestamp more than 5 minutes away either side, an empty or non-ASCII-digit
timestamp (full-width digits are digits to `str.isdigit`) - and logs only that it happened.
https://docs.slack.dev/authentication/verifying-requests-from-slack
"""

from __future__ import annotations

from slack_sdk.signature import SignatureVerifier

TIMESTAMP = "HTTP_X_SLACK_REQUEST_TIMESTAMP"
SIGNATURE = "HTTP_X_SLACK_SIGNATURE"


class SignatureCheck:
    """True only for requests signed with our signing secret in the last 5 minutes."""

    def __init__(self, signing_secret: str) -> None:
        self._verifier = SignatureVerifier(signing_secret)

    def is_valid(self, body: str, timestamp: str | None, signature: str | None) -> bool:
        if not timestamp or not signature:
            return False
        if not (timestamp.isascii() and timestamp.isdigit() and signature.isascii()):
            return False
        return self._verifier.is_valid(body, timestamp, signature)
