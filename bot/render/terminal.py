"""Block Kit to readable terminal text, for the demo and `--preview` commands."""

from __future__ import annotations

import html
import re
from typing import Any

_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]*)>")


def plain(mrkdwn: str) -> str:
    """mrkdwn to terminal text: links as 'label (url)', entities decoded."""
    return html.unescape(_LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", mrkdwn))


def blocks_to_text(blocks: list[dict[str, Any]], indent: str = "") -> str:
    """One block per paragraph; headers underlined so the status flag stands out."""
    lines: list[str] = []
    for block in blocks:
        lines += [indent + line for line in _block_lines(block)]
    return "\n".join(lines)


def _block_lines(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = plain(block["text"]["text"])
        return [title, "=" * min(len(title), 78)]
    if kind == "section":
        lines = [plain(block["text"]["text"])] if block.get("text") else []
        fields = [plain(f["text"]).replace("\n", ": ", 1) for f in block.get("fields", [])]
        return lines + (["  " + " | ".join(fields)] if fields else [])
    if kind == "context":
        return ["  " + " ".join(plain(e.get("text", "")) for e in block.get("elements", []))]
    if kind == "divider":
        return ["-" * 40]
    return [f"[{kind}]"]
