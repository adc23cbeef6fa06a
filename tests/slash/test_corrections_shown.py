"""Corrections as people see them over signed requests to the web process: the /deal-status
card and list say "set by @name", a deal marked not a deal is gone from lists and search, and
the App Home board lists the latest corrections."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest

from bot.sandbox import ResponseUrls, SlackSandbox
from bot.services import Services
from briefings.correcting import apply_correction
from briefings.corrections import Correction, CorrectionAction
from briefings.models import Person, Status
from tests.slash.support import command_body, event_body, post, signed_headers

pytestmark = pytest.mark.usefixtures("deals")
DANA = Person("U0DANA001", "dana <!here>")
AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def corrected(services: Services, deals: None) -> None:
    """dana says Maia is DENIED, and that the Trainium story is not a deal."""
    for action, key, status in ((CorrectionAction.SET_STATUS, "anthropic-microsoft:maia:2",
                                 Status.DENIED),
                                (CorrectionAction.NOT_A_DEAL, "amazon-anthropic:trainium:1",
                                 None)):
        apply_correction(services.sessions, services.config,
                         Correction(action, key, DANA, AT, "Microsoft said so", status))


def _ask(web: str, urls: ResponseUrls, text: str) -> str:
    body = command_body(text, urls.issue())
    assert post(web, body, signed_headers(body)).status_code == 200
    return json.dumps(urls.next().payload["blocks"], ensure_ascii=False)


@pytest.mark.usefixtures("corrected")
def test_the_card_and_the_list_say_who_set_it(web: str, urls: ResponseUrls) -> None:
    card = _ask(web, urls, "msft maia")
    assert "*DENIED* since " in card and "set by @dana &lt;!here&gt;: Microsoft said so" in card
    assert "corrected, set by @dana &lt;!here&gt;: Microsoft said so" in card
    listed = _ask(web, urls, "")
    assert "Maia · set by @dana" in listed and "Trainium" not in listed
    assert "<!here>" not in card + listed
    assert "No tracked deal matches" in _ask(web, urls, "trainium")


@pytest.mark.usefixtures("corrected")
def test_the_board_lists_the_latest_corrections(web: str, slack: SlackSandbox) -> None:
    body = event_body({"type": "app_home_opened", "user": "U0ANALYST", "tab": "home"})
    assert post(web, body, signed_headers(body)).status_code == 200
    event = threading.Event()
    for _ in range(200):
        if slack.calls("views.publish"):
            break
        event.wait(0.025)
    text = json.dumps(slack.calls("views.publish")[0].args["view"], ensure_ascii=False)
    assert "*Latest corrections*" in text
    assert ("Anthropic + Microsoft: Maia · corrected, set by @dana &lt;!here&gt;: Microsoft "
            "said so") in text
    assert "Trainium" not in text and "<!here>" not in text
