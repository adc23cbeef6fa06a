"""The modal a correction opens, what it carries between the click and the submission, and the
small view that says what was done.

Limits (checked again by `slack_sdk.models.views.View` and by the stand-in's `views.open`):
a modal's title, submit and close are at most 24 characters, `private_metadata` at most 3,000
(https://docs.slack.dev/reference/views/modal-views); a static select holds at most 100 options,
each with text of at most 75 characters and a value of at most 150
(https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element,
https://docs.slack.dev/reference/block-kit/composition-objects/option-object). `private_metadata`
holds the action, deal key (<= 200), story id (<= 200) and channel: well under 3,000. Targets of
"Same deal as..." are named by `short_ref` digests, resolved against the same query on submit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.render.correction_menu import DEAL_KEY_MAX, short_ref
from bot.render.deal_list import title
from bot.render.escape import cut_markup, escape, fit
from bot.render.status import badge, label
from briefings.corrections import CorrectionAction
from briefings.models import Deal, Status

CALLBACK_ID = "deal_correction_form"
REASON_BLOCK, REASON_ACTION = "reason", "reason"
TARGET_BLOCK, TARGET_ACTION = "target", "target"
REASON_MAX = 500
TARGETS_MAX = 100
OPTION_TEXT_MAX = 75
STORY_ID_MAX = 200
ERROR_MAX = 300
_VERSION = 1


@dataclass(frozen=True, slots=True)
class FormState:
    """What the modal carries in `private_metadata` from the click to the submission."""

    action: CorrectionAction
    deal_key: str
    status: Status | None = None
    story_id: str | None = None
    channel: str | None = None

    def encode(self) -> str:
        return json.dumps({"v": _VERSION, "action": self.action.value, "deal": self.deal_key,
                           "status": self.status.value if self.status else None,
                           "story": self.story_id, "channel": self.channel},
                          separators=(",", ":"))

    @staticmethod
    def decode(text: object) -> FormState:
        """The state our modal carried; ValueError for anything else (garbled, or not ours)."""
        data = json.loads(text) if isinstance(text, str) else None
        if not isinstance(data, dict) or data.get("v") != _VERSION:
            raise ValueError("private_metadata that is not a correction form's")
        deal, story, channel = data.get("deal"), data.get("story"), data.get("channel")
        if not isinstance(deal, str) or not 0 < len(deal) <= DEAL_KEY_MAX:
            raise ValueError("a correction form without a deal")
        if not _text_or_none(story, STORY_ID_MAX) or not _text_or_none(channel, 40):
            raise ValueError("a correction form with a malformed story or channel")
        action = CorrectionAction(str(data.get("action")))
        status = Status(data["status"]) if data.get("status") is not None else None
        if (action is CorrectionAction.SET_STATUS) != (status is not None):
            raise ValueError("a correction form whose status does not fit its action")
        if action is CorrectionAction.SPLIT and story is None:
            raise ValueError("a split without its story")
        return FormState(action, deal, status, story, channel)


@dataclass(frozen=True, slots=True)
class Submission:
    """What the person typed and chose: the reason (cut to REASON_MAX) and the target's ref."""

    reason: str
    target_ref: str | None


def submitted(view: dict[str, Any]) -> Submission:
    """Read a submitted form's state; ValueError when its shape is not what Slack sends."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        raise ValueError("a view_submission without state values")
    reason = _field(values, REASON_BLOCK, REASON_ACTION).get("value")
    option = _field(values, TARGET_BLOCK, TARGET_ACTION).get("selected_option")
    target = option.get("value") if isinstance(option, dict) else None
    if not _text_or_none(reason, 4 * REASON_MAX) or not _text_or_none(target, 150):
        raise ValueError("a view_submission with a malformed reason or target")
    return Submission((reason or "").strip()[:REASON_MAX], target)


def correction_view(form: FormState, deal: Deal, targets: Sequence[Deal] = ()) -> View:
    """The modal for one correction: what it will do, the target (merge), an optional reason."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(
        text=cut_markup(_what_it_does(form, deal), 3000), verbatim=True))]
    if form.action is CorrectionAction.MERGE:
        blocks.append(InputBlock(block_id=TARGET_BLOCK, label="The same deal as", element=(
            StaticSelectElement(action_id=TARGET_ACTION, placeholder="Choose a tracked deal",
                                options=[_target(d) for d in targets[:TARGETS_MAX]]))))
    blocks.append(InputBlock(
        block_id=REASON_BLOCK, label="Why? (optional)", optional=True,
        hint=f"Shown in the deal's history and thread; at most {REASON_MAX} characters.",
        element=PlainTextInputElement(action_id=REASON_ACTION, multiline=True,
                                      max_length=REASON_MAX)))
    return View(type="modal", callback_id=CALLBACK_ID, title=_title(form),
                submit="Apply", close="Cancel", private_metadata=form.encode(), blocks=blocks)


def done_view(message: str) -> View:
    """The modal after a correction applied: what it did, in the handler's words (escaped)."""
    text = cut_markup(escape(message) or "Done.", 3000)
    return View(type="modal", title="Correction applied", close="Close",
                blocks=[SectionBlock(text=MarkdownTextObject(text=text, verbatim=True))])


def form_error(message: str) -> str:
    """A message for `response_action: errors`, kept short (it shows under one input)."""
    return fit(message, ERROR_MAX)


def _what_it_does(form: FormState, deal: Deal) -> str:
    name = f"*{fit(title(deal), 300)}* ({badge(deal.status)})"
    if form.action is CorrectionAction.SET_STATUS:
        assert form.status is not None
        return (f"Mark {name} as *{label(form.status)}*. Your call stands, with your name on "
                "it, until a party says otherwise on the record.")
    if form.action is CorrectionAction.NOT_A_DEAL:
        return f"{name} is not a deal: hide it from lists and the digest, and say so on its posts."
    if form.action is CorrectionAction.MERGE:
        return f"{name} is the same deal as the one you choose: its stories and threads move there."
    return f"Move this story out of {name} into a new deal of its own."


def _title(form: FormState) -> str:
    """At most 24 characters: "Mark UNCONFIRMED" is the longest."""
    if form.status is not None:
        return f"Mark {label(form.status)}"
    return {CorrectionAction.NOT_A_DEAL: "Not a deal", CorrectionAction.MERGE: "Same deal as…",
            CorrectionAction.SPLIT: "Split into a new deal"}.get(form.action, "Correction")


def _target(deal: Deal) -> Option:
    """The deal's title with its status and first report's date: a deal split out of another
    keeps its parties and subject, and only the date tells the two apart."""
    suffix = f" ({label(deal.status)}, from {deal.first_seen:%d %b %Y})"
    return Option(value=short_ref(deal.key),
                  text=fit(title(deal), OPTION_TEXT_MAX - len(suffix)) + suffix)


def _field(values: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    entry = values.get(block, {})
    field = entry.get(action, {}) if isinstance(entry, dict) else None
    if not isinstance(field, dict):
        raise ValueError(f"a view_submission whose {block} is not an object")
    return field


def _text_or_none(value: object, limit: int) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= limit)

