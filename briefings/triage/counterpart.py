"""Unwatched counterparts: a company the watch list does not know, named by a deal's own
construction beside a watched one ("OpenAI signs deal with Acme Cloud", "Acme lands contract
from Anthropic", "Acme and Nvidia sign pact", "Meta taps Acme for GPUs").

Only the headline and the lead sentences are read, and only where a deal cue links the name to a
watched company that can deal. A name is a run of capitalised words that holds no watched name
or cue word (save a company word at its end: "Acme Cloud"), is no ordinary word capitalised by
its place (a headline's Title Case, a sentence's first word) and no place, month, outlet or
title (those words, and the deal verbs the rules tell apart, are the watch list's
`[counterparts]`). The counterpart takes the side the watched company lacks, so the rest of
the triage (gates, status, grouping) reads it as one more company hit. Missing a counterpart is
cheaper than inventing one: every rule is strict, and any doubt drops the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import takewhile
from typing import Final

from briefings.config import CounterpartConfig
from briefings.triage.kinds import WEAK_COMPUTE
from briefings.triage.matcher import Hit
from briefings.triage.parties import LEAD_SENTENCES
from briefings.triage.reading import TITLE, Reading, title_cased
from briefings.triage.roles import BUYERS, SUPPLIERS, Roster
from briefings.triage.vocab import CHIP, COMPANY, mask

DEAL_LINKS: Final = mask(("deal", "final", "contract", "talks"))
STRONG_COMPUTE: Final = mask((CHIP, "compute"))
ANY_COMPUTE: Final = mask((CHIP, "compute", "hardware", "inference", "training"))
COMPONENTS: Final = frozenset({"foundry", "memory"})
DEALING: Final = (BUYERS | SUPPLIERS) - COMPONENTS
# cues that may stand between a subject and its deal verb ("OpenAI reportedly signs", "Cohere
# denies it agreed", "Acme announces agreement with"); any other word of the vocabulary
# ("says", "shares") starts another clause
PASSABLE: Final = mask(("source", "deny", "negation", "maybe", "hedge", "confirm"))
# what a deal is for, between its owner and its noun ("Toyota's new GPU deal")
DEAL_OBJECTS: Final = mask(("compute", "hardware", CHIP))
# cue families whose capitalised word, run on from a name, names its trade ("Xcel Energy")
NAMES_OTHER_TRADE: Final = frozenset({"exclude", "off_topic"})
_DESCRIPTOR: Final = re.compile(r"[A-Z][\w.]*-[a-z]+")  # "UK-based", "Saudi-backed"
_JOINED_BEFORE: Final = (" and ", " & ")  # folded: "Snowflake and Anthropic expand ..."
# The side a counterpart takes when the watched company is on both (a cloud): named after
# "from" or chosen ("taps"), it supplies; after "to", it buys.
SUPPLIER_ROLES: Final = frozenset({"neocloud"})
BUYER_ROLES: Final = frozenset({"ai-lab"})
STATE_ROLES: Final = frozenset({"sovereign"})  # a government buying national AI compute
NAME_WORDS: Final = 4  # "Scala Data Centers Group" at most, before legal suffixes
GAP_WORDS: Final = 6  # words between a deal cue and the preposition naming the other side
SUBJECT_WORDS: Final = 3  # words besides compute ones between a subject and its deal verb
# a run of capitalised words (digits, &, dots and hyphens inside: "Hut 8", "AT&T", "G-Core")
_NAME: Final = re.compile(r"[A-Z][\w&.-]*(?: (?:[A-Z\d][\w&.-]*|&(?= [A-Z])))*")
# between a sentence's subject and its deal verb: "OpenAI's", "Nvidia is set to", no clause
_SUBJECT_GAP: Final = re.compile(r"(?:'s)?(?: [^ ,;:|]+){0,3} ")  # folded
_PREPOSITION: Final = re.compile(r" (?:with|from|to) ")  # folded
_CLAUSE_BREAK: Final = re.compile(r", |[;:|]| - ")
_AND: Final = " and "
_OWNED: Final = re.compile(r"(?:'s)?(?: [\w-]+)? ")  # folded: "Nvidia GPUs", "AMD's new chips"
# what says a choice is for AI: the word itself, a purpose, or compute no other work buys
AI_PURPOSE: Final = frozenset({"ai", "inference", "training"})
AI_COMPUTE: Final = frozenset({"gpu", "gpus", "tpu", "tpus", "ai chip", "ai chips", "ai hardware",
                               "ai processors", "ai factory", "ai factories"})
_OWNER_GAP: Final = re.compile(r"'s (?:[^\sA-Z][^\s]* |[A-Z]+ ){0,3}")  # "'s new GPU "
# what a name is, written before it: "defense AI start-up Helsing", "Korean Chip Firm Acme"
_DESCRIPTOR_BEFORE: Final = re.compile(
    r"(?:[\w&.'-]+ ){0,3}?(?i:start-?ups?|firm|lab|developer|maker|operator|provider|"
    r"specialist|venture|neocloud|company|miner|group) (?=[A-Z])")
# between a country and its verb, folded: "Poland to buy", "Poland's government selects",
# "Indonesia's sovereign AI venture signs"
_GOVERNMENT: Final = re.compile(
    r"(?:'s)?(?: government| (?:national|sovereign|state)\b[\w -]{0,40}?\b(?:programme|program|"
    r"mission|venture|initiative|agency|fund))? (?:is |in )?")
_WITH: Final = re.compile(" with ")  # folded
_BY: Final = " by "  # folded: "selected by Acme"
_CHOSEN_FOR: Final = (" for ", " to ", " as ")  # folded: "taps Acme for GPUs"


@dataclass(frozen=True, slots=True)
class Counterpart:
    """An unwatched company named as a deal's other side: `name` as written, less "Inc."-style
    suffixes; `roles` the side it takes; `hits` a company hit at each place the story writes
    the name, so that status and co-party rules read it as they read a watched name."""

    name: str
    roles: frozenset[str]
    hits: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence of the headline or lead, as the rules read it."""

    reading: Reading
    roster: Roster
    index: int
    hits: list[Hit]
    starts: dict[int, Hit]  # the sentence's hits by where they start
    title_case: bool
    strong: bool  # the headline or lead names AI compute, not only "chips" or "cloud"
    words: CounterpartConfig  # the watch list's [counterparts] words

    def watched(self, hit: Hit) -> bool:
        """A watched company that can deal, and not only a maker of components (a foundry or a
        memory maker): an unknown buyer of wafers or HBM designs chips, it buys no compute."""
        return hit.family == COMPANY and self.roster.has_role(hit.label, DEALING)


