"""The status badge and its reason: the words and colours that make UNCONFIRMED impossible to miss.

The label is ours, never taken from a feed, and always comes first, so a headline that says
"CONFIRMED" cannot remove or fake the flag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.render.escape import fit
from briefings.models import ChangeKind, Status

NAME_MAX = 80
# what a person did, in a timeline or a list of corrections
CALL_WORDS = {ChangeKind.CORRECTION: "corrected", ChangeKind.NOT_A_DEAL: "marked not a deal",
              ChangeKind.MERGE: "merged", ChangeKind.SPLIT: "split"}

EMOJI = {
    Status.UNCONFIRMED: ":large_yellow_circle:",
    Status.CONFIRMED: ":large_green_circle:",
    Status.DENIED: ":red_circle:",
}

_UNNAMED = re.compile(
    r"\b(people|persons?|sources?|insiders?)\s+(familiar|close|briefed|with knowledge)"
    r"|\baccording to (\w+ ){0,2}(people|persons|sources|insiders)"
    r"|\bsources?\s+(said|say|says|told)|\bunnamed\b|\banonymous|\bnot to be (named|identified)")
_TALKS = re.compile(
    r"\bin (talks|discussions|negotiations)\b|\bdiscuss(es|ed|ing|ions)?\b|\bnegotiat"
    r"|\bconsidering\b|\bweighs?\b|\bexploring\b|\bclose to (a|an)\b|\bearly stage")
_NEITHER = re.compile(r"neither \w+ (has |have )?(commented|responded)|(both|the) \w+ declined")
_DECLINED = re.compile(r"declined to comment|did not (immediately )?respond|(has|have) not "
                       r"commented|no comment|could not be reached")

def label(status: Status) -> str:
    """`UNCONFIRMED`, `CONFIRMED` or `DENIED`: always capitals, always first."""
    return status.value.upper()


def set_by(name: str) -> str:
    """`set by @dana`, escaped: a person's display name as text, never a `<@U..>` mention, so
    it pings nobody whatever it holds."""
    return f"set by {fit(f'@{name}', NAME_MAX)}"


def badge(status: Status) -> str:
    """Emoji plus bold label, for mrkdwn."""
    return f"{EMOJI[status]} *{label(status)}*"


def reason(status: Status, evidence: Sequence[str], story: str = "", parties: int = 2) -> str:
    """Why the flag says what it does, in words an analyst can act on (raw text, unescaped),
    read from the triage's evidence and the story's title and summary.

    e.g. "based on a report citing unnamed sources; it describes talks, not a signed deal;
    neither company has commented"."""
    if status is Status.DENIED:
        return "a party to the deal has denied the report"
    if status is Status.CONFIRMED:
        official = any(e.lower().startswith("published by") for e in evidence)
        return ("announced by a party in its own newsroom" if official
                else "confirmed on the record by a party to the deal")
    text = " ".join((*evidence, story)).lower()
    parts = ["based on a report citing unnamed sources" if _UNNAMED.search(text)
             else "based on a media report"]
    if _TALKS.search(text):
        parts.append("it describes talks, not a signed deal")
    parts.append(_comment(text, parties))
    return "; ".join(parts)


def _comment(text: str, parties: int) -> str:
    if _NEITHER.search(text):
        return "neither company has commented" if parties == 2 else "no party has commented"
    if _DECLINED.search(text):
        return "not confirmed on the record, and a party declined to comment"
    return "no company has confirmed it on the record"
