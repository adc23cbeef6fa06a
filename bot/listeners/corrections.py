"""Corrections from Slack: a pick from a deal's overflow menu opens a modal; its submission
applies the correction through `briefings.correcting.apply_correction`.

- The click is acked at once; a lazy listener checks the editors rule, reads the deal and opens
  the modal with the click's `trigger_id`, which Slack honours for 3 seconds only
  (https://docs.slack.dev/tools/bolt-python/concepts/opening-modals). A refusal (not an editor,
  the deal gone, the trigger expired) is told privately through the click's `response_url`,
  which reaches the person in any channel, the bot a member or not, and in ephemeral cards
  (https://docs.slack.dev/interactivity/handling-user-interaction, "Message responses").
- The submission is answered in its ack, within Slack's 3 seconds
  (https://docs.slack.dev/tools/bolt-python/concepts/acknowledge): the editors rule is checked
  again (a modal can sit open while the list changes), the correction is applied in one database
  transaction (its Slack posts are planned in the outbox, never sent here), and the modal either
  shows the refusal under an input (`response_action: errors`) or becomes a short view of what
  was done (`response_action: update`), the private answer Slack offers a modal without extra
  calls (https://docs.slack.dev/tools/bolt-python/concepts/view-submissions).
Shapes are checked in `bot.listeners.payloads` before Bolt runs these.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.delivery.outcomes import api_error_code
from bot.editors import Editors, EditorsUnknown
from bot.listeners.deal_status import ack_now
from bot.listeners.responding import send
from bot.render.correction_form import (
    CALLBACK_ID,
    REASON_BLOCK,
    TARGET_BLOCK,
    TARGETS_MAX,
    FormState,
    correction_view,
    done_view,
    form_error,
    submitted,
)
from bot.render.correction_menu import ACTION_ID, MenuChoice, menu_choice, short_ref
from bot.services import Services
from briefings.correcting import apply_correction
from briefings.corrections import Correction, CorrectionAction, CorrectionRefused
from briefings.models import Person
from briefings.store.database import read_session_factory, transaction
from briefings.store.deals import get_deal, merge_candidates
from briefings.store.stories import story_ids_of_deal

log = logging.getLogger(__name__)

NOT_EDITOR = "Only editors can change this."
CANNOT_CHECK = ("Slack could not say just now who the editors are, so nothing was changed. "
                "Please try again in a minute.")
GONE = "That deal is no longer tracked."
STORY_GONE = "That story is no longer part of this deal, so it cannot be split from it."
NO_TARGETS = ("No other tracked deal shares a party with this one, so there is none to call "
              "it the same as.")
TOO_SLOW = "The form took too long to open. Please choose from the menu again."
NOT_OPENED = "Sorry, the form could not be opened just now. Please try again."
NOT_SAVED = "Sorry, that could not be saved just now. Please try again."
TARGET_GONE = "That deal can no longer be chosen; please choose another."
TRIGGER_ERRORS = frozenset({"expired_trigger_id", "invalid_trigger_id", "exchanged_trigger_id"})
NAME_MAX = 80


def register(app: App, services: Services) -> None:
    """Listen to the correction menu and the correction form."""
    corrections = Corrections(services)

    def open_form(body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        corrections.open_form(body, client, respond)

    def submit(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack(**corrections.submit(body, client))

    app.action(ACTION_ID)(ack=ack_now, lazy=[open_form])
    app.view(CALLBACK_ID)(submit)


class Corrections:
    """The two steps of a correction, sharing the editors' cache and a read-only session."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._editors = Editors(services.config.slack.editors)
        self._reads = read_session_factory(services.engine)

    def open_form(self, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """Open the modal for a menu pick, or tell the person privately why not."""
        choice = menu_choice(body["actions"][0])
        refusal = self._refusal(client, str(body["user"]["id"]))
        form = refusal or self._form(choice, _channel(body))
        if isinstance(form, str):
            _tell(respond, form)
            return
        try:
            client.views_open(trigger_id=str(body["trigger_id"]), view=form)
        except SlackApiError as exc:
            code = api_error_code(exc)
            log.warning("correction form not opened: %s", code)
            _tell(respond, TOO_SLOW if code in TRIGGER_ERRORS else NOT_OPENED)
        except (SlackClientError, OSError) as exc:
            log.warning("correction form not opened: %s", type(exc).__name__)
            _tell(respond, NOT_OPENED)

    def submit(self, body: dict[str, Any], client: WebClient) -> dict[str, Any]:
        """The ack's arguments: a view of what was done, or errors shown in the modal."""
        view = body["view"]
        form, entry = FormState.decode(view.get("private_metadata")), submitted(view)
        user = body["user"]
        where = TARGET_BLOCK if form.action is CorrectionAction.MERGE else REASON_BLOCK
        if (refusal := self._refusal(client, str(user["id"]))) is not None:
            return _errors(where, refusal)
        target = self._target(form, entry.target_ref)
        if form.action is CorrectionAction.MERGE and target is None:
            return _errors(TARGET_BLOCK, TARGET_GONE)
        correction = Correction(
            action=form.action, deal_key=form.deal_key, by=_person(user),
            at=self._services.clock(), reason=entry.reason, status=form.status, target=target,
            story_id=form.story_id)
        try:
            applied = apply_correction(self._services.sessions, self._services.config,
                                       correction)
        except CorrectionRefused as exc:
            return _errors(where, str(exc) or NOT_SAVED)
        except Exception:
            log.exception("a correction of %s could not be applied", form.deal_key)
            return _errors(where, NOT_SAVED)
        log.info("%s applied to %s by %s (from %s)", form.action.value, form.deal_key,
                 correction.by.id, form.channel or "a card")
        return {"response_action": "update", "view": done_view(applied.message)}

    def _refusal(self, client: WebClient, user_id: str) -> str | None:
        try:
            return None if self._editors.allows(client, user_id) else NOT_EDITOR
        except EditorsUnknown:
            return CANNOT_CHECK

    def _form(self, choice: MenuChoice, channel: str | None) -> View | str:
        """The modal for this pick, read in one short transaction; a string says why not."""
        with transaction(self._reads) as session:
            deal = get_deal(session, choice.deal_key)
            if deal is None:
                return GONE
            story = _story(session, deal.key, choice.story_ref)
            targets = (merge_candidates(session, deal, TARGETS_MAX)
                       if choice.action is CorrectionAction.MERGE else [])
        if choice.action is CorrectionAction.SPLIT and story is None:
            return STORY_GONE
        if choice.action is CorrectionAction.MERGE and not targets:
            return NO_TARGETS
        form = FormState(choice.action, deal.key, choice.status, story, channel)
        return correction_view(form, deal, targets)

    def _target(self, form: FormState, ref: str | None) -> str | None:
        """The deal key a merge's chosen option names, among the deals the form offered."""
        if form.action is not CorrectionAction.MERGE or ref is None:
            return None
        with transaction(self._reads) as session:
            deal = get_deal(session, form.deal_key)
            targets = merge_candidates(session, deal, TARGETS_MAX) if deal else []
        return next((t.key for t in targets if short_ref(t.key) == ref), None)


def _story(session: Session, deal_key: str, ref: str | None) -> str | None:
    """The deal's story whose digest the menu carried (None: a card, or the story moved)."""
    if ref is None:
        return None
    return next((s for s in story_ids_of_deal(session, deal_key) if short_ref(s) == ref), None)


def _person(user: dict[str, Any]) -> Person:
    name = user.get("name") or user.get("username") or user["id"]
    return Person(str(user["id"]), str(name)[:NAME_MAX])


def _channel(body: dict[str, Any]) -> str | None:
    channel = body.get("channel")
    return str(channel["id"]) if isinstance(channel, dict) else None


def _errors(block_id: str, message: str) -> dict[str, Any]:
    return {"response_action": "errors", "errors": {block_id: form_error(message)}}


def _tell(respond: Respond, text: str) -> None:
    send(respond, "correction notice", response_type="ephemeral", replace_original=False,
         text=text)