Rule = Callable[[_Sentence], Counterpart | None]


def find(reading: Reading, roster: Roster, words: CounterpartConfig) -> Counterpart | None:
    """The first counterpart a rule finds in the headline or a lead sentence, if any, in a
    story whose headline or lead names AI compute; `words` are the watch list's."""
    lead = range(min(len(reading.spans), LEAD_SENTENCES + 1))
    if not any(reading.has_any(index, ANY_COMPUTE) for index in lead):
        return None
    strong = any(_names_compute(reading, index) for index in lead)
    title_case = title_cased(reading.sentence(TITLE))
    for index in lead:
        if not reading.has_any(index, DEAL_LINKS) or not reading.has(index, COMPANY):
            continue
        hits = reading.by_sentence[index]
        sentence = _Sentence(reading, roster, index, hits, {h.start: h for h in hits},
                             title_case and index == TITLE, strong, words)
        for rule in RULES:
            found = rule(sentence)
            if found is not None:
                return found
    return None


def _names_compute(reading: Reading, index: int) -> bool:
    """Does sentence `index` name AI compute: a chip, GPUs, capacity, a data center, not only
    "chips" or "cloud"?"""
    if not reading.has_any(index, STRONG_COMPUTE):
        return False
    return any(h.family == CHIP or (h.family == "compute" and h.label not in WEAK_COMPUTE)
               for h in reading.by_sentence[index])


