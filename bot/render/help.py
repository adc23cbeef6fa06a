"""How to ask: the usage text, and the "no match" answer that suggests the closest names."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from bot.render.escape import fit
from bot.render.reply import context, section

ECHO_MAX = 100


def usage(examples: Sequence[str]) -> str:
    names = ", ".join(f"`/deal-status {fit(name, 60)}`" for name in examples)
    return ("*How to use `/deal-status`*\n"
            "• `/deal-status` — the most recently active tracked deals\n"
            "• `/deal-status &lt;company, chip or subject&gt;` — e.g. "
            "`/deal-status anthropic microsoft`, `/deal-status msft maia`, "
            "`/deal-status Trainium` (typos are forgiven)\n"
            "• `/deal-status feeds` — feed health: last success and errors\n"
            "• `/deal-status follow &lt;company&gt;` or `follow deal:&lt;key&gt;` — a direct "
            "message when it gets a new deal or changes status (at most one per deal per "
            "hour); `unfollow …` stops it, `following` lists what you follow\n"
            "• `/deal-status help` — this message"
            + (f"\nTry: {names}" if names else ""))


def help_blocks(examples: Sequence[str]) -> list[Block]:
    return [section(usage(examples)),
            context("Statuses: UNCONFIRMED = reported, not on the record · CONFIRMED = on the "
                    "record · DENIED = a party denied it. Answers are visible only to you until "
                    "you share them.")]


def no_match_blocks(query: str, read_as: Sequence[str], suggestions: Sequence[str],
                    examples: Sequence[str]) -> list[Block]:
    """Say plainly nothing matched, echo the query safely (and what it was read as), suggest
    names, show how to ask."""
    text = f"No tracked deal matches “{fit(query, ECHO_MAX)}”"
    if read_as:
        text += f" (read as {fit(' + '.join(read_as), ECHO_MAX)})"
    text += "."
    if suggestions:
        text += " Closest names: " + ", ".join(f"*{fit(s, 60)}*" for s in suggestions) + "."
    return [section(text), section(usage(examples))]
