"""The App Home tab: published fresh each time someone opens it.

The event is acked at once and the board is read and published by a lazy listener, so a slow
database or a rate-limited `views.publish` never makes Slack retry the event.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session, sessionmaker

from bot.delivery.outcomes import api_error_code
from bot.listeners.deal_status import ack_now
from bot.render.home import CALLS_SHOWN, PER_STATUS, Column, home_view
from bot.services import Services
from briefings.models import Status
from briefings.store import search, slack_notices
from briefings.store.database import read_session_factory, transaction
from briefings.store.feeds import all_feeds

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Publish the board when a user opens the Home tab (not the Messages tab)."""
    reads = read_session_factory(services.engine)

    def publish_home(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        try:
            client.views_publish(user_id=event["user"], view=board(services, reads))
        except (SlackApiError, SlackClientError) as exc:
            log.warning("App Home not published: %s", _reason(exc))

    app.event("app_home_opened")(ack=ack_now, lazy=[publish_home])


def board(services: Services, reads: sessionmaker[Session]) -> dict[str, Any]:
    """The home view: each status's most recent deals, the latest corrections, then feed
    health."""
    with transaction(reads) as session:
        columns = [Column(status, *search.recent(session, PER_STATUS, status))
                   for status in Status]
        calls = search.recent_calls(session, CALLS_SHOWN)
        feeds = all_feeds(session)
        problems = slack_notices.problems(session)
    return home_view(columns, feeds, services.clock(), problems, calls)


def _reason(exc: SlackClientError) -> str:
    if isinstance(exc, SlackApiError):
        return api_error_code(exc)
    return type(exc).__name__