def named_after_deal(s: _Sentence) -> Counterpart | None:
    """"<watched> <deal cue> ... with/from/to <Name>": the watched company acts, and the
    preposition after its deal names the other side ("OpenAI signs $10 billion compute deal
    with Acme Cloud", "Nvidia to ship 18,000 chips to Acme"). The first preposition before a
    capital decides: one naming no company ("with Saudi Arabia") drops the sentence."""
    text, folded = s.reading.text, s.reading.folded
    end = s.reading.spans[s.index][1]
    for position, subject in enumerate(s.hits):
        if not s.watched(subject) or folded.endswith(_JOINED_BEFORE, 0, subject.start):
            continue  # a joint subject ("X and OpenAI sign") is joined_in_signing's
        cue = _deal_after(s, position, subject.end)
        if cue is None:
            continue
        for link in _PREPOSITION.finditer(folded, cue.end, end):
            if not _within_reach(s, cue.end, link.start()):
                break
            at = _past_descriptor(text, link.end())
            if not text[at:at + 1].isupper():
                continue
            if link.group() == " to " and cue.label not in s.words.supplying:
                break
            if at in s.starts and s.starts[at].family not in (COMPANY, CHIP):
                continue  # a cue word in Title Case ("Deal To Buy Chips From Acme")
            span = _name(s, at)
            if span is None:
                break
            role = _side(s, subject.label, link.group().strip())
            return _counterpart(s, span, role)
    return None


def names_watched_after_deal(s: _Sentence) -> Counterpart | None:
    """"<Name> <deal cue> ... with/from/to <watched>": the sentence opens on the unknown
    company, whose deal names a watched one ("Acme Compute lands multi-year GPU contract from
    Anthropic", "Acme signs deal to supply chips to Meta"); "to" names one only after a
    supplying verb ("completes move of its banking to Azure" supplies nothing)."""
    span = _opening_name(s)
    if span is None:
        return None
    cue = _deal_after(s, _next_hit(s, span[1]), span[1])
    if cue is None:
        return None
    text, folded = s.reading.text, s.reading.folded
    for link in _PREPOSITION.finditer(folded, cue.end, s.reading.spans[s.index][1]):
        if not _within_reach(s, cue.end, link.start()):
            return None
        if link.group() == " to " and not any(h.label in s.words.supplying for h in s.hits
                                              if cue.start <= h.start < link.start()):
            continue  # "completes move of its banking to Azure": "to" names a supplied one only
        other = s.starts.get(link.end())
        if other is not None and other.family == COMPANY:
            return _counterpart(s, span, _side(s, other.label, _reverse(
                link.group()))) if s.watched(other) else None
        if text[link.end():link.end() + 1].isupper() and other is None:
            return None  # the deal names someone else first
    return None


def joined_in_signing(s: _Sentence) -> Counterpart | None:
    """"<Name> and <watched> sign ..." or "<watched> and <Name> ink ...": the two are the
    subject of one signing verb ("Acme and OpenAI sign data center pact", "Nvidia and Acme
    strike chip supply deal")."""
    text, folded = s.reading.text, s.reading.folded
    opening = _opening_name(s)
    if opening is not None and folded.startswith(_AND, opening[1]):
        other = s.starts.get(opening[1] + len(_AND))
        if other is not None and s.watched(other) and _signs_after(s, other.end):
            return _counterpart(s, opening, _side(s, other.label, "with"))
    for hit in s.hits:
        if not s.watched(hit) or not folded.startswith(_AND, hit.end):
            continue
        at = hit.end + len(_AND)
        if not text[at:at + 1].isupper() or at in s.starts:
            continue
        span = _name(s, at)
        if span is not None and _signs_after(s, span[1]):
            return _counterpart(s, span, _side(s, hit.label, "with"))
    return None


def chosen(s: _Sentence) -> Counterpart | None:
    """"<watched> taps/picks/selects <Name> for ...": a buyer choosing a named supplier
    ("Meta taps Acme for AI servers", "xAI selects Acme as its cloud partner")."""
    text, folded = s.reading.text, s.reading.folded
    for position, subject in enumerate(s.hits):
        if not s.watched(subject):
            continue
        cue = _deal_after(s, position, subject.end)
        if cue is None or cue.label not in s.words.choosing or text[cue.end:cue.end + 1] != " ":
            continue
        at = cue.end + 1
        span = _name(s, at) if text[at:at + 1].isupper() and at not in s.starts else None
        if span is not None and folded.startswith(_CHOSEN_FOR, span[1]):
            return _counterpart(s, span, _side(s, subject.label, "from"))
    return None


