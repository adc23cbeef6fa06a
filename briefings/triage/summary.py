"""One or two sentences from the story itself: the deal, plus the hedge when it is unconfirmed
or the denial when it is denied."""

from __future__ import annotations

import re
from typing import Final

from briefings.models import Status
from briefings.triage.reading import TITLE, Reading
from briefings.triage.vocab import mask

LIMIT: Final = 300
ELLIPSIS: Final = "…"
STATING: Final = mask(("deal", "talks", "final", "deny", "confirm"))
DOUBT: Final = mask(("hedge", "source", "talks", "silence"))
REASON: Final = {Status.UNCONFIRMED: DOUBT, Status.DENIED: mask(("deny",))}
_DATELINE: Final = re.compile(  # "SUNNYVALE, Calif.--(BUSINESS WIRE)--",
    # "PARIS, May 3 (Reuters) -", "AMSTERDAM, April 5, 2027 - "
    r"^[^a-z]{2,40}(?:,[^()/-]{0,40})?(?:--\([A-Za-z ]{2,30}\)--|\s?\([A-Za-z ]{2,30}\)\s?-|"
    r"\s?/[A-Za-z ]{2,30}/\s?-{1,2}|(?<=\d)\s-{1,2}(?=\s))\s*")


def summarise(reading: Reading, parties: tuple[str, ...], status: Status | None) -> str:
    """At most LIMIT characters, ending on a sentence boundary or an ellipsis."""
    body = range(1, len(reading.spans))
    main = next((i for i in body if _states(reading, i, parties)), body[0] if body else TITLE)
    picked = [main]
    reason = REASON.get(status) if status is not None else None
    if reason is not None and not reading.has_any(main, reason):
        order = [*body, TITLE]  # the body's own attribution first, the headline's if none
        why = next((i for i in order if i != main and reading.has_any(i, reason)), None)
        picked = [main] if why is None else sorted([main, why])
    text = " ".join(_sentence(reading, i) for i in picked)
    if len(text) > LIMIT and len(picked) > 1:  # keep the reason, not the longer sentence
        text = _sentence(reading, min(picked, key=lambda i: len(_sentence(reading, i))))
    return _fit(text)


def _states(reading: Reading, index: int, parties: tuple[str, ...]) -> bool:
    """Does the sentence name a party and state the deal (the cheap family test first)?"""
    return reading.has_any(index, STATING) and any(
        h.label in parties for h in reading.by_sentence[index])


def _sentence(reading: Reading, index: int) -> str:
    text = reading.sentence(index).strip()
    dateline = _DATELINE.match(text)  # anchored: a match, not a sub that tries every offset
    if dateline:
        text = text[dateline.end():]
    return text if text.endswith((".", "!", "?", ELLIPSIS)) else f"{text}."


def _fit(text: str) -> str:
    if len(text) <= LIMIT:
        return text
    cut = text[: LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return f"{cut}{ELLIPSIS}"
