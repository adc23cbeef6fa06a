"""Submitting the correction form, over signed HTTP: `apply_correction` receives the person's
Correction (who, when, why, what), the modal becomes a short view of what was done, a refusal
shows in the modal, and the editors rule is checked again on submission."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bot.render.correction_menu import short_ref
from bot.sandbox import ResponseUrls, SlackSandbox
from bot.sandbox.limits import view_problem
from bot.services import Services
from briefings.correcting import HANDLERS
from briefings.corrections import Correction, CorrectionAction
from briefings.models import Person, Status
from tests.slash.corrections.conftest import NOW, Recorder
from tests.slash.corrections.support import (
    MAIA,
    OTHER,
    card_menu,
    opened,
    post_menu,
    submission_body,
)
from tests.slash.support import post, signed_headers

pytestmark = pytest.mark.usefixtures("deals")
TRAINIUM = "amazon-anthropic:trainium:1"
ANA = Person("U0ANALYST", "ana")


def _submit(web: str, view: dict[str, Any], **typed: Any) -> httpx.Response:
    body = submission_body(view, **typed)
    return post(web, body, signed_headers(body))


def _done(response: httpx.Response) -> str:
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_action"] == "update"
    assert view_problem(answer["view"], "modal") is None
    return str(answer["view"]["blocks"][0]["text"]["text"])


def test_a_status_correction_reaches_apply_correction_with_who_when_and_why(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        applied: Recorder) -> None:
    view = opened(web, slack, urls, post_menu(services), "Mark DENIED")
    shown = _done(_submit(web, view, reason="  Microsoft denied it to us on a call.  "))
    assert applied.corrections == [Correction(
        action=CorrectionAction.SET_STATUS, deal_key=MAIA, by=ANA, at=NOW,
        reason="Microsoft denied it to us on a call.", status=Status.DENIED,
        story_id=f"{MAIA}#1")]
    assert shown == "set_status done &lt;!channel&gt;"  # the handler's words, escaped


def test_a_card_correction_names_no_story_and_an_empty_reason_is_empty(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        applied: Recorder) -> None:
    view = opened(web, slack, urls, card_menu(web, urls), "Not a deal")
    _done(_submit(web, view, reason=None))
    assert applied.corrections == [Correction(CorrectionAction.NOT_A_DEAL, MAIA, ANA, NOW)]


def test_same_deal_as_names_the_chosen_deal(web: str, slack: SlackSandbox, urls: ResponseUrls,
                                            services: Services, applied: Recorder) -> None:
    view = opened(web, slack, urls, post_menu(services), "Same deal as…")
    _done(_submit(web, view, target=short_ref(TRAINIUM), reason="one contract"))
    [correction] = applied.corrections
    assert (correction.action, correction.target, correction.reason) == (
        CorrectionAction.MERGE, TRAINIUM, "one contract")


def test_a_merge_target_no_longer_offered_is_shown_under_the_select(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        applied: Recorder) -> None:
    view = opened(web, slack, urls, post_menu(services), "Same deal as…")
    answer = _submit(web, view, target=short_ref(MAIA)).json()  # itself: never offered
    assert answer == {"response_action": "errors", "errors": {
        "target": "That deal can no longer be chosen; please choose another."}}
    assert applied.corrections == []


def test_split_names_the_story_whose_post_carried_the_menu(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        applied: Recorder) -> None:
    split = "Split this story into a new deal"
    view = opened(web, slack, urls, post_menu(services, story=0), split)
    _done(_submit(web, view))
    assert [(c.action, c.story_id) for c in applied.corrections] == [
        (CorrectionAction.SPLIT, f"{MAIA}#0")]


def test_a_refused_correction_is_shown_in_the_modal(web: str, slack: SlackSandbox,
                                                   urls: ResponseUrls, services: Services,
                                                   applied: Recorder) -> None:
    applied.refusal = "That deal was merged into <!here> another."
    view = opened(web, slack, urls, post_menu(services), "Mark UNCONFIRMED")
    response = _submit(web, view)
    assert response.status_code == 200
    assert response.json() == {"response_action": "errors", "errors": {
        "reason": "That deal was merged into &lt;!here&gt; another."}}


def test_a_failure_inside_apply_correction_is_an_apology_in_the_modal(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        applied: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr("bot.listeners.corrections.apply_correction", broken)
    view = opened(web, slack, urls, post_menu(services), "Mark UNCONFIRMED")
    assert _submit(web, view).json()["errors"] == {
        "reason": "Sorry, that could not be saved just now. Please try again."}


@pytest.mark.parametrize("editors", [("U0ANALYST",)])
def test_the_editors_rule_is_checked_again_on_submission(
        web: str, slack: SlackSandbox, urls: ResponseUrls, services: Services,
        applied: Recorder) -> None:
    view = opened(web, slack, urls, post_menu(services), "Mark UNCONFIRMED")
    answer = _submit(web, view, user=OTHER).json()  # a form that reached someone else
    assert answer == {"response_action": "errors",
                      "errors": {"reason": "Only editors can change this."}}
    assert applied.corrections == []
    _done(_submit(web, view))
    assert [c.by for c in applied.corrections] == [ANA]


def test_without_a_handler_the_modal_says_so(web: str, slack: SlackSandbox,
                                             urls: ResponseUrls, services: Services,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(HANDLERS, CorrectionAction.SET_STATUS)
    view = opened(web, slack, urls, post_menu(services), "Mark UNCONFIRMED")
    assert _submit(web, view).json() == {"response_action": "errors", "errors": {
        "reason": "set_status is not supported yet"}}