def takes_watched_compute(s: _Sentence) -> Counterpart | None:
    """"<Name> buys/rents/picks <watched supplier's compute>": the sentence opens on an unknown
    buyer whose verb takes a watched supplier's compute as its object, with no preposition
    naming the seller ("Acme Motors to buy 40,000 Nvidia Blackwell chips", "Acme Bank orders AMD
    accelerators", "Acme Telecom selects Nscale to power its AI cloud"). The object must be
    compute: a chip the watch list knows, or a watched supplier followed by compute words
    ("Nvidia GPUs"); a pure supplier chosen for AI is one too. "buys Nvidia shares" or "picks
    Microsoft for its office software" is no purchase of compute."""
    span = _opening_name(s)
    if span is None:
        return None
    cue = _deal_after(s, _next_hit(s, span[1]), span[1])
    words = s.words
    if cue is None or cue.label not in words.buying | words.choosing:
        return None
    return _counterpart(s, span, BUYER_ROLES) if _takes_compute(s, cue) else None


def state_buys_compute(s: _Sentence) -> Counterpart | None:
    """"<Country> to buy/selects <watched supplier's compute>", or signs or talks with a watched
    supplier: a government buying national AI compute ("Poland to buy 8,000 Nvidia GPUs",
    "Kenya signs AI factory deal with Cassava", "Indonesia's sovereign AI venture in talks with
    Nvidia"); its party is "Government of <Country>". Only a country written right before the
    verb (or its government, or its national programme) counts: "Chinese firms buy Nvidia
    chips" are companies, and a government that bans, probes or licenses buys nothing."""
    text, at = s.reading.text, s.reading.spans[s.index][0]
    run = _NAME.match(text, at, s.reading.spans[s.index][1])
    if run is None or at in s.starts:
        return None
    words = run.group().split()
    country = " ".join(takewhile(lambda w: w in s.words.places, words))
    if not country:
        return None
    government = _GOVERNMENT.match(s.reading.folded, at + len(country))
    cue = next((h for h in s.hits if government and h.start >= government.end()), None)
    if government is None or cue is None or cue.start != government.end():
        return None
    if cue.label in s.words.buying | s.words.choosing:
        bought = _takes_compute(s, cue)
    else:
        bought = cue.family in DEAL_LINKS and cue.label not in s.words.not_supply and (
            _with_supplier(s, cue))
    if not bought:
        return None
    name = f"Government of {country}"
    return Counterpart(name, STATE_ROLES, tuple(Hit(m.start(), m.end(), COMPANY, name)
                                                for m in _mentions(text, country)))


def _with_supplier(s: _Sentence, cue: Hit) -> bool:
    """Does "with" name a watched supplier a few words after the deal cue ("signs deal for an
    AI factory with pan-African group Cassava"), in a story that names AI compute?"""
    link = _WITH.search(s.reading.folded, cue.end, s.reading.spans[s.index][1])
    if link is None or not _within_reach(s, cue.end, link.start()):
        return False
    other = s.starts.get(_past_descriptor(s.reading.text, link.end()))
    return bool(other and s.watched(other) and s.roster.has_role(other.label, SUPPLIERS)
                and s.strong)


def _takes_compute(s: _Sentence, cue: Hit) -> bool:
    """Is the object of a buying or choosing `cue` a watched supplier's compute: a chip the
    watch list knows, a watched supplier followed by compute words ("Nvidia GPUs"), or one
    chosen for AI ("picks Google Cloud for its AI agents", not "for its office software")?"""
    after = [h for h in s.hits if h.start >= cue.end]
    if not after or not _within_reach(s, cue.end, after[0].start):
        return False
    # the chip when one starts where the object does ("Nvidia Blackwell" over "Nvidia")
    taken = next((h for h in after if h.start == after[0].start and h.family == CHIP), after[0])
    roster = s.roster
    if taken.family == CHIP:
        return roster.has_role(roster.owner.get(taken.label, ""), SUPPLIERS)
    if taken.family != COMPANY or not s.watched(taken) or not roster.has_role(taken.label,
                                                                              SUPPLIERS):
        return False
    chosen_for_ai = cue.label in s.words.choosing and _for_ai(s)
    return chosen_for_ai or _compute_follows(s, after[1:], taken.end)


