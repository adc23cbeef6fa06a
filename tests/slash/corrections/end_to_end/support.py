"""A correction as a person makes it in Slack, end to end: the menu of a message the stand-in
holds is clicked and the modal the stand-in received is submitted, both over signed HTTP to the
web process; what people then see is read back from the stand-in after delivery."""

from __future__ import annotations

from typing import Any

from bot.sandbox import ResponseUrls, SlackSandbox
from briefings.config import ChannelConfig
from tests.delivery.support import World, payload
from tests.slash.corrections.support import USER, menu_block, opened, submission_body
from tests.slash.support import post, signed_headers

SECOND = ChannelConfig(id="C0MSFT001", name="#microsoft", companies=("Microsoft",))


class Analyst:
    """One person at Slack: clicks menus and submits the modals they open, as `user`."""

    def __init__(self, web: str, slack: SlackSandbox, urls: ResponseUrls,
                 user: dict[str, Any] = USER) -> None:
        self.web, self.slack, self.urls, self.user = web, slack, urls, user

    def open(self, message: dict[str, Any], label: str) -> dict[str, Any]:
        """Pick `label` from the message's correction menu; the modal Slack was asked to open."""
        return opened(self.web, self.slack, self.urls, menu_block(message["blocks"]), label,
                      user=self.user)

    def submit(self, view: dict[str, Any], reason: str = "", target: str | None = None
               ) -> dict[str, Any]:
        """Submit the modal with a reason and (merge) the select's option whose text starts
        with `target`; the ack's JSON body."""
        value = None if target is None else option_value(view, target)
        body = submission_body(view, reason=reason or None, target=value, user=self.user)
        response = post(self.web, body, signed_headers(body))
        assert response.status_code == 200
        return dict(response.json())

    def correct(self, message: dict[str, Any], label: str, reason: str = "",
                target: str | None = None) -> dict[str, Any]:
        return self.submit(self.open(message, label), reason, target)


def option_value(view: dict[str, Any], text: str) -> str:
    """The value of the one option of the modal's select whose text starts with `text`."""
    [select] = [b["element"] for b in view["blocks"] if b.get("block_id") == "target"]
    [value] = [o["value"] for o in select["options"] if o["text"]["text"].startswith(text)]
    return str(value)


def menu_labels(message: dict[str, Any]) -> list[str]:
    """What the message's correction menu offers."""
    return [o["text"]["text"] for o in menu_block(message["blocks"])["accessory"]["options"]]


def done(answer: dict[str, Any]) -> str:
    """What the modal says once the correction applied."""
    assert answer["response_action"] == "update", answer
    return str(answer["view"]["blocks"][0]["text"]["text"])


def reply_of(world: World, channel: str, story_id: str) -> dict[str, Any]:
    """The one thread reply in the channel that briefs this story."""
    [message] = [m for m in world.posts(channel) if "thread_ts" in m and m["metadata"][
        "event_type"] == "deal_briefing" and payload(m).get("story_id") == story_id]
    return message


def thread(world: World, channel: str, root: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in world.posts(channel) if m.get("thread_ts") == root["ts"]]
