"""Where a follower's direct message goes: the bot's DM conversation with the person.

chat.postMessage accepts a user ID as `channel` and opens the DM itself
(https://docs.slack.dev/reference/methods/chat.postMessage), but an uncertain send must then be
looked for in the DM's history, which conversations.history reads only by the conversation's
`D...` ID (https://docs.slack.dev/reference/methods/conversations.history, bot scope
`im:history`). So delivery opens the DM first with conversations.open (bot scope `im:write`),
which opens it or resumes it, answering the same ID for the same person every time
(https://docs.slack.dev/reference/methods/conversations.open): the post and any lookup after it
use that ID. It is kept per process; a restart asks again and gets the same conversation.
"""

from __future__ import annotations

import threading

from slack_sdk import WebClient

KEPT = 10_000


class DmChannels:
    """User ID -> the bot's DM channel ID with them, asked of Slack once per person."""

    def __init__(self, client: WebClient, kept: int = KEPT) -> None:
        self._client = client
        self._kept = kept
        self._ids: dict[str, str] = {}
        self._lock = threading.Lock()

    def open(self, user: str) -> str:
        """The DM's ID; raises the Slack or connection error of a failed conversations.open."""
        with self._lock:
            if user in self._ids:
                return self._ids[user]
        response = self._client.conversations_open(users=user)
        channel = str((response.get("channel") or {})["id"])
        with self._lock:
            if len(self._ids) >= self._kept:
                self._ids.pop(next(iter(self._ids)))
            self._ids[user] = channel
        return channel
