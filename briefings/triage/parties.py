"""Reading company names in a sentence: as actors, as brands on hardware ("Nvidia GPUs"), as
stocks that moved, or as chip owners; and where the headline's main clause ends."""

from __future__ import annotations

import re
from typing import Final

from briefings.triage.matcher import Hit
from briefings.triage.reading import TITLE, Reading
from briefings.triage.roles import Roster
from briefings.triage.vocab import CHIP, COMPANY

LEAD_SENTENCES: Final = 3
# plural nouns for the ones acting: examples of them are actors ("tech giants such as X and Y")
OPENING_WORDS: Final = 2  # "Exclusive: Nvidia ..." still opens on Nvidia
ACTOR_NOUNS: Final = frozenset({"companies", "firms", "giants", "groups", "players", "labs",
                                "startups", "hyperscalers", "operators", "buyers"})
BRAND_JOINERS: Final = frozenset({" ", "'s ", "-made ", "-designed ", "-powered ", "-based "})
BRAND_REACH: Final = max(map(len, BRAND_JOINERS))
BACKED: Final = ("-backed ", " backed ", "-funded ")  # folded: "Nvidia-backed Nscale"
PRODUCT_FAMILIES: Final = frozenset({CHIP, "compute", "hardware"})
# where a headline turns to the rivals its news is aimed at (folded)
_RIVALRY: Final = re.compile(r"\b(?:to take on|takes on|taking on|to rival|to challenge|"
                             r"challenging|to compete with|competing with|in challenge to)\b")
_MARKET: Final = re.compile(
    r"(?:'s)? (?:stock|shares|share price|market value|market cap|investors)\b")
# where a headline's main clause ends: a second clause, an outlet, or the source it cites
# ("..., sources say", "..., filing shows", "..., documents show")
_SIDE_CLAUSE: Final = re.compile(
    r";| - |, (?:says|say|said)\b|\||, (?:[\w-]+ ){0,3}(?i:shows?|showed)$"
    r"|: (?i:what|why|how|here's|here is)\b")
# what a deal means for someone outside it ("Why X's Y order matters for Nvidia"): the one it
# matters for is no side of the deal, and no sign of a round-up
_IMPACT_FOR: Final = re.compile(r" (?:matters?|means?|could mean|is (?:good|bad) news|spells "
                                r"[\w-]+) (?:for|to) ")  # folded
# How each _SIDE_CLAUSE alternative starts: str.find skips to them, where the regex engine
# would try every offset.
_SIDE_MARKS: Final = (";", " - ", ", ", "|", ": ")
# How a _MARKET match starts: testing two characters is faster than trying the pattern.
_MARKET_STARTS: Final = frozenset({" s", " m", " i", "'s"})
Mention = tuple[str, bool]  # a company named as an actor or as a brand (True)


def main_clause_end(reading: Reading) -> int:
    """Where the headline's main clause ends (before '; ...', ' - Outlet', ', sources say',
    ': what it means', ' matters for Nvidia')."""
    if reading.stop < 0:
        title = reading.sentence(TITLE)
        end = len(title)
        for mark in _SIDE_MARKS:  # what _SIDE_CLAUSE.search finds, trying it only at its marks
            at = title.find(mark)
            while 0 <= at < end and _SIDE_CLAUSE.match(title, at) is None:
                at = title.find(mark, at + 1)
            if 0 <= at < end:
                end = at
        impact = _IMPACT_FOR.search(reading.folded, 0, end)
        reading.stop = impact.start() if impact else end  # the headline starts the text
    return reading.stop


def names_in(reading: Reading, roster: Roster, index: int, stop: int | None = None,
             families: tuple[str, ...] = (COMPANY, CHIP)) -> list[str]:
    """Companies named in sentence `index` (before offset `stop`), chip owners included."""
    found: list[str] = []
    for hit in reading.by_sentence[index]:
        if stop is not None and hit.start >= stop:
            break
        if hit.family in families:
            name = hit.label if hit.family == COMPANY else roster.owner[hit.label]
            if name not in found:
                found.append(name)
    return found


