"""The App Home tab: published fresh each time someone opens it."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.render.home import PER_STATUS, Column, home_view
from bot.services import Services
from briefings.models import Status
from briefings.store import search, slack_notices
from briefings.store.database import read_session_factory, transaction
from briefings.store.feeds import all_feeds

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Publish the board when a user opens the Home tab (not the Messages tab)."""

    @app.event("app_home_opened")
    def publish_home(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        client.views_publish(user_id=str(event["user"]), view=board(services))


def board(services: Services) -> dict[str, Any]:
    """The home view: each status's most recent deals, then feed health."""
    with transaction(read_session_factory(services.engine)) as session:
        columns = [Column(status, *search.recent(session, PER_STATUS, status))
                   for status in Status]
        feeds = all_feeds(session)
        problems = slack_notices.problems(session)
    return home_view(columns, feeds, services.clock(), problems)
