"""`/deal-status`: ack at once, then answer through `respond` (ephemeral, with a share button).

The ack is empty and runs on the request thread (`process_before_response=True` in `bot.app`);
the lookup runs as a Bolt lazy listener on the listener pool, so however many lookups are slow,
no ack waits behind them and Slack never shows "operation_timeout".
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.listeners.answers import Answers
from bot.listeners.responding import send
from bot.render.reply import Reply
from bot.services import Services

log = logging.getLogger(__name__)

COMMAND = "/deal-status"
SORRY = Reply("Sorry, /deal-status could not answer just now. Please try again in a minute.")


def register(app: App, services: Services) -> None:
    """Answer `/deal-status` by its grammar (see `Answers.answer`)."""
    answers = Answers(services)

    def answer(command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        try:
            reply = answers.answer(str(command.get("text") or ""), command.get("channel_id"),
                                   client, command.get("user_id"))
        except Exception:
            log.exception("/deal-status failed")
            reply = SORRY
        if not send(respond, "/deal-status answer", response_type="ephemeral",
                    replace_original=False, **reply.payload()) and reply is not SORRY:
            send(respond, "/deal-status apology", response_type="ephemeral",
                 replace_original=False, **SORRY.payload())

    app.command(COMMAND)(ack=ack_now, lazy=[answer])


def ack_now(ack: Ack) -> None:
    """Acknowledge within Slack's 3 seconds, before any work."""
    ack()
