"""Which companies' own newsroom a feed is, from its name ("NVIDIA Newsroom", "About Amazon").

Used where a feed's config does not say (the triage command reads bare JSON items): a source
whose name is a watch-list company plus only newsroom words is that company's own voice.
"""

from __future__ import annotations

import re
from typing import Final

from briefings.triage.matcher import Matcher
from briefings.triage.vocab import COMPANY

NEWSROOM_WORDS: Final = frozenset({
    "newsroom", "news", "blog", "press", "corner", "room", "release", "releases", "investor",
    "relations", "ir", "official", "about", "source", "the", "keyword", "media", "center",
    "centre", "stories", "hub", "insights", "updates", "company", "corporate", "cloud",
})
_WORD: Final = re.compile(r"[\w.&-]+")


def official_for(source: str, matcher: Matcher) -> tuple[str, ...]:
    """The companies whose own outlet `source` is; () for a news outlet."""
    hits = [h for h in matcher.find(source) if h.family == COMPANY]
    if not hits:
        return ()
    rest = source
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        rest = rest[: hit.start] + " " + rest[hit.end:]
    if any(w.lower() not in NEWSROOM_WORDS for w in _WORD.findall(rest)):
        return ()
    return tuple(dict.fromkeys(h.label for h in hits))