def _for_ai(s: _Sentence) -> bool:
    """Does the sentence itself say the choice is for AI ("to power its AI cloud", "for GPU
    capacity", "for inference")? A lab that picks a vendor for its next supercomputer, or a
    firm that picks a cloud for its servers, buys no AI compute."""
    return any(h.family in AI_PURPOSE or (h.family == "compute" and h.label in AI_COMPUTE)
               for h in s.hits)


def _compute_follows(s: _Sentence, hits: list[Hit], end: int) -> bool:
    """Does AI compute ("GPUs", "accelerators", a chip) come right after offset `end`, or a
    word on ("Nvidia's latest GPUs")? "Nvidia shares after GPU sales" is no compute bought."""
    first = next((h for h in hits if h.start >= end), None)
    return first is not None and first.family in STRONG_COMPUTE and _OWNED.fullmatch(
        s.reading.folded, end, first.start) is not None and _names_compute(s.reading, s.index)


def chosen_by(s: _Sentence) -> Counterpart | None:
    """"<watched supplier> selected/tapped by <Name> to ...": the passive of a buyer's choice
    ("Nscale selected by Acme Bank to power its AI cluster"), for AI, of a supplier that is no
    buyer itself (a cloud chosen by a bank may be for its ledgers)."""
    text, folded = s.reading.text, s.reading.folded
    for position, subject in enumerate(s.hits):
        if not s.watched(subject) or s.roster.has_role(subject.label, BUYERS):
            continue
        cue = _deal_after(s, position, subject.end)
        if cue is None or cue.label not in s.words.choosing or not folded.startswith(
                _BY, cue.end):
            continue
        at = cue.end + len(_BY)
        span = _name(s, at) if text[at:at + 1].isupper() and at not in s.starts else None
        if span is not None and _for_ai(s):
            return _counterpart(s, span, BUYER_ROLES)
    return None


RULES: Final[tuple[Rule, ...]] = (named_after_deal, names_watched_after_deal,
                                  joined_in_signing, chosen, chosen_by,
                                  takes_watched_compute, state_buys_compute)


def _deal_after(s: _Sentence, position: int, end: int) -> Hit | None:
    """The deal cue right after a subject ending at `end` (the hit at `position` or later),
    with at most a few words between, not counting what the deal is for, and no clause break
    ("OpenAI's $10 billion deal", "Nvidia is set to ship", "Acme announces multi-year GPU
    capacity agreement")."""
    folded, objects = s.reading.folded, 0
    for hit in s.hits[position:]:
        if hit.start < end or hit.family in PASSABLE:
            continue
        if hit.family in DEAL_OBJECTS:
            objects += len(hit.label.split())  # "GPU Capacity" tells what, not who
            continue
        if hit.family not in DEAL_LINKS or hit.label in s.words.not_supply:
            return None
        gap = _SUBJECT_GAP.fullmatch(folded, end, hit.start)
        near = gap is not None or (objects and len(folded[end:hit.start].split()) - objects
                                   <= SUBJECT_WORDS)
        return hit if near and not _CLAUSE_BREAK.search(s.reading.text, end, hit.start) else None
    return None


def _signs_after(s: _Sentence, end: int) -> bool:
    """Does a signing verb follow the joint subject ending at `end` ("... sign", "... to ink"),
    or an announcing one whose object is an agreement ("... announce multi-year AI
    infrastructure agreement"; announcing alone is as often a product or results)?"""
    following = [h for h in s.hits if h.start > end]
    verb = following[0] if following else None
    if verb is None or s.reading.folded[end:verb.start] not in (" ", " to ", " will "):
        return False
    if verb.label in s.words.signing:
        return True
    return verb.label in s.words.announcing and any(
        h.family == "contract" and _within_reach(s, verb.end, h.start) for h in following[1:])


def _within_reach(s: _Sentence, start: int, end: int) -> bool:
    """Are offsets `start` and `end` a few words apart in one clause, as a deal cue and the
    words that name its other side or its object must be?"""
    return not _CLAUSE_BREAK.search(s.reading.text, start, end) and len(
        s.reading.folded[start:end].split()) <= GAP_WORDS


