"""The "Share in channel" button: post the same answer in the channel, saying who shared it.

It answers through the interaction's `response_url` as `in_channel`, which works in any channel
the command works in (no need for the bot to be a member). Only once Slack has taken the channel
post is the ephemeral original removed; a refused share leaves it and says so.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot.listeners.answers import Answers
from bot.listeners.deal_status import ack_now
from bot.listeners.responding import send
from bot.render.reply import SHARE_ACTION
from bot.services import Services

log = logging.getLogger(__name__)
NOT_SHARED = "Sorry, that answer could not be shared just now."


def register(app: App, services: Services) -> None:
    """Handle clicks on the share button of any `/deal-status` answer (shape checked in
    `bot.listeners.payloads` before Bolt runs this)."""
    answers = Answers(services)

    def share(body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        value = str(body["actions"][0].get("value") or "")
        channel = (body.get("channel") or {}).get("id")
        try:
            reply = answers.shared(value, channel, client)
        except Exception:
            log.exception("sharing a /deal-status answer failed")
            send(respond, "share apology", response_type="ephemeral", replace_original=False,
                 text=NOT_SHARED)
            return
        shared = send(respond, "shared answer", response_type="in_channel",
                      replace_original=False, **reply.shared_payload(str(body["user"]["id"])))
        if not shared:
            send(respond, "share apology", response_type="ephemeral", replace_original=False,
                 text=NOT_SHARED)
            return
        send(respond, "removing the private answer", delete_original=True)

    app.action(SHARE_ACTION)(ack=ack_now, lazy=[share])
