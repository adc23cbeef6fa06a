"""Which conversations exist in the emulated workspace, and what the bot may do in each.

Rules, from Slack's method references:
- chat.postMessage: with `chat:write.public` a bot posts to a public channel it is not in; a
  private channel it was not invited to looks like no channel at all (`channel_not_found`);
  an archived channel answers `is_archived`.
  https://docs.slack.dev/reference/methods/chat.postMessage
- conversations.history / .replies: a bot token reads only conversations the bot is a member of
  ("Only user tokens can access public channels they are not in": `not_in_channel`).
  https://docs.slack.dev/reference/methods/conversations.history
- conversations.join: joins a public channel (`channels:join`), warns `already_in_channel`,
  answers `is_archived` for an archived one; private channels need an invite
  (`method_not_supported_for_channel_type`).
  https://docs.slack.dev/reference/methods/conversations.join

A channel nobody registered is, by default, a public channel the bot is already in (so the demo
and most tests need no set-up); `strict` makes unregistered channels unknown, as in Slack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.dms import DirectMessages, is_user_id


@dataclass
class Conversation:
    """One channel of the emulated workspace."""

    id: str
    name: str
    private: bool = False
    archived: bool = False
    member: bool = False
    im_user: str | None = None  # a DM: the person it is with

    def info(self) -> dict[str, Any]:
        if self.im_user is not None:
            return {"id": self.id, "is_im": True, "user": self.im_user, "is_member": True}
        return {"id": self.id, "name": self.name, "is_channel": not self.private,
                "is_private": self.private, "is_archived": self.archived,
                "is_member": self.member}


@dataclass
class Workspace:
    """The channels the sandbox knows; see the module docstring for unregistered ones."""

    channels: dict[str, Conversation] = field(default_factory=dict)
    strict: bool = False
    dms: DirectMessages = field(default_factory=DirectMessages)

    def add(self, channel_id: str, name: str = "", *, private: bool = False,
            archived: bool = False, member: bool = False) -> Conversation:
        conversation = Conversation(channel_id, name or channel_id.lower(), private, archived,
                                    member)
        self.channels[channel_id] = conversation
        return conversation

    def find(self, channel_id: str) -> Conversation | None:
        """The channel as the bot can see it: None for an unknown channel or a private one it
        was not invited to."""
        found = self.channels.get(channel_id)
        if found is None and not self.strict:
            found = self.add(channel_id, member=True)
        if found is None or (found.private and not found.member):
            return None
        return found

    def write_error(self, channel_id: str) -> str | None:
        """Why chat.postMessage / chat.update would be refused here, or None."""
        found = self.find(channel_id)
        if found is None:
            return "channel_not_found"
        if found.im_user is not None and not self.dms.messages_tab:
            return "messages_tab_disabled"
        return "is_archived" if found.archived else None

    def open_dm(self, args: dict[str, Any]) -> dict[str, Any]:
        """conversations.open (see `bot.sandbox.dms`): by `users`, or resuming by `channel`."""
        resume = str(args.get("channel") or "")
        if resume and not args.get("users"):
            user = self.dms.user_of(resume)
            return ({"ok": True, "no_op": True, "already_open": True, "channel": {"id": resume}}
                    if user else {"ok": False, "error": "channel_not_found"})
        answer, dm = self.dms.open(str(args.get("users") or ""))
        if dm is not None:
            user = str(args["users"]).strip()
            self.channels.setdefault(dm, Conversation(dm, dm.lower(), private=True, member=True,
                                                      im_user=user))
            if args.get("return_im") in (True, 1, "1", "true", "True"):
                answer["channel"] = self.channels[dm].info()
        return answer

    def dm_channel(self, channel: str) -> str:
        """Where a post to `channel` lands: a user ID means the bot's DM with that person."""
        if not is_user_id(channel):
            return channel
        answer = self.open_dm({"users": channel})
        return str(answer["channel"]["id"]) if answer.get("ok") else channel

    def read_error(self, channel_id: str) -> str | None:
        """Why conversations.history / .replies would be refused here, or None."""
        found = self.find(channel_id)
        if found is None:
            return "channel_not_found"
        return None if found.member else "not_in_channel"

    def join(self, channel_id: str) -> dict[str, Any]:
        found = self.find(channel_id)
        if found is None:
            return {"ok": False, "error": "channel_not_found"}
        if found.archived:
            return {"ok": False, "error": "is_archived"}
        if found.private:
            return {"ok": False, "error": "method_not_supported_for_channel_type"}
        already, found.member = found.member, True
        answer: dict[str, Any] = {"ok": True, "channel": found.info()}
        if already:
            answer.update(warning="already_in_channel",
                          response_metadata={"warnings": ["already_in_channel"]})
        return answer

    def info(self, channel_id: str) -> dict[str, Any]:
        """conversations.info: https://docs.slack.dev/reference/methods/conversations.info"""
        found = self.find(channel_id)
        if found is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": found.info()}


WRITE_METHODS = ("chat.postMessage", "chat.update")
READ_METHODS = ("conversations.history", "conversations.replies")


def refusal(workspace: Workspace, method: str, args: dict[str, Any]) -> dict[str, Any] | None:
    """Slack's `ok: false` answer when the channel rules refuse this call, else None."""
    channel = str(args.get("channel", ""))
    if method in WRITE_METHODS:
        error = workspace.write_error(channel)
    elif method in READ_METHODS:
        error = workspace.read_error(channel)
    else:
        return None
    return {"ok": False, "error": error} if error else None
