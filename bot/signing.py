"""Slack request signing, checked before anything else runs (HTTP mode only).

Bolt's own check answers 500 to a non-numeric timestamp and logs the rejected body (which holds
the `response_url`) at INFO. This one answers 401 to every bad request - bad or missing
signature, altered body, timestamp more than 5 minutes away either side, non-numeric timestamp,
missing headers - and logs only that it happened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

TIMESTAMP = "x-slack-request-timestamp"
SIGNATURE = "x-slack-signature"


class SignedRequests(Middleware):
    """Let through only requests signed with our signing secret in the last 5 minutes."""

    def __init__(self, signing_secret: str) -> None:
        self._verifier = SignatureVerifier(signing_secret)

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse:
        if req.mode == "socket_mode":  # Socket Mode is authenticated by the app token instead
            return next()
        if self.is_valid(req.raw_body, _header(req, TIMESTAMP), _header(req, SIGNATURE)):
            return next()
        log.warning("rejected a request without a valid Slack signature (401)")
        return BoltResponse(status=401, body={"error": "invalid request"})

    def is_valid(self, body: str, timestamp: str | None, signature: str | None) -> bool:
        if not timestamp or not signature or not (timestamp.isascii() and timestamp.isdigit()):
            return False
        return self._verifier.is_valid(body, timestamp, signature)


def _header(req: BoltRequest, name: str) -> str | None:
    values = req.headers.get(name) or []
    return values[0] if values else None
