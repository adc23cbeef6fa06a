"""The ack never waits for the answer: with the lookup blocked, the HTTP response still comes back,
and the answer follows through response_url once the lookup is released."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bot.listeners.answers import Answers
from bot.sandbox import ResponseUrls
from tests.slash.support import command_body, post, signed_headers


@pytest.mark.usefixtures("deals")
def test_ack_comes_before_a_slow_lookup(web: str, urls: ResponseUrls,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    original = Answers.answer

    def slow(self: Answers, *args: Any) -> Any:
        release.wait(timeout=30)
        return original(self, *args)

    monkeypatch.setattr(Answers, "answer", slow)
    body = command_body("msft maia", urls.issue())
    response = post(web, body, signed_headers(body))
    assert response.status_code == 200 and not release.is_set()
    assert urls.responses.empty()
    release.set()
    assert "Anthropic + Microsoft: Maia" in str(urls.next().payload["blocks"])


@pytest.mark.usefixtures("deals")
def test_a_failing_lookup_says_sorry(web: str, urls: ResponseUrls,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Answers, *args: Any) -> Any:
        raise RuntimeError("database went away")

    monkeypatch.setattr(Answers, "answer", broken)
    body = command_body("msft maia", urls.issue())
    post(web, body, signed_headers(body))
    payload = urls.next().payload
    assert payload["response_type"] == "ephemeral" and "could not answer" in payload["text"]
