"""Packing digest blocks into Slack messages: <= 50 blocks and a character budget per message.

Slack rejects a message with more than 50 blocks (`invalid_blocks`) or too much block text
(`msg_blocks_too_long`, near 13k characters in practice); we stay well under both and number the
parts so readers see the digest continues.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject

BLOCKS_MAX = 50
CHARS_MAX = 11_000
PART_RESERVE = 300  # room for the "part k of n" line


@dataclass(frozen=True, slots=True)
class DigestMessage:
    """One `chat.postMessage`: plain-text fallback plus Block Kit as JSON."""

    text: str
    blocks: list[dict[str, Any]]

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def size(block: dict[str, Any]) -> int:
    """A block's weight against the character budget: its JSON, a safe over-estimate."""
    return len(json.dumps(block, ensure_ascii=False))


def pack(summary: list[Block], body: list[Block], text: str) -> list[DigestMessage]:
    """The summary opens the first message; body blocks fill it and then numbered follow-ups."""
    parts: list[list[dict[str, Any]]] = [[b.to_dict() for b in summary]]
    used = sum(size(b) for b in parts[0])
    for block in (b.to_dict() for b in body):
        weight = size(block)
        if len(parts[-1]) + 2 > BLOCKS_MAX or used + weight + PART_RESERVE > CHARS_MAX:
            parts.append([])
            used = 0
        parts[-1].append(block)
        used += weight
    if len(parts) == 1:
        return [DigestMessage(text, parts[0])]
    return [DigestMessage(f"{text} (part {i} of {len(parts)})", _numbered(blocks, i, len(parts)))
            for i, blocks in enumerate(parts, 1)]


def _numbered(blocks: list[dict[str, Any]], index: int, total: int) -> list[dict[str, Any]]:
    note = (f"Part {index} of {total}: the digest continues in the next message." if index == 1
            else f"Weekly digest, part {index} of {total}.")
    marker = ContextBlock(elements=[MarkdownTextObject(text=note)]).to_dict()
    return [*blocks, marker] if index == 1 else [marker, *blocks]