def _mentions(text: str, name: str) -> Iterator[re.Match[str]]:
    """Every place the story writes `name` as a whole word."""
    return re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)


def _next_hit(s: _Sentence, end: int) -> int:
    return next((i for i, h in enumerate(s.hits) if h.start >= end), len(s.hits))


def _opening_name(s: _Sentence) -> tuple[int, int] | None:
    """The name the sentence opens on, if it opens on one the watch list does not know, past
    a descriptor ("State AI venture VinaAI taps ...")."""
    at = _past_descriptor(s.reading.text, s.reading.spans[s.index][0])
    if not s.reading.text[at:at + 1].isupper() or at in s.starts:
        return None
    return _name(s, at, opening=True)


def _name(s: _Sentence, at: int, opening: bool = False) -> tuple[int, int] | None:
    """The span of the company name written at offset `at`, or None when the capitalised words
    there are not one: a watched name, a cue word, an ordinary word capitalised by its place
    (Title Case, a sentence's first word), or a place, month, outlet or title."""
    text, vocabulary = s.reading.text, s.words
    match = _NAME.match(text, at, s.reading.spans[s.index][1])
    if match is None:
        return None
    words: list[tuple[int, int]] = []
    for word in re.finditer(r"\S+", match.group()):
        start, end = at + word.start(), at + word.end()
        written = text[start:end].rstrip(".")
        hit = s.starts.get(start)
        if hit is not None and hit.family in (COMPANY, CHIP):
            return None  # a watched name, or one inside it
        if words and written in vocabulary.function_words:
            break  # a Title Case headline runs on into its next words
        if words and hit is not None and written not in vocabulary.company_words:
            if hit.family in NAMES_OTHER_TRADE:
                return None  # "Xcel Energy", "Acme Mobile": a company in another trade
            if s.title_case and not opening and hit.label not in _joint_verbs(vocabulary):
                return None  # "With Record Inference Speed": no name ends on a cue word
            break  # "Acme Compute Lands ...": the opening name ends at its verb
        if not words and _DESCRIPTOR.fullmatch(written):
            continue  # "Saudi-backed Humain", "UK-based Acme": the name follows
        if not words and (hit is not None or written in vocabulary.not_party):
            return None
        words.append((start, start + len(written)))
    while words and text[words[-1][0]:words[-1][1]] in vocabulary.legal_suffixes:
        words.pop()
    if not words or len(words) > NAME_WORDS:
        return None
    spelt = [text[a:b] for a, b in words]
    company, places = vocabulary.company_words, vocabulary.places
    if all(w in company or w in vocabulary.not_party or w in places for w in spelt):
        return None
    if spelt[0] in places:
        words = _after_places(text, words, vocabulary)
        if not words:
            return None
        spelt = [text[a:b] for a, b in words]
    checked = spelt if s.title_case else spelt[:1] if opening else []
    if any(w not in company and _ordinary(text, w) for w in checked):
        return None
    span = words[0][0], words[-1][1]
    if text.startswith("'s", span[1]) and not _owns_deal(s, span[1]):
        return None  # "Musk's xAI signs", "with Ive's start-up": the party is what it owns
    if s.index == TITLE and not _recurs(s.reading, text[span[0]:span[1]]):
        return None
    return span


def _after_places(text: str, words: list[tuple[int, int]],
                  vocabulary: CounterpartConfig) -> list[tuple[int, int]]:
    """The name after the place words it opens on ("Saudi Varnex" is Varnex) when the story
    also writes the rest without them ("Varnex, a Saudi developer"); else the whole run, kept
    only when it ends on a company word ("Saudi Data Centers"): "Texas Instruments" or "South
    Korea" is no place plus a name."""
    spelt = [text[a:b] for a, b in words]
    cut = next((i for i, w in enumerate(spelt) if w not in vocabulary.places), len(spelt))
    rest = words[cut:]
    if any(w not in vocabulary.company_words for w in spelt[cut:]) and _written_alone(
            text, rest[0], spelt[cut - 1]):
        return rest
    return words if spelt[-1] in vocabulary.company_words else []


def _written_alone(text: str, span: tuple[int, int], place: str) -> bool:
    """Is the name at `span` written elsewhere in the story, not after `place`?"""
    name = text[span[0]:span[1]]
    return any(m.start() != span[0] and not text[:m.start()].rstrip().endswith(place)
               for m in _mentions(text, name))


