"""Helpers for the slash-command tests: Slack-style signing, seeding."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy.orm import Session

from briefings.models import Deal, Status, StatusChange, Story, Verdict
from briefings.store.deals import add_status_change, save_deal
from briefings.store.outbox import record_thread
from briefings.store.stories import NewStory, add_stories

SECRET = "test-signing-secret-0123456789abcdef"
TOKEN = "xoxb-test-bot-token-0123456789"
T0 = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


def serve(server: Any) -> Callable[[], None]:
    """Run a waitress server on a thread; returns how to stop it. Sockets are closed from inside
    the server's own loop (closing them from this thread races its select: EBADF)."""
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def close_all() -> None:
        for channel in list(server.active_channels.values()):
            channel.close()
        server.close()

    def stop() -> None:
        server.task_dispatcher.shutdown(cancel_pending=False)
        server.trigger.pull_trigger(close_all)
        thread.join(timeout=5)

    return stop


def signature(body: str, timestamp: str, secret: str = SECRET) -> str:
    """Exactly how Slack signs: v0=HMAC-SHA256(secret, 'v0:{timestamp}:{body}')."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return "v0=" + digest.hexdigest()


def signed_headers(body: str, timestamp: str | None = None) -> dict[str, str]:
    ts = timestamp or str(int(time.time()))
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature(body, ts),
            "Content-Type": "application/x-www-form-urlencoded"}


def command_body(text: str, response_url: str, user: str = "U0ANALYST",
                 channel: str = "C0DEALS01") -> str:
    return urlencode({
        "token": "legacy-verification-token", "team_id": "T0TEAM", "team_domain": "acme",
        "channel_id": channel, "channel_name": "deals", "user_id": user, "user_name": "ana",
        "command": "/deal-status", "text": text, "api_app_id": "A0APP",
        "response_url": response_url, "trigger_id": "123.456.abc",
    })


def action_body(value: str, response_url: str, user: str = "U0SHARER") -> str:
    payload = {
        "type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": user},
        "api_app_id": "A0APP", "channel": {"id": "C0DEALS01"},
        "container": {"type": "message", "is_ephemeral": True, "channel_id": "C0DEALS01"},
        "trigger_id": "1.2.3", "response_url": response_url,
        "actions": [{"type": "button", "action_id": "deal_status_share",
                     "block_id": "deal_status_share", "value": value, "action_ts": "1.2"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def event_body(event: dict[str, Any]) -> str:
    return json.dumps({"token": "x", "team_id": "T0TEAM", "api_app_id": "A0APP",
                       "type": "event_callback", "event_id": "Ev1", "event_time": 1,
                       "event": event})


def post(base: str, body: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(base + "/slack/events", content=body.encode(), headers=headers, timeout=10)


def seed_deal(session: Session, parties: Sequence[str], chips: Sequence[str], subject: str,
              statuses: Sequence[Status] = (Status.UNCONFIRMED,), *, day: int = 0,
              evidence: tuple[str, ...] = ("people familiar with the matter",)) -> Deal:
    """A deal with one story per status step, saved through the store functions."""
    key = "-".join(p.lower() for p in parties) + f":{subject.lower()}:{day}"
    start = T0 + timedelta(days=day)
    stories = [_story(key, parties, start + timedelta(hours=i), i) for i in range(len(statuses))]
    changes = [StatusChange(status, story.published, story.id, story.outlet, story.link,
                            ("quoted evidence",))
               for status, story in zip(statuses, stories, strict=True)]
    deal = Deal(key=key, parties=tuple(parties), subject=subject, chips=tuple(chips),
                status=statuses[-1], status_since=changes[-1].at, first_seen=start,
                last_activity=changes[-1].at, summary=subject, evidence=evidence,
                history=tuple(changes))
    save_deal(session, deal)
    for status, story, change in zip(statuses, stories, changes, strict=True):
        verdict = Verdict(relevant=True, score=1.0, parties=tuple(parties), chips=tuple(chips),
                          status=status, deal_key=key)
        add_stories(session, [NewStory(story, verdict, announce=True)])
        add_status_change(session, key, change)
    return deal


def _story(key: str, parties: Sequence[str], at: datetime, index: int) -> Story:
    outlet = ("Chip Wire", "Business Daily", "Newsroom")[index % 3]
    return Story(id=f"{key}#{index}", feed=outlet.lower(), outlet=outlet,
                 title=f"{' and '.join(parties)} report {index}", text="t",
                 link=f"https://news.example/{key.replace(':', '/')}/{index}", published=at,
                 first_seen=at)


def seed_thread(session: Session, deal: Deal, channel: str = "C0DEALS01") -> None:
    record_thread(session, deal.key, channel, "1700000000.000001", deal.status.value, "s")
