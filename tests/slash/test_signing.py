"""Request verification over real HTTP: every bad request gets 401, runs no handler, writes nothing.

"No handler ran" is shown without waiting: after the bad requests one good request is sent, and
the first (and only) payload the response_url urls receives is the good one's.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import func, select

from bot.sandbox import ResponseUrls, SlackSandbox
from bot.services import Services
from briefings.store.tables import Base
from tests.slash.support import command_body, post, signature, signed_headers

Tamper = Callable[[str, dict[str, str]], tuple[str, dict[str, str]]]


def _with_ts(offset: int) -> Tamper:
    def tamper(body: str, _headers: dict[str, str]) -> tuple[str, dict[str, str]]:
        return body, signed_headers(body, str(int(time.time()) + offset))
    return tamper


def _flip(body: str, headers: dict[str, str]) -> tuple[str, dict[str, str]]:
    sig = headers["X-Slack-Signature"]
    return body, {**headers, "X-Slack-Signature": sig[:-1] + ("0" if sig[-1] != "0" else "1")}


def _drop(*names: str) -> Tamper:
    return lambda body, headers: (body, {k: v for k, v in headers.items() if k not in names})


def _non_numeric(body: str, headers: dict[str, str]) -> tuple[str, dict[str, str]]:
    ts = "soon"
    return body, {**headers, "X-Slack-Request-Timestamp": ts,
                  "X-Slack-Signature": signature(body, ts)}


def _reencoded(body: str, headers: dict[str, str]) -> tuple[str, dict[str, str]]:
    # Signed over `+` for spaces, sent with `%20`: same form values, different bytes.
    return body.replace("+", "%20"), headers


CASES: dict[str, Tamper] = {
    "bad signature": _flip,
    "wrong secret": lambda b, h: (b, {**h, "X-Slack-Signature": signature(
        b, h["X-Slack-Request-Timestamp"], "another-secret")}),
    "body altered after signing": lambda b, h: (b.replace("help", "feeds"), h),
    "timestamp 301 s old": _with_ts(-301),
    # +303: Slack timestamps are whole seconds, and the request may take a moment to arrive.
    "timestamp 301 s in the future": _with_ts(303),
    "non-numeric timestamp": _non_numeric,
    "missing both headers": _drop("X-Slack-Request-Timestamp", "X-Slack-Signature"),
    "missing signature": _drop("X-Slack-Signature"),
    "missing timestamp": _drop("X-Slack-Request-Timestamp"),
    "re-encoded body": _reencoded,
    "empty signature": lambda b, h: (b, {**h, "X-Slack-Signature": ""}),
}


def _row_counts(services: Services) -> dict[str, int]:
    with services.sessions() as session:
        return {t.name: int(session.scalar(select(func.count()).select_from(t)) or 0)
                for t in Base.metadata.sorted_tables}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_request_is_401_and_runs_nothing(web: str, urls: ResponseUrls, slack: SlackSandbox,
                                             services: Services, case: str) -> None:
    before = _row_counts(services)
    body = command_body("help me", urls.issue())
    body, headers = CASES[case](body, signed_headers(body))
    assert post(web, body, headers).status_code == 401
    hook = urls.issue()
    good = command_body("help", hook)
    assert post(web, good, signed_headers(good)).status_code == 200
    assert hook.endswith("/" + urls.next().hook)
    assert urls.responses.empty()
    assert _row_counts(services) == before
    assert slack.calls("chat.postMessage") == []


def test_timestamp_within_five_minutes_is_accepted(web: str, urls: ResponseUrls) -> None:
    body = command_body("help", urls.issue())
    response = post(web, body, signed_headers(body, str(int(time.time()) - 290)))
    assert response.status_code == 200
    assert "How to use" in str(urls.next().payload["blocks"])


def test_healthz_checks_the_database(web: str) -> None:
    response = httpx.get(web + "/healthz", timeout=5)
    assert response.status_code == 200
    assert response.json() == {"ok": True, "database": "up"}


def test_other_paths_are_404(web: str) -> None:
    assert httpx.get(web + "/slack/events", timeout=5).status_code == 404
    assert httpx.post(web + "/admin", timeout=5).status_code == 404
