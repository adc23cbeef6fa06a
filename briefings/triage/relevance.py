"""Is the story's main news an AI-compute deal? A score from where the deal signals sit.

The title carries the main news, so signals there weigh most; the lead sentences back it up.
Exclusion cues (earnings, lawsuits, hires, export rules, analysis pieces) pull the score down
but cannot veto a headline that names both sides of a deal and a deal verb.
"""

from __future__ import annotations

from typing import Final

from briefings.triage import kinds
from briefings.triage.parties import LEAD_SENTENCES, main_clause_end, names_in
from briefings.triage.reading import TITLE, Reading
from briefings.triage.roles import Roster
from briefings.triage.vocab import mask

THRESHOLD: Final = 0.6
LEAD: Final = range(1, 3)
LEAD_SPAN: Final = (LEAD.start, LEAD.stop - 1)
PAIR_LEAD: Final = range(1, LEAD_SENTENCES + 1)  # the body sentences parties are read from
DEALISH: Final = frozenset({"deal", "talks", "final", "deny"})
COMPUTE: Final = frozenset({"chip", "compute", "inference", "training"})
EXCLUDE_TITLE: Final = 0.25
EXCLUDE_LEAD: Final = 0.1
PAIRED: Final = 0.25
CAP: Final = 0.5
TITLE_PAIR: Final = 0.35
TITLE_DEAL: Final = 0.35
DENIED_CONTRACT: Final = 0.2
EXCLUDING: Final = ("exclude", "analysis")
EXCLUDING_BITS: Final = mask(EXCLUDING)
# a headline pairing the sides must also say something of a deal or of compute
TOPICAL: Final = mask(DEALISH | COMPUTE | {"hardware", "confirm"})
DEALISH_BITS: Final = mask(DEALISH)
COMPUTE_BITS: Final = mask(COMPUTE)


def score(reading: Reading, roster: Roster, parties: tuple[str, ...],
          official: tuple[str, ...] = ()) -> float:
    """0..1; the story is deal news at or above THRESHOLD.

    Capped below THRESHOLD unless both sides are named together (in the headline, where a
    newsroom counts as naming itself, or in one of the first three body sentences with a deal
    cue: a story may open on context), a deal cue and a compute cue appear (or the headline
    denies a contract), the headline names both sides or a deal and speaks of a deal or of
    compute, and it is not off-topic news (a lawsuit, a hire, export rules), a launch or a model
    offering.
    """
    if not parties:
        return 0.0
    headline = names_in(reading, roster, TITLE)
    stake = kinds.supplier_stake(reading, roster)  # a buyer's stake in a supplier is the deal
    pair, compute = _pair(reading, roster, parties, official, headline), _compute(reading)
    statement = bool(official) and reading.has(TITLE, "source")  # a newsroom's word on reports
    deal = TITLE_DEAL if stake or statement else _deal(reading)
    denied = (pair >= TITLE_PAIR and kinds.denied_contract(reading)) or (
        statement and kinds.denied_contract(reading, first=1))
    if not compute and denied:
        compute = DENIED_CONTRACT  # a party denies a reported contract: what for is moot
    total = pair + deal + compute - _exclusions(reading, stake)
    topical = bool(official) or reading.has_any(TITLE, TOPICAL)
    if not _qualifies(pair, deal, compute, bool(official), topical) or _look_alike(
            reading, roster, headline):
        total = min(total, CAP)
    return _thousandths(min(max(total, 0.0), 1.0))


def _thousandths(score: float) -> float:
    """`score` (0..1, a sum of a few weights) to three decimals, as round(score, 3) would give it
    without the decimal conversion that makes round() with digits slow."""
    return int(score * 1000 + 0.5) / 1000


def _qualifies(pair: float, deal: float, compute: float, official: bool, topical: bool) -> bool:
    """Both sides named together, a deal cue (a newsroom post may imply it), a compute cue,
    and a headline that names the deal, or the pair and (`topical`) a word of deal or compute:
    "Microsoft to file brief supporting Apple" pairs two names over something else."""
    headline = deal >= TITLE_DEAL or (pair >= TITLE_PAIR and topical)
    return pair >= PAIRED and bool(deal or official) and compute > 0 and headline


def _pair(reading: Reading, roster: Roster, parties: tuple[str, ...],
          official: tuple[str, ...], headline: list[str]) -> float:
    named = [n for n in (*headline, *official) if n in parties]
    if roster.pairable(named):
        return TITLE_PAIR
    for index in PAIR_LEAD:
        if index < len(reading.spans) and _paired_sentence(reading, roster, index, official):
            return PAIRED
    return 0.05


def _paired_sentence(reading: Reading, roster: Roster, index: int,
                     official: tuple[str, ...]) -> bool:
    """Two explicitly named sides (not inferred from a chip name; a newsroom's "we" counts)
    and a deal cue."""
    if not reading.has_any(index, DEALISH_BITS):
        return False
    named = [h.label for h in reading.by_sentence[index] if h.family == "company"]
    return roster.pairable([*named, *official])


def _deal(reading: Reading) -> float:
    if reading.has_any(TITLE, DEALISH_BITS) or kinds.works_on(reading):
        return TITLE_DEAL
    lead = any(reading.has_any(i, DEALISH_BITS) for i in reading.lead(*LEAD_SPAN))
    return 0.2 if lead else 0.0


def _compute(reading: Reading) -> float:
    if reading.has_any(TITLE, COMPUTE_BITS):
        return 0.3
    if reading.has(TITLE, "hardware"):
        return 0.1
    lead = reading.lead(*LEAD_SPAN)
    if any(reading.has_any(i, COMPUTE_BITS) for i in lead):
        return 0.2
    if reading.family("chip") or reading.family("compute"):
        return 0.1
    return 0.1 if any(reading.has(i, "hardware") for i in lead) else 0.0


def _exclusions(reading: Reading, deal_cue: str | None = None) -> float:
    """Exclusion cues in the headline's news and in the lead sentence, each label once: a second
    clause ("; shares fall"), the source cited ("..., IPO filing shows") or the setting of the
    deal ("... as the startup raises funds") is not the headline's news. `deal_cue` is an
    exclusion the headline uses as its deal (a stake)."""
    if not reading.has_any(TITLE, EXCLUDING_BITS) and (
            len(reading.spans) < 2 or not reading.has_any(1, EXCLUDING_BITS)):
        return 0.0  # most stories: no exclusion cue in the headline or the lead
    title = {h.label for h in reading.by_sentence[TITLE] if h.family in EXCLUDING}
    if title:  # most headlines have none
        stop = kinds.news_end(reading, main_clause_end(reading))
        title = {h.label for h in reading.by_sentence[TITLE] if h.family in EXCLUDING
                 and h.start < stop}
    if deal_cue:
        title.discard(deal_cue)
    lead = {h.label for family in EXCLUDING for h in reading.family(family) if h.sentence == 1}
    return min(len(title), 2) * EXCLUDE_TITLE + min(len(lead), 2) * EXCLUDE_LEAD


def _look_alike(reading: Reading, roster: Roster, headline: list[str]) -> bool:
    """Off-topic news (a lawsuit, a hire), an analysis, a round-up, a product launch or a model
    offering; `headline` are the companies the headline names."""
    return (kinds.off_topic(reading) or kinds.analysis(reading)
            or kinds.roundup(reading, roster, headline) or kinds.launch(reading)
            or kinds.model_offering(reading))
