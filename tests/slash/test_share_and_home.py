"""The share button (block_actions) and the App Home tab (app_home_opened -> views.publish)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import create_engine

from bot.app import build_app
from bot.sandbox import Call, ResponseUrls, SlackSandbox
from bot.services import Services
from bot.web import bound_port, make_server, wsgi_app
from briefings.store.database import transaction
from briefings.store.feeds import sync_feeds
from tests.slash.support import (
    SECRET,
    action_body,
    command_body,
    event_body,
    post,
    serve,
    signed_headers,
)

pytestmark = pytest.mark.usefixtures("deals")


def _share_value(web: str, urls: ResponseUrls, text: str) -> str:
    body = command_body(text, urls.issue())
    post(web, body, signed_headers(body))
    actions = urls.next().payload["blocks"][-1]
    assert actions["type"] == "actions"
    return str(actions["elements"][0]["value"])


def test_share_posts_the_same_card_in_channel_saying_who_shared(web: str,
                                                                urls: ResponseUrls) -> None:
    value = _share_value(web, urls, "msft maia")
    body = action_body(value, urls.issue(), user="U0SHARER")
    assert post(web, body, signed_headers(body)).status_code == 200
    shared, cleanup = urls.next().payload, urls.next().payload
    assert shared["response_type"] == "in_channel"
    blocks = json.dumps(shared["blocks"])
    assert "Anthropic + Microsoft: Maia" in blocks and "Status history" in blocks
    assert "Shared by <@U0SHARER>" in blocks
    assert "deal_status_share" not in blocks  # no second share button on the shared card
    assert cleanup == {"text": "", "delete_original": True}


def test_share_of_a_list_re_answers_the_query(web: str, urls: ResponseUrls) -> None:
    value = _share_value(web, urls, "OpenAI")
    body = action_body(value, urls.issue())
    post(web, body, signed_headers(body))
    shared = urls.next().payload
    assert "2 tracked deals match OpenAI" in json.dumps(shared["blocks"])


def test_share_with_a_forged_user_id_mentions_no_one(web: str, urls: ResponseUrls) -> None:
    body = action_body("q:", urls.issue(), user="<!channel>")
    post(web, body, signed_headers(body))
    blocks = json.dumps(urls.next().payload["blocks"])
    assert "<!channel>" not in blocks and "Shared by &lt;!channel&gt;" in blocks


def test_app_home_opened_publishes_the_board(web: str, slack: SlackSandbox,
                                             services: Services) -> None:
    feeds = services.config.briefings.feeds
    with transaction(services.sessions) as session:
        sync_feeds(session, feeds)
    body = event_body({"type": "app_home_opened", "user": "U0ANALYST", "tab": "home",
                       "channel": "D0HOME"})
    assert post(web, body, signed_headers(body)).status_code == 200
    call = _wait_for(slack, "views.publish")
    assert call.args["user_id"] == "U0ANALYST"
    view = call.args["view"]
    text = json.dumps(view)
    assert view["type"] == "home"
    order = [text.index(s) for s in ("*UNCONFIRMED* (1)", "*CONFIRMED* (2)", "*DENIED* (1)")]
    assert order == sorted(order)
    assert "Feed health" in text and feeds[0].name in text
    assert "Anthropic + Microsoft: Maia" in text


def test_messages_tab_is_left_alone(web: str, slack: SlackSandbox, urls: ResponseUrls) -> None:
    body = event_body({"type": "app_home_opened", "user": "U0ANALYST", "tab": "messages"})
    post(web, body, signed_headers(body))
    home = event_body({"type": "app_home_opened", "user": "U0OTHER", "tab": "home"})
    post(web, home, signed_headers(home))
    assert _wait_for(slack, "views.publish").args["user_id"] == "U0OTHER"
    assert len(slack.calls("views.publish")) == 1


def _wait_for(slack: SlackSandbox, method: str) -> Call:
    event = threading.Event()
    for _ in range(200):
        calls = slack.calls(method)
        if calls:
            return calls[0]
        event.wait(0.025)
    raise AssertionError(f"{method} was never called")


@pytest.fixture
def broken_db_web(services: Services) -> Iterator[str]:
    dead = create_engine("sqlite:////proc/no-such-dir/briefings.db")
    server = make_server(wsgi_app(build_app(services), dead, SECRET), host="127.0.0.1",
                         port=0, threads=2)
    stop = serve(server)
    yield f"http://127.0.0.1:{bound_port(server)}"
    stop()


def test_healthz_is_503_when_the_database_is_down(broken_db_web: str) -> None:
    response = httpx.get(broken_db_web + "/healthz", timeout=5)
    assert response.status_code == 503
    assert response.json() == {"ok": False, "database": "down"}


def test_events_url_verification_echoes_the_challenge(web: str) -> None:
    body = json.dumps({"token": "x", "challenge": "c-123", "type": "url_verification"})
    response = post(web, body, {**signed_headers(body), "Content-Type": "application/json"})
    assert response.status_code == 200 and response.json() == {"challenge": "c-123"}
