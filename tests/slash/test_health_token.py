"""`/healthz` of the web process says when delivery is paused because Slack refuses the token
(issue #16), and is healthy again once the clock clears the pause."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from bot.services import Services
from briefings.store import slack_notices
from briefings.store.database import transaction


def test_healthz_names_a_refused_token_then_recovers(web: str, services: Services) -> None:
    with transaction(services.sessions) as session:
        slack_notices.record(session, slack_notices.TOKEN, "token_revoked", datetime.now(UTC))
    response = httpx.get(web + "/healthz", timeout=5)
    assert response.status_code == 503
    assert response.json() == {"ok": False, "database": "up", "slack_token": "token_revoked",
                               "delivery": "paused"}
    with transaction(services.sessions) as session:
        slack_notices.clear(session, slack_notices.TOKEN)
    assert httpx.get(web + "/healthz", timeout=5).json() == {"ok": True, "database": "up"}
