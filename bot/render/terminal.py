"""Block Kit to readable terminal text, for the demo and `--preview` commands."""

from __future__ import annotations

import html
import re
from typing import Any

_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]*)>")
_BARE_LINK = re.compile(r"<(https?://[^|>]+)>")
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~])(?=\S)([^*_~\n]*?\S)\1(?![\w*_~])")
_SHORTCODE = re.compile(r":([a-z0-9_+-]+):")
# The shortcodes bot/render uses, as Slack draws them; any other is left as written.
EMOJI = {"large_green_circle": "🟢", "large_yellow_circle": "🟡", "red_circle": "🔴",
         "white_circle": "⚪", "newspaper": "📰", "hourglass": "⌛", "warning": "⚠️",
         "no_entry": "⛔", "grey_question": "❔", "arrows_counterclockwise": "🔄"}


def plain(mrkdwn: str) -> str:
    """mrkdwn to terminal text, as a person reads it in Slack: *bold*, _italic_ and ~strike~
    marks dropped, emoji shortcodes drawn, links as 'label (url)', entities decoded last so an
    escaped `&lt;` in a story never turns into markup."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", mrkdwn)
    text = _BARE_LINK.sub(lambda m: m.group(1), text)
    text = _SHORTCODE.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return html.unescape(text)


def blocks_to_text(blocks: list[dict[str, Any]], indent: str = "") -> str:
    """One block per paragraph; headers underlined so the status flag stands out."""
    lines: list[str] = []
    for block in blocks:
        lines += [indent + line for text in _block_lines(block) for line in text.split("\n")]
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
