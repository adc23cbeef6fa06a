"""The Block Kit limits the sandbox enforces, as Slack does (it answers `invalid_blocks`)."""

from __future__ import annotations

from typing import Any

MAX_BLOCKS = 50
HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
MAX_FIELDS = 10


def block_problem(blocks: object) -> str | None:
    """The first limit these blocks break, or None when Slack would accept them."""
    if blocks is None:
        return None
    if not isinstance(blocks, list):
        return "blocks must be a list"
    if len(blocks) > MAX_BLOCKS:
        return f"{len(blocks)} blocks, more than {MAX_BLOCKS}"
    for index, block in enumerate(blocks):
        if (problem := _block(block)) is not None:
            return f"block {index}: {problem}"
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
