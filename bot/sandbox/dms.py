"""Direct messages between the bot and a person, as Slack keeps them.

Rules, from Slack's method references:
- conversations.open with one user ID in `users` opens the bot's 1:1 DM with that person, or
  resumes it: calling it again for the same person answers the same `D...` conversation
  (`no_op` and `already_open` set). `channel` resumes a DM by its ID. Errors:
  `users_list_not_supplied`, `user_not_found`, `user_disabled`. Bot tokens need `im:write`.
  https://docs.slack.dev/reference/methods/conversations.open
- chat.postMessage to a user ID (`U...`/`W...`) posts in the bot's DM with that person,
  opening it if need be, and answers with the DM's `D...` ID as `channel`; the Messages tab
  being off in App Home refuses it with `messages_tab_disabled`.
  https://docs.slack.dev/reference/methods/chat.postMessage
- The bot is a member of its DMs, so conversations.history reads them (bot scope
  `im:history`): an uncertain DM is looked for there like any channel message.
  https://docs.slack.dev/reference/methods/conversations.history

Only 1:1 DMs are emulated: several users (a group DM) answer `invalid_arguments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


def is_user_id(value: str) -> bool:
    return bool(_USER.match(value))


@dataclass
class DirectMessages:
    """Each person's DM with the bot, by user ID, and the people whose accounts are disabled."""

    by_user: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    messages_tab: bool = True  # App Home's Messages tab (the manifest turns it on)

    def open(self, users: str) -> tuple[dict[str, Any], str | None]:
        """conversations.open's answer to `users`, and the DM's ID when it opened one."""
        ids = [u.strip() for u in users.split(",") if u.strip()]
        if not ids:
            return {"ok": False, "error": "users_list_not_supplied"}, None
        if len(ids) > 1:
            return {"ok": False, "error": "invalid_arguments"}, None
        user = ids[0]
        if not is_user_id(user):
            return {"ok": False, "error": "user_not_found"}, None
        if user in self.disabled:
            return {"ok": False, "error": "user_disabled"}, None
        already = user in self.by_user
        dm = self.by_user.setdefault(user, f"D{len(self.by_user) + 1:08d}")
        answer: dict[str, Any] = {"ok": True, "channel": {"id": dm}}
        if already:
            answer.update(no_op=True, already_open=True)
        return answer, dm

    def user_of(self, dm: str) -> str | None:
        return next((user for user, channel in self.by_user.items() if channel == dm), None)
