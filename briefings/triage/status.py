"""Confirmation status, as the story reports it, with the phrases that decided it.

Order of trust: a party's own newsroom, then a denial, then an on-the-record confirmation in the
headline, then any hedge (unless the only doubts are who reported it, a party's non-answer or an
earlier report, and a party confirms it on the record in the body), then confirmations in the
body; a final-sounding headline verb alone confirms only when nothing in the story hedges.
Anything else stays unconfirmed: showing a rumour as confirmed is the worst mistake the bot can
make.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from briefings.models import Status
from briefings.triage.matcher import Hit
from briefings.triage.reading import TITLE, Reading
from briefings.triage.scope import (
    MODAL_REACH,
    about_figure,
    about_impact,
    about_terms,
    after_step,
    attributed_to_party,
    credited,
    in_value_clause,
    modal,
    negated,
    on_record,
    quote,
    says_not,
)

MAX_EVIDENCE: Final = 3
UNRECORDED: Final = ("no on-the-record confirmation",)  # the evidence when no rule confirms
_CLAUSE_MARK: Final = re.compile(r"[,;]")
EXCLUSIVE: Final = "exclusive:"  # the scoop flag, as the watch list's source family writes it
# a headline's turn to an earlier event, folded: " weeks after ", " days following "
_SETTING_AFTER: Final = re.compile(r" (?:(?:hours|days|weeks|months|a day|a week|a month) )?"
                                   r"(?:after|following) ")
_REPORT_DATED: Final = re.compile(r"\breport(?:ed|s)? (?:\w+ )?$")  # folded: "first reported "
# a clause about what was reported before a deal was confirmed, folded: "following weeks of
# reports that", "confirming reports", "after months of speculation about"
_EARLIER_REPORT: Final = re.compile(r"\b(?:after|following|confirming|ending)(?: [\w-]+){0,3}? "
                                    r"(?:reports?|speculation|rumou?rs?)\b")
# hedges that are a party's silence, about the terms when terms follow ("neither company
# disclosed financial details"), about the deal otherwise ("neither company commented")
NON_ANSWERS: Final = frozenset({"neither company"})
# an outlet's verb of telling right after its name, folded: " news has revealed", " wrote"
_TELLS: Final = re.compile(r"(?: news)?(?: (?:has|have|had))? (?:revealed|reveals|learned|"
                           r"learnt|reported|reports|wrote|writes|said|says|disclosed)\b")
ATTRIBUTION_WORDS: Final = 10  # "That is according to people familiar with the plans."
SAID_REACH: Final = 24  # "said on Monday it has signed"
THAT_REACH: Final = 60  # "said that ByteDance's cloud unit Volcano Engine had signed"
# where a speech verb's "that" clause starts, a few words on (folded): "said at an event that"
_SAID_THAT: Final = re.compile(r"(?: [\w'-]+){0,6}? that\b")
DONE: Final = frozenset({"final", "confirm"})
DOUBT: Final = ("hedge", "source", "talks", "silence")
CLAUSE_BOUND: Final = frozenset({"talks"})  # doubts that scope only their own clause
# talks verbs that as often name a goal ("eyes European AI sovereignty"), and what makes them
# weigh a deal instead: a company, chips, compute or a deal after them in their clause
AIMS: Final = frozenset({"eye", "eyes", "eyeing", "looks to"})
AIM_OBJECTS: Final = frozenset({"company", "chip", "compute", "hardware", "deal", "contract"})
NEGATABLE: Final = ("deny", "confirm", "statement", "final", "talks")
# a party's own words that confirm a reported deal in the body ("a spokesperson confirmed")
# ("X has signed" is the outlet stating a fact, which a scoop does too: not a party speaking)
ON_RECORD: Final = frozenset({"confirms", "confirmed", "confirming", "announced", "announces",
                              "announcing", "announce", "in a statement", "regulatory filing",
                              "in a filing", "press release", "unveils", "unveiled"})
# sources that only say which outlet carried the news ("according to Techmeme, X announced",
# "X announced, News.Az reports, citing Reuters"): they doubt a scoop, not a party's own word
PICKUP: Final = frozenset({"report", "reports", "reported", "according to", "media"})
# doubts that only say who else told the story ("according to", "the newspaper said")
SOURCED: Final = frozenset({"source", "statement", "outlet"})
STATUS_FAMILIES: Final = frozenset({"deny", "confirm", "statement", "final", "hedge", "source",
                                    "talks", "silence", "maybe", "outlet"})


KINDS: Final = ("confirm", "deny", "doubt", "final", "quiet")


@dataclass(slots=True)
class Signals:
    """Cues per kind of signal, in text order. `quiet` doubts are non-answers ("declined to
    comment", "declined to discuss"): they doubt a deal no party confirms."""

    confirm: list[Hit] = field(default_factory=list)
    deny: list[Hit] = field(default_factory=list)
    doubt: list[Hit] = field(default_factory=list)
    final: list[Hit] = field(default_factory=list)
    quiet: list[Hit] = field(default_factory=list)

    def add(self, kind: str, cue: Hit) -> None:
        """File `cue` under its kind of signal (one of KINDS)."""
        if kind not in KINDS:
            raise ValueError(f"no such kind of signal: {kind!r}")
        getattr(self, kind).append(cue)


@dataclass(frozen=True, slots=True)
class Case:
    """What the status rules read: the story, its parties and its sorted signals."""

    reading: Reading
    parties: tuple[str, ...]
    official: tuple[str, ...]
    outlet: str
    signals: Signals


Decision = tuple[Status, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One status rule: `decide` gives a status with its evidence, or None to pass the story on
    to the next rule."""

    name: str
    decide: Callable[[Case], Decision | None]


@dataclass(frozen=True, slots=True)
class Ruling:
    """What the status rules decided: the status, its evidence (a few words per decisive
    phrase), the name of the first rule of RULES that decided it, and whether it is a party's
    own word (`on_record`), which alone may replace a person's call on the deal."""

    status: Status
    evidence: tuple[str, ...]
    rule: str
    on_record: bool = False


def decide(reading: Reading, parties: tuple[str, ...],
           official: tuple[str, ...], outlet: str) -> Ruling:
    """The status of the story, by the first rule of RULES that decides it."""
    case = Case(reading, parties, official, outlet, signals(reading, parties))
    for rule in RULES:
        decision = rule.decide(case)
        if decision is not None:
            status, evidence = decision
            return Ruling(status, evidence, rule.name, _party_said(case, rule.name, status))
    return Ruling(Status.UNCONFIRMED, UNRECORDED, "no-confirmation")


def on_words_alone(ruling: Ruling) -> Ruling:
    """The status of a story only the word model counts as deal news. The rules could not read
    its deal, so an outlet's "signed" or "announced" may be about something else: it is
    confirmed only on a party's own word, else unconfirmed (a rumour shown as fact costs most)."""
    if ruling.status is not Status.CONFIRMED or ruling.on_record:
        return ruling
    return Ruling(Status.UNCONFIRMED, UNRECORDED, "words-alone")


def _party_said(case: Case, rule: str, status: Status) -> bool:
    """Is the status a party's own word: its newsroom, or a confirmation or denial whose speaker
    is a party or its spokesperson ("Microsoft denies", "a spokesperson confirmed", "according
    to a regulatory filing")? An outlet stating a fact ("X signs deal with Y") is not."""
    if rule == "newsroom":
        return True
    reading, parties, s = case.reading, case.parties, case.signals
    if status is Status.DENIED:
        return any(on_record(reading, hit.sentence, hit, parties) for hit in s.deny)
    if status is Status.CONFIRMED:
        return any(attributed_to_party(reading, hit.sentence, hit, parties)
                   or (_party_speaks(reading, hit, parties) and not says_not(reading, hit))
                   for hit in s.confirm)
    return False


def _newsroom(case: Case) -> Decision | None:
    """A party's own newsroom is the party on the record: confirmed, unless it denies the
    report ("Statement on media reports: we have no agreement with X")."""
    s = case.signals
    if not set(case.official) & set(case.parties):
        return None
    if s.deny and not _in_title(s.confirm or s.final):
        return Status.DENIED, _evidence(case.reading, s.deny)
    return Status.CONFIRMED, (f"published by {case.outlet}, a party's own newsroom",)


def _denial(case: Case) -> Decision | None:
    """A party's denial outweighs any report, unless the headline confirms and only the body
    denies something ("confirms deal, denies it is exclusive")."""
    s = case.signals
    if s.deny and not (_in_title(s.confirm) and not _in_title(s.deny)):
        return Status.DENIED, _evidence(case.reading, s.deny)
    return None


def _headline_confirmation(case: Case) -> Decision | None:
    """A headline that says a party confirmed or announced it ("X confirms Y deal", "X says it
    signed"); a party that only "says" something else ("X says ASIC pipeline growing, declines
    to address Y talks") confirms nothing."""
    s = case.signals
    said = [h for h in s.confirm if h.sentence == TITLE and (
        h.family != "statement" or _says_done(case.reading, h))]
    return (Status.CONFIRMED, _evidence(case.reading, s.confirm)) if said else None


def _doubted(case: Case) -> Decision | None:
    """Any hedge, anonymous source, talks or non-answer leaves it unconfirmed, unless the only
    doubts are who reported it, a non-answer or an earlier report while a party confirms it on
    the record in the body."""
    s = case.signals
    if (s.doubt or s.quiet) and not _confirmed_by_party(case.reading, s, case.parties):
        return Status.UNCONFIRMED, _evidence(case.reading, sorted(s.doubt + s.quiet, key=_start))
    return None


def _confirmed(case: Case) -> Decision | None:
    """With nothing in doubt, a confirmation anywhere, or a done-deal verb stated as fact ("X
    signs deal with Y"), confirms."""
    s = case.signals
    found = s.confirm or s.final
    return (Status.CONFIRMED, _evidence(case.reading, found)) if found else None


# In order of trust; a story no rule decides is unconfirmed: showing a rumour as confirmed is the
# worst mistake the bot can make.
RULES: Final = (
    Rule("newsroom", _newsroom),
    Rule("denial", _denial),
    Rule("headline-confirmation", _headline_confirmation),
    Rule("doubted", _doubted),
    Rule("confirmed", _confirmed),
)


def signals(reading: Reading, parties: tuple[str, ...]) -> Signals:
    """Sort every status cue into deny / confirm / final / doubt, honouring negation and scope."""
    out = Signals()
    setting = _setting_start(reading)
    kinds = [(hit, None if hit.sentence == TITLE and hit.start >= setting else
              _kind(reading, hit.sentence, hit, parties)) for hit in _status_hits(reading)]
    # a doubt about the reports before the deal doubts no confirmation beside it
    current = [(hit, kind) for hit, kind in kinds if not _earlier_report(reading, hit)]
    doubts = [hit for hit, kind in current if hit.family in DOUBT and kind not in (
        "confirm", "quiet") and kind is not None]
    # sentences doubted by more than an outlet's pickup ("according to people familiar")
    scooped = {hit.sentence for hit, kind in current if kind == "doubt" and not _pickup(hit)
               and not in_value_clause(reading, hit)}
    for hit, kind in kinds:
        if kind in ("confirm", "final") and _hedged(reading, hit, doubts) \
                and hit.family not in DOUBT \
                and not (kind == "confirm" and hit.sentence not in scooped
                         and _party_speaks(reading, hit, parties)):
            continue  # "confirmed it is in talks": a confirmation scoped by a hedge
        if kind is not None:
            out.add(kind, hit)
    return out


def _hedged(reading: Reading, hit: Hit, doubts: list[Hit]) -> bool:
    """Does a doubt in the sentence scope the confirmation: a source or hedge anywhere in it
    ("X has signed, people familiar said"), talks in its own clause ("confirmed it is in talks"),
    but not talks in another clause ("confirms custom-silicon deal, eyes 10GW by 2029")?"""
    return any(d.sentence == hit.sentence and (
        d.family not in CLAUSE_BOUND or not _CLAUSE_MARK.search(
            reading.text, min(d.end, hit.end), max(d.start, hit.start))) for d in doubts)


def _flags_exclusive(reading: Reading, hit: Hit) -> bool:
    """Is "exclusive" a scoop's flag ("Exclusive: ...", "[Exclusive] ...", "... | Exclusive"),
    at its sentence's start or ending in a colon or bracket, rather than a word of the story?"""
    written = reading.text[hit.start:hit.end]
    start = reading.spans[hit.sentence][0]
    opening = not reading.text[start:hit.start].strip(" [(\"'")
    return opening or written.endswith((":", "]", ")", "|"))


def _setting_start(reading: Reading) -> int:
    """Where a headline that states its deal goes on to an earlier event ("Anthropic picks Groq
    weeks after Cerebras shot down talks report"): the status cues there are the earlier
    news's, not this deal's. Without a done verb before it, "after" gives the news itself
    ("Shares jump after X confirms deal")."""
    end = reading.spans[TITLE][1]
    done = next((h.end for h in reading.by_sentence[TITLE] if h.family == "final"), None)
    found = _SETTING_AFTER.search(reading.folded, done, end) if done is not None else None
    return found.start() if found else end


def _kind(reading: Reading, index: int, hit: Hit, parties: tuple[str, ...]) -> str | None:
    """Which signal one cue gives, if any. Whether its sentence is about the deal is asked last,
    only of a cue that would doubt it."""
    family = hit.family
    if hit.label == EXCLUSIVE and not _flags_exclusive(reading, hit):
        return None  # "the pact is not exclusive": a term of the deal, not a scoop's flag
    if family == "outlet":
        told = credited(reading, hit) if index == TITLE else _outlet_tells(reading, index, hit)
        return "doubt" if told else None
    if attributed_to_party(reading, index, hit, parties):
        return "confirm"
    if family == "talks" and index != TITLE and after_step(reading, hit):
        return None  # "after a months-long evaluation": the talks are behind the deal
    if family == "talks" and hit.label in AIMS and not _aims_at_deal(reading, index, hit):
        return None  # "eyes European AI sovereignty": an aim, not talks
    if family == "talks" and reading.folded.startswith(" as ", hit.end):
        return None  # "pitched as a rival to AWS": a description, not talks
    is_negated = (family in NEGATABLE and negated(reading, index, hit)) or (
        family == "statement" and says_not(reading, hit))
    if ((is_negated and family != "talks") or hit.label in NON_ANSWERS) and about_terms(
            reading, index, hit):
        return None  # "the value was not disclosed": the price is unknown, not the deal
    if _doubts(reading, index, hit, is_negated) and (
            index == TITLE or _about_deal(reading, index, parties)):
        return "quiet" if family == "silence" or (family == "talks" and is_negated) else "doubt"
    if family in DOUBT or family == "maybe" or is_negated or modal(reading, index, hit) or (
            index != TITLE and _said_before(reading, index, hit)):
        return None  # a hedge; or a word said before, about an earlier report or deal
    if family == "statement":
        if on_record(reading, index, hit, parties):
            return "confirm"
        return "doubt" if index == TITLE or _about_deal(reading, index, parties) else None
    return family


def _aims_at_deal(reading: Reading, index: int, hit: Hit) -> bool:
    """Does an aim verb ("eyes") have a company, chips, compute or a deal in its clause ("eyes
    Google TPUs", "eyes a deal with AMD"), so it is weighing a deal rather than a goal?"""
    end = reading.spans[index][1]
    stop = _CLAUSE_MARK.search(reading.text, hit.end, end)
    return any(hit.end <= h.start < (stop.start() if stop else end) and h.family in AIM_OBJECTS
               for h in reading.by_sentence[index])


def _outlet_tells(reading: Reading, index: int, hit: Hit) -> bool:
    """Is an outlet the body's teller ("Bloomberg revealed on Monday that ...", "The
    Information has learned"): its speech or reveal verb right after it? Its word is a report."""
    return _TELLS.match(reading.folded, hit.end) is not None


def _doubts(reading: Reading, index: int, hit: Hit, is_negated: bool) -> bool:
    """Hedges, talks, negated confirmations and verbs under a modal ("may buy", "could sign")
    doubt the deal (when their sentence is about it); a modal alone doubts only a headline with
    no final verb, and not when it governs the deal's impact ("could reshape AI")."""
    family = hit.family
    if family == "maybe":
        return index == TITLE and not _sure(reading, index) and not about_impact(reading, hit)
    if family in ("final", "confirm", "deal") and modal(reading, index, hit):
        return True
    if family in ("source", "hedge") and about_figure(reading, hit):
        return False  # "a deal reportedly worth $10B": the figure is hedged, not the deal
    return family in DOUBT or (family in NEGATABLE and is_negated)


def _party_speaks(reading: Reading, hit: Hit, parties: tuple[str, ...]) -> bool:
    """Is `hit` a party's own announcement ("Qualcomm has announced", "the companies said"), or
    a party saying the deal is done ("Meta said Tuesday it will deploy Acme chips")?"""
    return (hit.label in ON_RECORD or _says_done(reading, hit)) and on_record(
        reading, hit.sentence, hit, parties)


def _pickup(hit: Hit) -> bool:
    return hit.family == "source" and hit.label in PICKUP


def _confirmed_by_party(reading: Reading, s: Signals, parties: tuple[str, ...]) -> bool:
    """Are the only doubts who first reported the deal ("according to a person"), a party's
    non-answer ("Microsoft did not respond") or an earlier report ("talks it confirmed last
    month"), while a party or its spokesperson confirms the deal in the body ("A Nebius
    spokesperson confirmed the contract", "Nebius said in a regulatory filing")? A modal verb
    after that confirmation is what the party said the deal will do. A source that is a party's
    own filing or statement ("according to a filing AMD made") is the party speaking."""
    spoken = [hit for hit in s.confirm if hit.sentence != TITLE and not says_not(reading, hit)
              and (attributed_to_party(reading, hit.sentence, hit, parties)
                   or ((hit.label in ON_RECORD or _says_done(reading, hit))
                       and on_record(reading, hit.sentence, hit, parties)))]
    return bool(spoken) and all(
        hit.family in SOURCED or _background(reading, hit.sentence) or _reported(hit, spoken)
        or _earlier_report(reading, hit) for hit in s.doubt)


def _earlier_report(reading: Reading, hit: Hit) -> bool:
    """Is the doubt inside a clause about the reports that came before ("following weeks of
    reports that the two were in talks", "confirming reports they had been in talks", "after
    months of speculation about talks")? It dates the rumour the confirmed deal ends; a comma
    between them ends that clause."""
    start = reading.spans[hit.sentence][0]
    return any(not _CLAUSE_MARK.search(reading.text, found.end(), hit.start)
               for found in _EARLIER_REPORT.finditer(reading.folded, start, hit.end))


def _reported(hit: Hit, spoken: list[Hit]) -> bool:
    """Is a doubting verb one a party is reported saying after it confirms ("a spokesperson
    confirmed the agreement, saying Meta would deploy the chips")? The modal is what the deal
    will do, not a doubt on it; talks or a hedge stay doubts."""
    return hit.family not in DOUBT and any(
        said.sentence == hit.sentence and said.end <= hit.start for said in spoken)


def _says_done(reading: Reading, hit: Hit) -> bool:
    """Is `hit` a speech verb reporting a done deal ("Kakao said it has signed"), or closing a
    sentence that states one (`_closes_done`)? What a party says it plans, or tells its
    suppliers, is no confirmation."""
    if hit.family != "statement":
        return False
    that = _SAID_THAT.match(reading.folded, hit.end)  # "said at an event that X had signed"
    reach = that.end() + THAT_REACH if that else hit.end + SAID_REACH
    return any(h.family in DONE and hit.end < h.start <= reach
               for h in reading.by_sentence[hit.sentence]) or _closes_done(reading, hit)


def _closes_done(reading: Reading, hit: Hit) -> bool:
    """Is the speech verb the trailing attribution of a done deal, after a comma ("X has secured
    a gigawatt from Y, the two companies said Monday", "X will adopt Y's chips, the firms
    said")? Wire copy puts the speaker last; a modal or a plan before the done verb still
    doubts it."""
    before = [h for h in reading.by_sentence[hit.sentence] if h.end <= hit.start]
    return any(h.family in DONE and "," in reading.text[h.end:hit.start]
               and not _planned(before, h) for h in before)


def _planned(before: list[Hit], done: Hit) -> bool:
    """Is the done verb under a modal or a plan ("could sign", "plans to buy", "aims to use")?"""
    return any(h.family == "maybe" and h.start < done.start <= h.end + MODAL_REACH
               for h in before)


def _said_before(reading: Reading, index: int, hit: Hit) -> bool:
    """Does a word placing things earlier ("last month", "previously") share the cue's clause
    ("Nvidia announced the deal last month")? In another clause it dates something else: "X
    announced the deal, confirming what an outlet reported last week"; nor does one that dates
    a report ("confirming a deal first reported last month")."""
    if not reading.has(index, "background"):
        return False
    text = reading.text
    return any(h.family == "background" and not _CLAUSE_MARK.search(
        text, min(h.end, hit.end), max(h.start, hit.start))
        and not _REPORT_DATED.search(reading.folded, reading.spans[index][0], h.start)
        and not _EARLIER_REPORT.match(reading.folded, h.start)  # "after months of rumours"
        for h in reading.by_sentence[index])


def _background(reading: Reading, index: int) -> bool:
    return index != TITLE and reading.has(index, "background")


def _about_deal(reading: Reading, index: int, parties: tuple[str, ...]) -> bool:
    """In the body: a sentence naming a party, or (naming no other company) the lead sentence or
    one with a deal cue; a hedge naming only a supplier's supplier is a side remark. A short
    sentence that only says who told it ("This reports the Financial Times.", "So said people
    familiar.") is about what the sentence before it says."""
    if index > 1 and _attribution_only(reading, index):
        return _about_deal(reading, index - 1, parties)
    named = False
    for hit in reading.by_sentence[index]:
        if hit.family == "company":
            if hit.label in parties:
                return True
            named = True
    return not named and (index == 1 or reading.has(index, "deal"))


def _attribution_only(reading: Reading, index: int) -> bool:
    """Is the sentence a few words crediting a source, with no company or deal of its own?"""
    start, end = reading.spans[index]
    hits = reading.by_sentence[index]
    return (len(reading.text[start:end].split()) <= ATTRIBUTION_WORDS
            and any(h.family in ("source", "outlet", "statement") for h in hits)
            and not any(h.family in ("company", "deal", "contract") for h in hits))


def _status_hits(reading: Reading) -> list[Hit]:
    """Status cues in text order; a cue inside a longer cue is part of it ("talks" in "not in
    talks", "no" in "no plans", "sources" in the deal verb "sources from"). Cues with the same
    span (confirm and statement) both stay."""
    kept: list[Hit] = []
    for hits in reading.by_sentence:
        deals = [(h.start, h.end) for h in hits if h.family == "deal"]
        for hit in hits:  # in text order: by start, the shorter of two first
            if hit.family not in STATUS_FAMILIES or _inside(hit, deals):
                continue
            while kept and kept[-1].start == hit.start and kept[-1].end < hit.end:
                kept.pop()  # a shorter cue this one starts with
            last = kept[-1] if kept else None
            if last and hit.end <= last.end and (hit.start != last.start or hit.end != last.end):
                continue  # inside the cue before it (kept cues never end earlier than the last)
            kept.append(hit)
    return kept


def _inside(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    """Is `hit` part of a longer deal cue ("sources" in "sources from")? Then it is that verb."""
    return any(start <= hit.start and hit.end <= end and end - start > hit.end - hit.start
               for start, end in spans)


def _start(hit: Hit) -> int:
    return hit.start


def _sure(reading: Reading, index: int) -> bool:
    return reading.has(index, "final") or reading.has(index, "confirm")


def _in_title(found: list[Hit]) -> bool:
    return bool(found) and found[0].sentence == TITLE  # in text order: the headline's first


def _evidence(reading: Reading, found: list[Hit]) -> tuple[str, ...]:
    """One quote per sentence (overlapping cues would repeat the same words), at most three:
    the first cue of each sentence, `found` being in text order."""
    quotes: list[str] = []
    last = -1
    for hit in found:
        if hit.sentence != last and len(quotes) < MAX_EVIDENCE:
            quotes.append(quote(reading, hit.sentence, hit))
            last = hit.sentence
    return tuple(quotes)
