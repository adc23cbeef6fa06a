"""The status badge and its reason: the words and colours that make UNCONFIRMED impossible to miss.

The label is ours, never taken from a feed, and always comes first, so a headline that says
"CONFIRMED" cannot remove or fake the flag.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefings.models import Status

EMOJI = {
    Status.UNCONFIRMED: ":large_yellow_circle:",
    Status.CONFIRMED: ":large_green_circle:",
    Status.DENIED: ":red_circle:",
}

_UNNAMED = ("people familiar", "person familiar", "sources", "source said", "according to people",
            "unnamed", "anonymous", "asked not to be named", "told")
_TALKS = ("in talks", "discussion", "negotiat", "considering", "weighs", "exploring", "early stage")
_NO_COMMENT = ("declined to comment", "did not respond", "no comment", "not comment",
               "not immediately respond", "has not commented")


def label(status: Status) -> str:
    """`UNCONFIRMED`, `CONFIRMED` or `DENIED`: always capitals, always first."""
    return status.value.upper()


def badge(status: Status) -> str:
    """Emoji plus bold label, for mrkdwn."""
    return f"{EMOJI[status]} *{label(status)}*"


def reason(status: Status, evidence: Sequence[str]) -> str:
    """Why the flag says what it does, in words an analyst can act on (raw text, unescaped).

    e.g. "based on a report citing unnamed sources; it describes talks, not a signed deal; no
    company has confirmed it on the record"."""
    cues = " ".join(evidence).lower()
    if status is Status.UNCONFIRMED:
        return _unconfirmed(cues)
    if status is Status.DENIED:
        return "a party to the deal has denied the report"
    official = next((e for e in evidence if e.lower().startswith("published by")), None)
    if official:
        return f"announced in an official release ({official})"
    return "confirmed on the record by a party to the deal"


def _unconfirmed(cues: str) -> str:
    parts = ["based on a report citing unnamed sources" if _has(cues, _UNNAMED)
             else "based on a media report"]
    if _has(cues, _TALKS):
        parts.append("it describes talks, not a signed deal")
    parts.append("the companies declined to comment" if _has(cues, _NO_COMMENT)
                 else "no company has confirmed it on the record")
    return "; ".join(parts)


def _has(cues: str, words: Sequence[str]) -> bool:
    return any(word in cues for word in words)
