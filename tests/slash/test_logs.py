"""Secrets stay out of the logs at DEBUG: signing secret, bot token, response_url, Authorization."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.app import build_app
from bot.logs import Redactor, redact_secrets
from bot.sandbox import ResponseUrls
from bot.services import Services
from bot.settings import Settings
from tests.slash.support import (
    SECRET,
    TOKEN,
    action_body,
    command_body,
    event_body,
    post,
    signed_headers,
)


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """DEBUG capture; `build_app` (run by the `web` fixture) installs the scrubbing itself."""
    caplog.set_level(logging.DEBUG)
    yield


@pytest.mark.usefixtures("deals", "debug_log")
def test_no_secret_in_debug_logs(web: str, urls: ResponseUrls,
                                 caplog: pytest.LogCaptureFixture) -> None:
    hooks = [urls.issue() for _ in range(3)]
    body = command_body("msft maia", hooks[0])
    post(web, body, signed_headers(body))
    urls.next()
    body = action_body("deal:anthropic-microsoft:maia:2", hooks[1])
    post(web, body, signed_headers(body))
    urls.next()
    urls.next()
    body = event_body({"type": "app_home_opened", "user": "U0ANALYST", "tab": "home"})
    post(web, body, signed_headers(body))
    bad = command_body("x", hooks[2])
    post(web, bad, {**signed_headers(bad), "X-Slack-Signature": "v0=" + "0" * 64})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Sending a request" in logged  # the SDK's DEBUG lines were captured
    for secret in (SECRET, TOKEN, "xoxb-", *hooks, "Bearer"):
        assert secret not in logged


def test_redactor_scrubs_secret_shapes() -> None:
    redact = Redactor(["sekrit-value"])
    line = ("token xoxb-1-2-abc, app xapp-1-A-b, Bearer abc.def, sekrit-value, "
            "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F2%2F3 and "
            '"response_url": "https://hooks.slack.com/actions/T1/2/3"')
    scrubbed = redact(line)
    for secret in ("xoxb-1", "xapp-1", "abc.def", "sekrit", "hooks.slack.com", "T1"):
        assert secret not in scrubbed
    assert redact("url: http://127.0.0.1:1/x", "slack_sdk.webhook.client") == "url: [redacted]"


def test_tracebacks_are_scrubbed_too(caplog: pytest.LogCaptureFixture) -> None:
    factory = logging.getLogRecordFactory()
    try:
        redact_secrets(Settings(_env_file=None, slack_bot_token=TOKEN,  # type: ignore[call-arg]
                                slack_signing_secret=SECRET))
        try:
            raise RuntimeError(f"posting with {TOKEN} to https://hooks.slack.com/commands/T/1/2")
        except RuntimeError:
            logging.getLogger("bot.test").exception("failed")
    finally:
        logging.setLogRecordFactory(factory)
    logged = caplog.text
    assert "RuntimeError" in logged and TOKEN not in logged and "hooks.slack.com" not in logged


def test_bolt_start_up_warns_of_nothing(services: Services, monkeypatch: pytest.MonkeyPatch,
                                        caplog: pytest.LogCaptureFixture) -> None:
    """Bolt warns that SLACK_BOT_TOKEN 'will be unused' beside our client; that noise is gone,
    and other Bolt warnings still get through."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    caplog.set_level(logging.WARNING)
    build_app(services)
    logging.getLogger("slack_bolt.App").warning("something else")
    assert [r.getMessage() for r in caplog.records if r.name == "slack_bolt.App"] == [
        "something else"]
