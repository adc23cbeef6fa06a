"""The status badge: the words and colours that make UNCONFIRMED impossible to miss."""

from __future__ import annotations

from briefings.models import Status

EMOJI = {
    Status.UNCONFIRMED: ":large_yellow_circle:",
    Status.CONFIRMED: ":large_green_circle:",
    Status.DENIED: ":red_circle:",
}

MEANING = {
    Status.UNCONFIRMED: "reported, not confirmed on the record by the companies",
    Status.CONFIRMED: "announced or confirmed on the record",
    Status.DENIED: "a party has denied the report",
}


def label(status: Status) -> str:
    """`UNCONFIRMED`, `CONFIRMED` or `DENIED`: always capitals, always first."""
    return status.value.upper()


def badge(status: Status) -> str:
    """Emoji plus bold label, for mrkdwn."""
    return f"{EMOJI[status]} *{label(status)}*"