def backers(reading: Reading, index: int) -> set[str]:
    """Companies named in sentence `index` only as a backer of another ("Nvidia-backed
    Nscale"): an investor in a party, not a party to its deal."""
    text = reading.folded
    return {h.label for h in reading.by_sentence[index]
            if h.family == COMPANY and text.startswith(BACKED, h.end)}


def mentions(reading: Reading, index: int, stop: int) -> list[Mention]:
    """Companies named in sentence `index` before offset `stop`, each with whether it is named as
    a brand on hardware ("Nvidia GPUs", "AMD's chips"); a stock that moved on the news ("Nvidia
    shares fall after report Meta may use TPUs") is no mention."""
    hits = reading.by_sentence[index]
    found: list[Mention] = []
    for position, hit in enumerate(hits):
        if hit.start >= stop:
            break
        backer = reading.folded.startswith(BACKED, hit.end)
        if hit.family == COMPANY and not backer and not _market(reading.text, hit):
            found.append((hit.label, _brand(reading.text, hit, hits, position + 1)))
    return found


def actors_of(found: list[Mention], brands: bool = False) -> list[str]:
    """The companies that act among `found` (brands too when `brands`), once each."""
    names: list[str] = []
    for name, brand in found:
        if (brands or not brand) and name not in names:
            names.append(name)
    return names


def explicit_names(reading: Reading, index: int, stop: int, brands: bool = False) -> list[str]:
    """Companies named as actors: not as a stock that moved on the news and, unless `brands`,
    not as a brand on hardware."""
    return actors_of(mentions(reading, index, stop), brands)


def _brand(text: str, name: Hit, hits: list[Hit], following: int) -> bool:
    """Is the name directly followed (in `hits`, from index `following` on) by a product word,
    as in "Nvidia GPUs" or "AMD's chips"?"""
    for position in range(following, len(hits)):  # no slice: no copy of the list
        hit = hits[position]
        if hit.start > name.end + BRAND_REACH:
            return False
        if hit.family in PRODUCT_FAMILIES and text[name.end:hit.start] in BRAND_JOINERS:
            return True
    return False


def _market(text: str, name: Hit) -> bool:
    """Is the name the subject of a market move ("Nvidia stock falls", "Oracle's shares")?"""
    return text[name.end:name.end + 2] in _MARKET_STARTS and _MARKET.match(
        text, name.end) is not None


def rivalry_start(reading: Reading) -> int:
    """Where the headline turns to the rivals its news is aimed at ("Mistral launches a cloud
    built with Nvidia to take on AWS, Azure and Google"), else its end: names after that are
    neither parties nor a round-up's list."""
    end = reading.spans[TITLE][1]
    found = _RIVALRY.search(reading.folded, 0, end)
    return found.start() if found else end


def examples_start(reading: Reading, index: int) -> int:
    """Where a list of examples starts in sentence `index` ("customers including Meta and
    OpenAI"): names after it illustrate a total, they are not a deal's parties."""
    if not reading.has(index, "example"):
        return reading.spans[index][1]
    return next(h.start for h in reading.by_sentence[index] if h.family == "example")


def examples_act(reading: Reading, index: int) -> bool:
    """Are sentence `index`'s examples the actors themselves ("Chinese firms including X and Y
    placed orders"), not a supplier's customers or partners listed as a total? Only in a story
    whose headline does not open on a company of its own ("Chinese tech giants ordered ...", not
    "Nvidia unveils ...; AI companies including X are expected to ...")."""
    start = examples_start(reading, index)
    if start >= reading.spans[index][1] or _opens_on_company(reading):
        return False
    words = reading.folded[reading.spans[index][0]:start].split()
    return bool(words) and words[-1].strip(",") in ACTOR_NOUNS


def _opens_on_company(reading: Reading) -> bool:
    """Does the headline open on a company as its actor? A brand before its chip ("Nvidia H20
    orders from Chinese firms") opens on a product."""
    title = reading.by_sentence[TITLE]
    first = next((i for i, h in enumerate(title) if h.family == COMPANY), None)
    if first is None or len(reading.text[:title[first].start].split()) >= OPENING_WORDS:
        return False
    after = title[first + 1] if first + 1 < len(title) else None
    return not (after is not None and after.family == CHIP
                and reading.text[title[first].end:after.start] in ("", " ", "'s "))
