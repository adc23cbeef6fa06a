"""The overflow menu that lets a person correct the bot, on briefings and `/deal-status` cards.

Slack's limits decide the encoding (each checked again by `slack_sdk.models` when rendered):
- an overflow holds at most 5 options
  (https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element/), so a
  briefing, which also offers "Split", leaves out the status it already shows; a card, which has
  no story to split, offers all three statuses;
- an option's `value` is at most 150 characters
  (https://docs.slack.dev/reference/block-kit/composition-objects/option-object), too short for
  a deal key (up to 200) let alone a story id (200), so values name only the choice;
- a `block_id` is at most 255 characters
  (https://docs.slack.dev/reference/block-kit/blocks/actions-block), so it carries the deal key
  whole and the story as a 16-character digest (`short_ref`), which the listener resolves among
  the deal's stories in the store: `fix:<ref>:<deal key>` is at most 4 + 16 + 1 + 200 = 221;
- `action_id` (at most 255) is one constant.
An edited post keeps its block_id: Slack asks for a new one on updates only so that input state
is not carried over (same page), and a menu holds no state; the click names the deal either way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Option, OverflowMenuElement, SectionBlock, TextObject

from briefings.corrections import CorrectionAction
from briefings.models import Status

ACTION_ID = "deal_correction"
BLOCK_PREFIX = "fix:"
REF_LENGTH = 16
DEAL_KEY_MAX = 200  # the deals.key column

_STATUS_PREFIX = "status:"
_STATUS_ORDER = (Status.CONFIRMED, Status.UNCONFIRMED, Status.DENIED)
_OTHERS = (("not_a_deal", CorrectionAction.NOT_A_DEAL, "Not a deal"),
           ("merge", CorrectionAction.MERGE, "Same deal as…"),
           ("split", CorrectionAction.SPLIT, "Split this story into a new deal"))


@dataclass(frozen=True, slots=True)
class MenuChoice:
    """What a person picked from a menu: the correction, the deal, and the story's digest (None
    on a `/deal-status` card, which shows no one story)."""

    action: CorrectionAction
    deal_key: str
    story_ref: str | None = None
    status: Status | None = None


def short_ref(text: str) -> str:
    """A 16-hex-digit digest of a story id or deal key, for values too short to hold them."""
    return hashlib.sha256(text.encode()).hexdigest()[:REF_LENGTH]


def briefing_section(text: TextObject, deal_key: str, story_id: str,
                     shown: Status) -> SectionBlock:
    """A briefing's section with the menu as its accessory: Split, and the other two statuses."""
    statuses = [s for s in _STATUS_ORDER if s is not shown]
    return _section(text, menu_block_id(deal_key, story_id), _options(statuses, with_split=True))


def card_section(text: TextObject, deal_key: str) -> SectionBlock:
    """A `/deal-status` card's section with the menu: all three statuses, no story to split."""
    return _section(text, menu_block_id(deal_key, None),
                    _options(list(_STATUS_ORDER), with_split=False))


def menu_block_id(deal_key: str, story_id: str | None) -> str:
    return f"{BLOCK_PREFIX}{short_ref(story_id) if story_id else ''}:{deal_key}"


def _section(text: TextObject, block_id: str, options: list[Option]) -> SectionBlock:
    return SectionBlock(text=text, block_id=block_id,
                        accessory=OverflowMenuElement(action_id=ACTION_ID, options=options))


def _options(statuses: list[Status], *, with_split: bool) -> list[Option]:
    """At most five: the overflow's limit (see the module docstring)."""
    options = [Option(value=_STATUS_PREFIX + s.value, text=f"Mark {s.value.upper()}")
               for s in statuses]
    return options + [Option(value=value, text=text) for value, action, text in _OTHERS
                      if with_split or action is not CorrectionAction.SPLIT]


def menu_choice(action: dict[str, Any]) -> MenuChoice:
    """Decode a block_actions action from the menu; ValueError when it is not one of ours."""
    block_id, option = action.get("block_id"), action.get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    if not isinstance(block_id, str) or not block_id.startswith(BLOCK_PREFIX):
        raise ValueError("not a correction menu's block")
    ref, sep, deal_key = block_id.removeprefix(BLOCK_PREFIX).partition(":")
    if not sep or not deal_key or len(deal_key) > DEAL_KEY_MAX or len(ref) not in (0, REF_LENGTH):
        raise ValueError("a correction menu's block without a deal")
    if not isinstance(value, str):
        raise ValueError("a correction menu action without a selected option")
    story_ref = ref or None
    if value.startswith(_STATUS_PREFIX):
        status = Status(value.removeprefix(_STATUS_PREFIX))  # ValueError when unknown
        return MenuChoice(CorrectionAction.SET_STATUS, deal_key, story_ref, status)
    for known, kind, _text in _OTHERS:
        if value == known and not (kind is CorrectionAction.SPLIT and story_ref is None):
            return MenuChoice(kind, deal_key, story_ref)
    raise ValueError(f"an unknown correction {value[:40]!r}")
