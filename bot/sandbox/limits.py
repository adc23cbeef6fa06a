"""The message and Block Kit limits the sandbox enforces, each as Slack documents (or is seen) to.

Blocks are parsed and validated with `slack_sdk.models`, the same models the bot builds them with,
plus the per-block limits below; a message's text and its blocks' total size are checked as
`chat.postMessage` and `chat.update` check them. Each function answers Slack's error code (and a
detail) or None when Slack would accept the call.
"""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

# Block Kit: https://docs.slack.dev/reference/block-kit/blocks (50 blocks in a message, 100 in a
# home view; header 150, section text 3,000, fields 10 of 2,000 characters each).
MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
MAX_FIELDS = 10
# https://docs.slack.dev/reference/methods/chat.postMessage ("Truncating content"; error
# `msg_too_long`): a post's text may be at most 40,000 characters.
POST_TEXT_MAX = 40_000
# chat.update's `msg_too_long` ("Message text is too long",
# https://docs.slack.dev/reference/methods/chat.update): an edit's text is held to 4,000.
UPDATE_TEXT_MAX = 4_000
# `msg_blocks_too_long`: Slack documents no figure; it is seen at about 13,200 characters of text
# in a message's blocks (https://github.com/slackapi/bolt-js/issues/2509). We refuse above 13,000.
BLOCKS_TEXT_MAX = 13_000

Problem = tuple[str, str]  # (Slack's error code, what broke)


def message_problem(args: dict[str, Any], text_max: int = POST_TEXT_MAX) -> Problem | None:
    """Why Slack would refuse this message (post, update or response_url), or None.

    `no_text`: a message needs `text`, `blocks` or `attachments`
    (https://docs.slack.dev/reference/methods/chat.postMessage, "text" and error list).
    """
    text, blocks = args.get("text"), args.get("blocks")
    if not text and not blocks and not args.get("attachments"):
        return "no_text", "neither text nor blocks"
    if isinstance(text, str) and len(text) > text_max:
        return "msg_too_long", f"text of {len(text)} characters, more than {text_max}"
    if (problem := block_problem(blocks)) is not None:
        return "invalid_blocks", problem
    if (size := blocks_text_size(blocks)) > BLOCKS_TEXT_MAX:
        return "msg_blocks_too_long", f"{size} characters in blocks, more than {BLOCKS_TEXT_MAX}"
    return None


def view_problem(view: object, kind: str = "home") -> Problem | None:
    """Why `views.publish` (a `home` view) or `views.open` (a `modal`) would refuse this view
    (https://docs.slack.dev/reference/methods/views.publish, .../views.open: `invalid_arguments`
    for a malformed view, validated with `slack_sdk.models.views.View`: a modal's title, submit
    and close at most 24 characters, private_metadata at most 3,000, at most 100 blocks,
    https://docs.slack.dev/reference/views/modal-views), its blocks as a message's are."""
    if not isinstance(view, dict) or view.get("type") != kind:
        return "invalid_arguments", f"a view of type {kind} is needed"
    if (problem := block_problem(view.get("blocks"), MAX_VIEW_BLOCKS)) is not None:
        return "invalid_arguments", problem
    try:
        View(**view).validate_json()
    except (SlackObjectFormationError, TypeError, ValueError) as exc:
        return "invalid_arguments", str(exc)
    return None


def block_problem(blocks: object, most: int = MAX_BLOCKS) -> str | None:
    """The first limit these blocks break, or None when Slack would accept them."""
    if blocks is None:
        return None
    if not isinstance(blocks, list):
        return "blocks must be a list"
    if len(blocks) > most:
        return f"{len(blocks)} blocks, more than {most}"
    for index, block in enumerate(blocks):
        if (problem := _block(block) or _parsed(block)) is not None:
            return f"block {index}: {problem}"
    return None


def blocks_text_size(blocks: object) -> int:
    """The characters of text in blocks: every `text` string, however deep.

    Counted here rather than with `bot.render.reply.text_size` on purpose: the stand-in must not
    measure the bot with the bot's own ruler, or a miscount would pass both."""
    if isinstance(blocks, dict):
        return sum(len(v) if k == "text" and isinstance(v, str) else blocks_text_size(v)
                   for k, v in blocks.items())
    if isinstance(blocks, list):
        return sum(blocks_text_size(item) for item in blocks)
    return 0


def _parsed(block: Any) -> str | None:
    """What `slack_sdk.models` finds wrong with a block (unknown type, missing or bad field)."""
    try:
        model = Block.parse(block)
        if model is None:
            return f"unknown block {json.dumps(block)[:80]}"
        model.validate_json()
    except (SlackObjectFormationError, TypeError, ValueError, AttributeError) as exc:
        return str(exc) or type(exc).__name__
    return None


def _block(block: Any) -> str | None:
    kind = block.get("type") if isinstance(block, dict) else None
    if kind == "header":
        return _too_long(block.get("text"), HEADER_MAX)
    if kind == "section":
        fields = block.get("fields") or []
        if len(fields) > MAX_FIELDS:
            return f"{len(fields)} fields, more than {MAX_FIELDS}"
        problems = [_too_long(f, FIELD_MAX) for f in fields]
        if block.get("text"):
            problems.append(_too_long(block["text"], SECTION_MAX))
        return next((p for p in problems if p), None)
    if kind == "context":
        return next((p for e in block.get("elements", []) if (p := _too_long(e, SECTION_MAX))),
                    None)
    return None if kind else "a block without a type"


def _too_long(text_object: Any, limit: int) -> str | None:
    text = text_object.get("text", "") if isinstance(text_object, dict) else ""
    return f"text of {len(text)} characters, more than {limit}" if len(text) > limit else None