def _owns_deal(s: _Sentence, end: int) -> bool:
    """Is what the name owns a deal ("Toyota's new GPU deal with Lambda", "Acme's $2 billion
    order")? Then the owner is the party, as a company it owns would be ("Musk's xAI")."""
    deal = next((h for h in s.hits if h.start > end and h.family in DEAL_LINKS), None)
    return deal is not None and _OWNER_GAP.fullmatch(s.reading.text, end, deal.start) is not None


def _past_descriptor(text: str, at: int) -> int:
    """Where the name starts after a descriptor that introduces it ("with defense AI start-up
    Helsing", "With Korean Chip Firm Acme"), else `at`."""
    described = _DESCRIPTOR_BEFORE.match(text, at)
    return described.end() if described else at


def _joint_verbs(vocabulary: CounterpartConfig) -> frozenset[str]:
    """The verbs a joint subject's name may run into in Title Case ("Acme Group Announce")."""
    return vocabulary.signing | vocabulary.announcing


def _recurs(reading: Reading, name: str) -> bool:
    """Does a headline's name recur as written in the body? Headlines capitalise freely ("AMD
    Potentially Partnering", "with Zettascale MI500 Clusters"); a real name recurs. A story
    with no body offers that proof only for a headline in sentence case, whose capitals mean
    what they say."""
    end = reading.spans[TITLE][1]
    if end >= len(reading.text):
        return not title_cased(reading.text)
    return reading.text.find(name, end) >= 0


def _ordinary(text: str, word: str) -> bool:
    """Does the story also write `word` in lower case ("Startup Acme" / "the startup")? Then
    its capital is the headline's or the sentence's, not a name's."""
    lower = word.lower()
    return lower != word and re.search(rf"(?<![\w.-]){re.escape(lower)}(?![\w-])", text) is not None


def _side(s: _Sentence, watched: str, preposition: str) -> frozenset[str] | None:
    """The roles the counterpart takes: the side the watched company lacks; for one on both
    sides (a cloud), the side the preposition gives ("buys from Acme", "ships to Acme").
    An AI lab's unknown supplier sells it compute, whatever the words ("chips", "inference");
    a supplier's unknown partner is as often a device, car or enterprise-cloud customer ("AMD
    to supply chips to a console maker", "Google signs cloud deal with a bank"), so it takes a
    side only when the story names AI compute (None: no side)."""
    roster = s.roster
    buyer, supplier = roster.has_role(watched, BUYERS), roster.has_role(watched, SUPPLIERS)
    if buyer and not supplier:
        return SUPPLIER_ROLES
    if not s.strong:
        return None
    if supplier and not buyer:
        return BUYER_ROLES
    return BUYER_ROLES if preposition == "to" else SUPPLIER_ROLES


def _reverse(preposition: str) -> str:
    """The preposition seen from the other side: "Acme sells to X" makes X the buyer."""
    word = preposition.strip()
    return {"to": "from", "from": "to"}.get(word, word)


def _counterpart(s: _Sentence, span: tuple[int, int],
                 roles: frozenset[str] | None) -> Counterpart | None:
    if roles is None:
        return None
    name = _short_name(s.reading.text, s.reading.text[span[0]:span[1]], s.words)
    return Counterpart(name, roles, tuple(Hit(m.start(), m.end(), COMPANY, name)
                                          for m in _mentions(s.reading.text, name)))


def _short_name(text: str, name: str, vocabulary: CounterpartConfig) -> str:
    """The name's first word when the story also writes that word alone ("Toyota Motor
    Corporation ... Toyota said"): reports of one deal use the short name and the full one by
    turns, and the deal must be the same company's in each."""
    first, _, rest = name.partition(" ")
    if not rest or len(first) < 3 or first in vocabulary.company_words or all(
            w in vocabulary.company_words for w in rest.split()):
        return name  # "Halden AI", "Nordlys Cloud": the company word is part of the name
    alone = re.search(rf"(?<![\w-]){re.escape(first)}(?! {re.escape(rest.split()[0])})(?![\w-])",
                      text)
    return first if alone else name
