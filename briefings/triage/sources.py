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
_HOSTNAME: Final = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)
SECOND_LEVEL: Final = frozenset({"co", "com", "org", "net", "ac", "gov"})  # "nvidia.co.uk"


def official_for(source: str, matcher: Matcher) -> tuple[str, ...]:
    """The companies whose own outlet `source` is; () for a news outlet."""
    if _HOSTNAME.fullmatch(source):
        return _domain_owner(source, matcher)
    hits = [h for h in matcher.find(source) if h.family == COMPANY]
    if not hits:
        return ()
    rest = source
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        rest = rest[: hit.start] + " " + rest[hit.end:]
    if any(w.lower() not in NEWSROOM_WORDS for w in _WORD.findall(rest)):
        return ()
    return tuple(dict.fromkeys(h.label for h in hits))


def _domain_owner(host: str, matcher: Matcher) -> tuple[str, ...]:
    """The company a web site belongs to, when its registered name is the company's
    ("openai.com", "blogs.nvidia.com", "aws.amazon.com"); a news site that only contains a
    name ("nvidia-news-today.com") is no newsroom."""
    labels = host.lower().split(".")
    name = labels[-3] if len(labels) > 2 and labels[-2] in SECOND_LEVEL else labels[-2]
    for spelled in (name, name.capitalize()):  # a case-sensitive name ("Anthropic") as written
        found = [h.label for h in matcher.find(spelled)
                 if h.family == COMPANY and h.start == 0 and h.end == len(name)]
        if found:
            return tuple(found)
    return ()
