"""Can the bot work in each configured channel? Checked by the clock at start and by
`python -m bot check`, with one Web API call per channel that also fixes what it can:
`conversations.join` (https://docs.slack.dev/reference/methods/conversations.join).

- ok: a public channel, joined now or already (so the bot can read what it posted, which
  `chat:write.public` alone does not allow: https://docs.slack.dev/reference/methods/conversations.history);
- `method_not_supported_for_channel_type`: a private channel the bot can see, so it was invited;
- `channel_not_found`: no such channel, or a private one the bot was not invited to;
- `is_archived`: archived, nothing can be posted.

Only `channels:join` is needed (no `channels:read`). Problems are recorded in `slack_notices` for
`status` and App Home, and logged, by channel name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.outcomes import CONNECTION_ERRORS, TOKEN_ERRORS, api_error_code
from briefings.config import ChannelConfig
from briefings.store import slack_notices
from briefings.store.database import transaction

log = logging.getLogger(__name__)

PROBLEMS = {
    "channel_not_found": "not found: no such channel, or a private channel the bot was not "
                         "invited to (/invite the app there)",
    "is_archived": "archived: nothing can be posted there",
}


@dataclass(frozen=True, slots=True)
class ChannelState:
    """One configured channel: None as `problem` when the bot can post there and read it."""

    channel: ChannelConfig
    problem: str | None
    joined: bool = False

    @property
    def label(self) -> str:
        name = self.channel.name or ""
        return f"{name} ({self.channel.id})" if name else self.channel.id


def check_channel(client: WebClient, channel: ChannelConfig) -> ChannelState:
    """Join the channel if it is public; say what stops the bot there otherwise. Token errors
    and connection problems are raised: they are not this channel's."""
    try:
        answer = client.conversations_join(channel=channel.id)
    except SlackApiError as exc:
        code = api_error_code(exc)
        if code in TOKEN_ERRORS or exc.response.status_code == 429:
            raise
        if code == "method_not_supported_for_channel_type":
            return ChannelState(channel, None)  # private, and visible: the bot is invited
        return ChannelState(channel, PROBLEMS.get(code, f"cannot join or check it ({code})"))
    return ChannelState(channel, None, joined=answer.get("warning") != "already_in_channel")


def check_channels(client: WebClient, channels: Sequence[ChannelConfig]) -> list[ChannelState]:
    return [check_channel(client, channel) for channel in channels]


def record(sessions: sessionmaker[Session], states: Sequence[ChannelState],
           clock: Callable[[], datetime]) -> None:
    """Replace the recorded channel problems with these, and log each by name."""
    now = clock()
    with transaction(sessions) as session:
        slack_notices.clear_channels(session)
        for state in states:
            if state.problem is not None:
                slack_notices.record(session, slack_notices.CHANNEL_PREFIX + state.channel.id,
                                     f"{state.label}: {state.problem}", now)
    for state in states:
        if state.problem is not None:
            log.error("channel %s: %s", state.label, state.problem)
        elif state.joined:
            log.info("joined channel %s, so the bot can read what it posts there", state.label)


def startup_check(sessions: sessionmaker[Session], client: WebClient,
                  channels: Sequence[ChannelConfig], clock: Callable[[], datetime],
                  on_token_error: Callable[[str], object]) -> None:
    """The clock's first look at Slack: the token (a refused one pauses delivery through
    `on_token_error`), then every configured channel. Slack being unreachable is logged and
    left to delivery's own retries."""
    try:
        client.auth_test()
        record(sessions, check_channels(client, channels), clock)
    except SlackApiError as exc:
        code = api_error_code(exc)
        if code in TOKEN_ERRORS:
            on_token_error(code)
        else:
            log.warning("could not check the channels at start: %s", code)
    except (SlackClientError, *CONNECTION_ERRORS) as exc:
        log.warning("could not reach Slack to check the channels at start: %s",
                    type(exc).__name__)
