"""Small pure pieces: Retry-After parsing, outcome classification, pacing, digest rows."""

from __future__ import annotations

import http.client
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.delivery.outcomes import Kind, classify
from bot.delivery.pacing import ChannelPacer
from bot.delivery.retry_after import DEFAULT_SECONDS, MAX_SECONDS, header, retry_after_seconds
from bot.sandbox.faults import lost_answer
from briefings.briefing import MessageKind
from briefings.store import outbox
from briefings.store.database import transaction
from tests.delivery.support import ALL, T0, World


@pytest.mark.parametrize(("value", "seconds"), [
    ("2", 2.0), ("1.5", 1.5), (" 30 ", 30.0), ("-4", 0.0), ("nan", DEFAULT_SECONDS),
    ("soon", DEFAULT_SECONDS), ("", DEFAULT_SECONDS), (None, DEFAULT_SECONDS),
    ("99999999", MAX_SECONDS), ("Fri, 20 Nov 2026 09:00:10 GMT", 10.0),
])
def test_retry_after_is_read_without_trusting_it(value: str | None, seconds: float) -> None:
    assert retry_after_seconds(value, T0) == seconds


def test_header_lookup_is_case_insensitive_and_takes_lists() -> None:
    assert header({"Retry-After": ["3"]}) == "3" and header({"retry-after": "4"}) == "4"
    assert header(None) is None


def _api_error(status: int, body: dict[str, Any], headers: dict[str, str] | None = None
               ) -> SlackApiError:
    response = SlackResponse(client=None, http_verb="POST", api_url="x", req_args={},
                             data=body, headers=headers or {}, status_code=status)
    return SlackApiError("failed", response)


@pytest.mark.parametrize(("exc", "kind"), [
    (_api_error(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "7"}),
     Kind.RATE_LIMITED),
    (_api_error(500, {"ok": False, "error": "unexpected body"}), Kind.UNCERTAIN),
    (_api_error(200, {"ok": False, "error": "internal_error"}), Kind.UNCERTAIN),
    (_api_error(200, {"ok": False, "error": "channel_not_found"}), Kind.PERMANENT),
    (_api_error(200, {"ok": False, "error": "brand_new_error"}), Kind.UNKNOWN),
    (http.client.RemoteDisconnected("gone"), Kind.UNCERTAIN),
    (TimeoutError("timed out"), Kind.UNCERTAIN),
])
def test_outcomes_separate_proof_of_no_post_from_uncertainty(exc: Exception, kind: Kind) -> None:
    outcome = classify(exc, T0)
    assert outcome.kind is kind
    if kind is Kind.RATE_LIMITED:
        assert outcome.wait_seconds == 7.0


def test_pacer_holds_one_channel_only() -> None:
    pacer = ChannelPacer(timedelta(seconds=1))
    pacer.wrote("A", T0)
    pacer.hold("A", T0 + timedelta(seconds=5))
    assert not pacer.ready("A", T0 + timedelta(seconds=2)) and pacer.ready("B", T0)
    assert pacer.next_ready(T0) == T0 + timedelta(seconds=5)


def test_a_digest_row_shares_the_send_path_and_is_reconciled_too(world: World) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Week 47: 2 deals"}}]
    with transaction(world.sessions) as session:
        outbox.enqueue_payload(session, "digest|2026-W47|C0ALL0001|1", MessageKind.DIGEST,
                               ALL.id, {"text": "Weekly digest", "blocks": blocks}, T0)
    world.slack.state.faults.append(lost_answer(world.slack))
    report = world.deliver()
    [post] = world.posts()
    assert report.found == 1 and post["text"] == "Weekly digest" and post["blocks"] == blocks
    assert post["metadata"] == {"event_type": "deal_digest",
                                "event_payload": {"outbox_key": "digest|2026-W47|C0ALL0001|1"}}
    assert post["unfurl_links"] in ("0", False)
