"""Who the deal is between: companies named in the headline's main clause first, then chip owners,
the publishing newsroom and the lead sentences, until there is a buyer and a supplier; rivals
named in passing are left out and companies joined to a party ("Groq and Cerebras") added."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Final

from briefings.triage.matcher import Hit
from briefings.triage.parties import (
    LEAD_SENTENCES,
    PRODUCT_FAMILIES,
    Mention,
    actors_of,
    backers,
    examples_act,
    examples_start,
    explicit_names,
    main_clause_end,
    mentions,
    names_in,
    rivalry_start,
)
from briefings.triage.reading import TITLE, Reading
from briefings.triage.roles import Roster
from briefings.triage.vocab import CHIP, COMPANY, mask

# names listed together, the second perhaps placed or described by a word or two ("Y, and
# UK-based Z", "Y and the British firm Z", "Y and chipmaker Z"); folded text
_COORDINATED: Final = re.compile(
    r"(?:\)| \([\w.: ]{1,16}\))?"  # a ticker after the name: "Nvidia (NASDAQ: NVDA) and"
    r"(?:,? and(?: its)?|,| &) (?:[\w.]+-based |(?:the |a )?(?:[\w.]+ )?(?:firm|company|start-?up|"
    r"neocloud|chipmaker|chip designer|cloud provider|operator) )?")
COORDINATOR_REACH: Final = 40
JOINING: Final = mask(("deal", "final"))
PRODUCTS: Final = mask(PRODUCT_FAMILIES)
# what stands before a company passed over, folded: "picks X over Nvidia", "instead of AMD"
_PASSED_OVER: Final = re.compile(r" (?:over|instead of|rather than|in place of) $")
BRAND_GAPS: Final = frozenset({" ", "'s "})  # "AMD deal", "Nvidia's contract"
_ALSO: Final = re.compile(r"\balso\b")  # matched in the reading's folded text
_ESTABLISHED: Final = re.compile(r"\b(?:already|existing|long-standing|longstanding|has long|"
                                 r"have long)\b")  # folded


def pick_parties(reading: Reading, roster: Roster, official: Sequence[str]) -> tuple[str, ...]:
    """The deal's parties, widening the search only until a buyer and a supplier are found;
    then those joined to them in the lead ("Groq and Cerebras")."""
    chosen: list[str] = []
    stop = main_clause_end(reading)
    title = mentions(reading, TITLE, stop)  # read once for rivals and the first two rounds
    rivalry = min(stop, rivalry_start(reading))
    dropped = rivals(reading, roster, rivalry, title) | backers(reading, TITLE) | passed_over(
        reading)
    for names in _rounds(reading, roster, official, stop, title):
        for name in names:
            if name not in chosen and name not in dropped:
                chosen.append(name)
        if _paired(reading, roster, chosen, official):
            dealers = [n for n in chosen if roster.dealer(n)]
            dealers += co_parties(reading, roster, dealers, dropped)
            return tuple(name for _, name in sorted([(n.lower(), n) for n in dealers]))
    return ()


def _paired(reading: Reading, roster: Roster, chosen: list[str], official: Sequence[str]) -> bool:
    """A buyer and a supplier; a neocloud's maker must act somewhere in the lead (the actors
    are read only for such a pair, which is rare)."""
    if not roster.pairable(chosen):
        return False
    return roster.pairable(chosen, ()) or roster.pairable(chosen, actors(reading, official))


def _rounds(reading: Reading, roster: Roster, official: Sequence[str], stop: int,
            title: list[Mention]) -> Iterator[list[str]]:
    """Ever wider circles of names: the headline's main clause (actors, then brands, then chip
    owners and stock mentions), the whole headline, the publishing newsroom, the lead sentences
    (each one's actors before its brands and chip owners), and last the names a lead sentence
    gives as examples of the actors ("Chinese companies including X, Y and Z have ordered",
    not "customers including X"). `stop` ends the main clause, `title` holds its mentions."""
    yield actors_of(title)
    yield actors_of(title, brands=True)
    yield names_in(reading, roster, TITLE, stop)
    yield names_in(reading, roster, TITLE)
    yield list(official)
    lead = range(1, min(len(reading.spans), LEAD_SENTENCES + 1))
    for index in sorted(lead, key=lambda i: _established(reading, i)):
        stop = examples_start(reading, index)
        yield explicit_names(reading, index, stop)
        yield names_in(reading, roster, index, stop)
    for index in lead:  # with no pair yet, examples of actors act: "firms including X, Y"
        if examples_act(reading, index):
            yield names_in(reading, roster, index)


def _established(reading: Reading, index: int) -> bool:
    """Does a lead sentence tell what was already so ("Anthropic already uses the clouds of
    Amazon and Google. Now it is investing ... with Fluidstack")? Its names are read after the
    other lead sentences': the news is the new deal."""
    start, end = reading.spans[index]
    return _ESTABLISHED.search(reading.folded, start, end) is not None


def lead_end(reading: Reading) -> int:
    """Where the headline and the lead sentences (where a deal's parties are named) end: the
    index of the first sentence after them."""
    return min(len(reading.spans), LEAD_SENTENCES + 1)


def actors(reading: Reading, official: Sequence[str]) -> set[str]:
    """Companies that act in the headline or lead (not only a brand on hardware or a stock),
    and the publishing newsroom: only these can be a neocloud's counterparty."""
    found = set(official)
    for index in range(lead_end(reading)):
        found.update(explicit_names(reading, index, reading.spans[index][1]))
    return found


def rivals(reading: Reading, roster: Roster, stop: int, title: list[Mention]) -> set[str]:
    """Chip vendors the headline names beside another vendor's chips that a buyer is after
    ("Meta weighs Google TPUs over Nvidia", "Meta to use Google's chips in challenge to
    Nvidia"): the chips' owner is the supplier, not them. The headline's subject (its first
    name) is never a rival: it is the one speaking or acting. `stop` ends the headline's main
    clause, and `title` holds its mentions."""
    if not reading.has_any(TITLE, PRODUCTS):
        return set()
    hits = [h for h in reading.by_sentence[TITLE] if h.start < stop]
    owners = [roster.owner[h.label] for h in hits if h.family == CHIP]
    owners += [name for name, brand in title if brand]
    if not owners:
        return set()
    names = [h.label for h in hits if h.family == COMPANY]
    if not any(roster.buyer(n) and n not in owners for n in names):
        return set()
    dealt = {h.label for h in hits if h.family == COMPANY and _names_a_deal(reading, h, hits)}
    return {n for n in names[1:] if n != names[0] and n not in owners and n not in dealt
            and roster.rival(n)}


def passed_over(reading: Reading) -> set[str]:
    """Companies the headline says were not chosen ("SKT picks domestic NPU over Nvidia",
    "X goes with AMD instead of Nvidia") or names as the rivals it takes on ("... to take on
    AWS and Azure"): they are no party, whatever they are."""
    folded, title = reading.folded, reading.by_sentence[TITLE]
    rivalry = rivalry_start(reading)
    return {h.label for h in title if h.family == COMPANY and (h.start >= rivalry or (
        (found := _PASSED_OVER.search(folded, 0, h.start)) is not None
        and not _about(title, found.start())))}


def _about(title: list[Hit], at: int) -> bool:
    """Does "over" follow talks or a deal ("talks over Intel's fab", "a deal over AMD chips")?
    Then it says what they are about, not who lost out."""
    return any(h.end == at and h.family in ("talks", "deal", "contract") for h in title)


def _names_a_deal(reading: Reading, name: Hit, hits: list[Hit]) -> bool:
    """Is the name the one a deal word is about ("denies AMD deal report", "the Nvidia pact")?
    Then it is a side of a deal, not the vendor passed over."""
    return any(h.family == "contract" and reading.text[name.end:h.start] in BRAND_GAPS
               for h in hits if h.start >= name.end)


def co_parties(reading: Reading, roster: Roster, chosen: Iterable[str],
               dropped: set[str]) -> list[str]:
    """Dealers joined to a party by "and" or a comma, or named in a lead sentence that says
    they "also" take part in the deal; never a name given as an example ("a cloud whose
    clients include X and Y")."""
    parties = set(chosen)
    lead = lead_end(reading)
    named = [h for h in reading.family(COMPANY) if h.sentence < lead
             and (h.sentence == TITLE or h.start < examples_start(reading, h.sentence))]
    found: list[str] = []
    for left, right in pairwise(named):
        if _coordinated(reading, left, right):
            if left.label in parties:
                found.append(right.label)
            elif right.label in parties:
                found.append(left.label)
    also = {i for i in {h.sentence for h in named} if i and _also_joins(reading, i)}
    found += [h.label for h in named if h.sentence in also]
    joined = dict.fromkeys(name for name in found if name not in parties
                           and name not in dropped and roster.dealer(name))
    return list(joined)


def _coordinated(reading: Reading, left: Hit, right: Hit) -> bool:
    """Are two names of one sentence listed together ("Groq and Cerebras", "X, Y and Z", "X
    and Abu Dhabi-based Y")?"""
    return (left.sentence == right.sentence and right.start - left.end <= COORDINATOR_REACH
            and _COORDINATED.fullmatch(reading.folded, left.end, right.start) is not None)


def _also_joins(reading: Reading, index: int) -> bool:
    if not reading.has_any(index, JOINING):
        return False
    start, end = reading.spans[index]
    if "lso" not in reading.text[start:end]:  # a plain substring test rules out most sentences
        return False
    return _ALSO.search(reading.folded, start, end) is not None
