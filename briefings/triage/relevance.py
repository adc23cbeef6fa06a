"""Is the story's main news an AI-compute deal? Weighed signals, then ordered named gates.

The title carries the main news, so signals there weigh most; the lead sentences back it up. Three
signals are weighed (`Signals`): both sides of a deal named together, a deal cue and a compute
cue; exclusion cues (earnings, funding) pull the sum down. Then each gate in `GATES`, in order,
may cap the score below THRESHOLD and say why: a story must pass them all to be deal news. Every
weight is named here, and every decision leaves a reason for `triage --explain`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from briefings.triage import kinds
from briefings.triage.parties import LEAD_SENTENCES, main_clause_end, names_in
from briefings.triage.reading import TITLE, Reading
from briefings.triage.roles import Roster
from briefings.triage.scope import negated
from briefings.triage.vocab import COMPANY, mask

THRESHOLD: Final = 0.6
CAP: Final = 0.5  # the most a story that fails a gate can score
# The weights of the signals: a story needs the pair, a deal cue and compute to reach THRESHOLD.
TITLE_PAIR: Final = 0.35  # a buyer and a supplier both named in the headline
LEAD_PAIR: Final = 0.25  # ... in a lead sentence, or one side in the headline, one in the lead
NO_PAIR: Final = 0.05
TITLE_DEAL: Final = 0.35  # a deal cue in the headline, or a deal the headline's form implies
LEAD_DEAL: Final = 0.2
TITLE_COMPUTE: Final = 0.3
LEAD_COMPUTE: Final = 0.2
TITLE_HARDWARE: Final = 0.1  # a chip word ("chips") with no AI word beside it
ANY_COMPUTE: Final = 0.1  # a chip or compute named somewhere below the lead
IMPLIED_COMPUTE: Final = 0.2  # a denied contract (what for is moot), a cloud funding a lab
EXCLUDE_TITLE: Final = 0.25  # per exclusion cue in the headline's news, at most two
EXCLUDE_LEAD: Final = 0.1  # per exclusion cue in the lead sentence, at most two

LEAD: Final = range(1, 3)
LEAD_SPAN: Final = (LEAD.start, LEAD.stop - 1)
PAIR_LEAD: Final = range(1, LEAD_SENTENCES + 1)  # the body sentences parties are read from
DEALISH: Final = frozenset({"deal", "talks", "final", "deny"})
COMPUTE: Final = frozenset({"chip", "compute", "inference", "training"})
EXCLUDING: Final = ("exclude", "analysis")
REPORTS: Final = mask(("source", "hedge"))  # "media speculation", "recent reports"
ANSWERS: Final = mask(("deny", "confirm", "talks"))
ONE_DEAL: Final = 3  # sides a nameless headline's deal may have: more is a round-up
DEAL_NEWS: Final = mask(("final", "contract", "talks", "deny"))  # a deal done, priced or talked
NAMES: Final = "names"
# "names Safe Superintelligence as new anchor customer": whom a deal names, not a hire (folded)
_AS_PARTNER: Final = re.compile(r"(?: [\w'.&-]+){1,4} as (?:its |a |an |the |new |first |"
                                r"anchor |key |lead |major )*(?:customer|client|supplier|partner|"
                                r"tenant|provider)s?\b")
EXCLUDING_BITS: Final = mask(EXCLUDING)
# a headline pairing the sides must also say something of a deal or of compute
TOPICAL: Final = mask(DEALISH | COMPUTE | {"hardware", "confirm"})
DEALISH_BITS: Final = mask(DEALISH)
COMPUTE_BITS: Final = mask(COMPUTE)
# capacity a company builds or buys, not a chip: a one-sided headline about it may report a deal
FACILITIES: Final = frozenset({
    "data center", "data centers", "data centre", "data centres", "datacenter", "datacenters",
    "supercomputer", "supercluster", "cluster", "clusters", "infrastructure", "capacity",
    "gigawatt", "gigawatts", "megawatts", "gw", "mw", "ai factory", "ai factories", "compute",
    "computing"})
# compute words that name a cloud and nothing more: an IT contract unless AI is named
CLOUD_ONLY: Final = frozenset({"cloud", "azure", "oci", "infrastructure", "computing"})
RUNS_A_CLOUD: Final = frozenset({"cloud"})  # the role of one that sells cloud; Meta has none
_MONEY_NEXT: Final = re.compile(r" (?:[$€£¥]|us\$|usd |rs\.? )")  # "stakes $10 billion on"


@dataclass(frozen=True, slots=True)
class Judgement:
    """The relevance score and why: the signals found, and each gate that capped the score."""

    score: float
    reasons: tuple[str, ...]
    failed: tuple[Gate, ...] = ()
    by_words: bool = False  # below THRESHOLD, but the word model (learned.py) says deal news

    @property
    def relevant(self) -> bool:
        return self.score >= THRESHOLD or self.by_words

    @property
    def look_alike(self) -> bool:
        """Did a gate find the story to be some other kind of news (a launch, a question)?"""
        return any(not gate.missing for gate in self.failed)


@dataclass(frozen=True, slots=True)
class Signals:
    """What one story offers the gates: the weighed signals and the facts they rest on."""

    reading: Reading
    roster: Roster
    official: tuple[str, ...]
    parties: tuple[str, ...]
    headline: list[str]  # every company the headline names, chip owners included
    pair: float
    deal: float
    compute: float
    exclusions: float
    investment: str | None  # the headline's investment cue, when it is between the sides

    @property
    def total(self) -> float:
        return self.pair + self.deal + self.compute - self.exclusions


@dataclass(frozen=True, slots=True)
class Gate:
    """A rule every deal story passes; `fails` says when it does not, `reason` what that means."""

    name: str
    fails: Callable[[Signals], bool]
    reason: str
    # the story lacks a signal a deal story has, rather than being some other kind of news:
    # the word model may make up for a missing signal, never overrule a look-alike
    missing: bool = False


def judge(reading: Reading, roster: Roster, parties: tuple[str, ...],
          official: tuple[str, ...] = ()) -> Judgement:
    """Score 0..1 with its reasons; the story is deal news at or above THRESHOLD."""
    if not parties:
        return Judgement(0.0, ("no buyer and supplier named",))
    s = signals(reading, roster, parties, official)
    reasons = [f"pair {s.pair:.2f}, deal {s.deal:.2f}, compute {s.compute:.2f}, "
               f"exclusions -{s.exclusions:.2f}"]
    if s.investment:
        reasons.append(f"an investment between the sides ({s.investment!r}) is the deal")
    failed = [gate for gate in GATES if gate.fails(s)]
    reasons += [f"{gate.name}: {gate.reason}" for gate in failed]
    total = min(s.total, CAP) if failed else s.total
    return Judgement(round(min(max(total, 0.0), 1.0), 3), tuple(reasons), tuple(failed))


def signals(reading: Reading, roster: Roster, parties: tuple[str, ...],
            official: tuple[str, ...]) -> Signals:
    """Weigh the pair, the deal cue, the compute cue and the exclusions of one story."""
    headline = names_in(reading, roster, TITLE)
    investment = kinds.investment_cue(reading, roster)
    statement = bool(official) and reading.has(TITLE, "source")  # a newsroom's word on reports
    partnered = _partnered(reading, roster)
    pair = _pair(reading, roster, parties, official, headline, partnered)
    deal = TITLE_DEAL if investment or statement else _deal(reading, roster, partnered)
    compute = _compute(reading, roster.projects)
    on_reports = statement or (pair >= TITLE_PAIR and reading.has(TITLE, "source"))
    denied = (pair >= TITLE_PAIR and kinds.denied_contract(reading)) or (
        on_reports and kinds.denied_contract(reading, first=1))  # "X statement on Y reports"
    funded = investment is not None and kinds.cloud_funds_lab(reading, roster, investment)
    if not compute and (denied or funded or kinds.neocloud_contract(reading, roster, parties)
                        or kinds.vendor_supply(reading, roster, parties)):
        compute = IMPLIED_COMPUTE  # a denied contract, a cloud's money in a lab, a neocloud's or
        # a chip vendor's supply
    return Signals(reading, roster, official, parties, headline, pair, deal, compute,
                   _exclusions(reading, investment, kinds.fresh_lead(reading, parties)),
                   investment)


def _pair(reading: Reading, roster: Roster, parties: tuple[str, ...],
          official: tuple[str, ...], headline: list[str], partnered: frozenset[int]) -> float:
    """Both sides in the headline (a newsroom names itself); else in a lead sentence, alone or
    with the side the headline names ("X unveils plan" / "X is partnering with Y"). The lead
    sentence needs a deal cue of its own unless the headline has one ("Chinese giants ordered
    Nvidia chips" / "X, Y and Z placed most of them") or the sentence names a partnership
    (`partnered`); a facility names its owner there ("Condor Galaxy 1" is G42's)."""
    named = [n for n in (*headline, *official) if n in parties]
    if roster.pairable(named):
        return TITLE_PAIR
    dealt = reading.has(TITLE, "deal")
    for index in PAIR_LEAD:
        if index >= len(reading.spans):
            break
        if not (dealt or reading.has_any(index, DEALISH_BITS) or index in partnered):
            continue
        explicit = [h.label if h.family == "company" else roster.owner[h.label]
                    for h in reading.by_sentence[index]
                    if h.family == "company" or h.label in roster.projects]
        if roster.pairable([*explicit, *official]) or roster.pairable([*explicit, *named]):
            return LEAD_PAIR
    return NO_PAIR


def _deal(reading: Reading, roster: Roster, partnered: frozenset[int]) -> float:
    """A deal cue in the headline, a headline that says a company works on another's chips, or
    one whose subject is two sides acting together ("X and Y build a data center") or that
    builds with a named other ("X to build own AI chip with Y"); else a
    deal cue in the lead, or a partnership named there (`partnered`)."""
    if (reading.has_any(TITLE, DEALISH_BITS) or kinds.works_on(reading)
            or kinds.joint_subject(reading, roster) or kinds.builds_with(reading, TITLE)):
        return TITLE_DEAL
    lead = any(reading.has_any(i, DEALISH_BITS) or i in partnered
               for i in reading.lead(*LEAD_SPAN))
    return LEAD_DEAL if lead else 0.0


def _partnered(reading: Reading, roster: Roster) -> frozenset[int]:
    """The lead sentences that name a partnership without a deal word: the first, when the
    sides open it announcing together (`kinds.joint_lead`), and any that builds with a named
    company (`kinds.builds_with`)."""
    built = {i for i in PAIR_LEAD if i < len(reading.spans) and kinds.builds_with(reading, i)}
    return frozenset(built | ({1} if kinds.joint_lead(reading, roster) else set()))


def _compute(reading: Reading, projects: frozenset[str]) -> float:
    """Chips or compute named, where: a project's name says whose facility it is, not that the
    story is about compute ("orders a new 'Stargate' series" is television), and a headline
    that says "no hardware involved" names none."""
    title = [h for h in reading.by_sentence[TITLE] if not negated(reading, TITLE, h)]
    if any(h.family in COMPUTE and h.label not in projects for h in title):
        return TITLE_COMPUTE
    if any(h.family == "hardware" for h in title):
        return TITLE_HARDWARE
    lead = reading.lead(*LEAD_SPAN)
    if any(reading.has_any(i, COMPUTE_BITS) for i in lead):
        return LEAD_COMPUTE
    if reading.family("compute") or any(h.label not in projects for h in reading.family("chip")):
        return ANY_COMPUTE
    return ANY_COMPUTE if any(reading.has(i, "hardware") for i in lead) else 0.0


def _exclusions(reading: Reading, deal_cue: str | None = None, fresh: bool = False) -> float:
    """Exclusion cues in the headline's news and in the lead sentence, each label once: a second
    clause ("; shares fall"), the source cited ("..., IPO filing shows") or the setting of the
    deal ("... as the startup raises funds") is not the headline's news. `deal_cue` is an
    exclusion the headline uses as its deal (a stake); "stakes $10 billion on" is a verb. A
    share move caused by a deal (`kinds.moves_on_deal`) is the deal's hook, not other news, and
    so are an SEO headline's analysis words over a lead that reports the deal (`fresh`) or
    over a share move the lead puts down to a deal ("Why X stock skyrocketed today")."""
    if not reading.has_any(TITLE, EXCLUDING_BITS) and (
            len(reading.spans) < 2 or not reading.has_any(1, EXCLUDING_BITS)):
        return 0.0
    stop = kinds.news_end(reading, main_clause_end(reading))
    families = ("exclude",) if fresh or kinds.moved_by_lead_deal(reading) else EXCLUDING
    title = {h.label for h in reading.by_sentence[TITLE] if h.family in families
             and h.start < stop and not _staked(reading, h.label, h.end)
             and not _names_partner(reading, h.label, h.end)}
    title.discard(deal_cue or "")
    if kinds.moves_on_deal(reading) or kinds.moved_by_lead_deal(reading):
        title -= kinds.MARKET_MOVES  # "X stock pops as Y doubles down": the deal is the news
    lead = {h.label for family in EXCLUDING for h in reading.family(family) if h.sentence == 1}
    return min(len(title), 2) * EXCLUDE_TITLE + min(len(lead), 2) * EXCLUDE_LEAD


def _staked(reading: Reading, label: str, end: int) -> bool:
    return label in kinds.STAKES and _MONEY_NEXT.match(reading.folded, end) is not None


def _names_partner(reading: Reading, label: str, end: int) -> bool:
    """Is "names" a supplier naming its customer ("CoreWeave names SSI as anchor customer"),
    not a hire ("names X as CFO")?"""
    return label == NAMES and _AS_PARTNER.match(reading.folded, end) is not None


def _unpaired(s: Signals) -> bool:
    """A buyer and a supplier must be named together: one company's news is not a deal."""
    return s.pair < LEAD_PAIR


def _no_deal_cue(s: Signals) -> bool:
    """A deal cue must appear (a newsroom post may imply it): two names side by side prove
    nothing."""
    return not s.deal and not s.official


def _no_compute(s: Signals) -> bool:
    """Chips or compute must be named (or implied by a denied contract or a cloud funding a
    lab): a marketing or model
    partnership, or a supplier's stake in a lab's funding round, is not a compute deal."""
    return s.compute <= 0


def _headline_elsewhere(s: Signals) -> bool:
    """The headline must name a party (a newsroom names itself) and be about the deal: a deal
    cue; or both sides, a company among them, and a word of deal or compute ("Microsoft to file
    brief supporting Apple" pairs two names over something else, "Chip X and facility Y: a new
    era" pairs two products);
    or one side and the capacity it announces or prices, the lead naming the deal ("X unveils
    $50B data centre plan", the lead: "with partner Y"), or one side answering reports the lead
    names the deal of (`_answers_reports`), or one side's share move the lead puts down to
    a deal (`kinds.moved_by_lead_deal`); a chip alone is product news, and
    "X says capacity constraints will last" no deal."""
    if not s.headline and not s.official:
        # a headline that names no party reports no deal of theirs, unless it reports one
        # deal the lead names the sides of ("Chipmaker lands $4B order from AI lab"), not a
        # tracker or a weekly of many
        return not (s.deal >= TITLE_DEAL and s.pair >= LEAD_PAIR and len(s.parties) <= ONE_DEAL
                    and s.reading.has_any(TITLE, DEAL_NEWS)
                    and not s.reading.has(TITLE, "analysis"))
    if s.deal >= TITLE_DEAL:
        return False
    if s.pair >= TITLE_PAIR:
        products_only = not s.official and not s.reading.has(TITLE, COMPANY)
        return products_only or not (s.official or s.reading.has_any(TITLE, TOPICAL))
    one_side = bool(s.official) or any(s.roster.dealer(name) for name in s.headline)
    facility = any((h.family == "compute" and h.label in FACILITIES) or h.label in
                   s.roster.projects for h in s.reading.by_sentence[TITLE])
    if s.pair >= LEAD_PAIR and one_side and (_answers_reports(s.reading)
                                             or kinds.moved_by_lead_deal(s.reading)):
        return False
    return not (s.pair >= LEAD_PAIR and one_side and facility
                and kinds.announced_or_priced(s.reading))


def _answers_reports(reading: Reading) -> bool:
    """Is the headline one side's answer to reports ("X comments on recent media speculation"),
    with the lead denying, confirming or placing the talks? The answer is the deal's news."""
    return reading.has_any(TITLE, REPORTS) and any(
        reading.has_any(i, ANSWERS) for i in reading.lead(*LEAD_SPAN))


def _it_cloud(s: Signals) -> bool:
    """The only compute in the headline and lead is a cloud ("moves its IT to Azure", "a
    strategic cloud agreement") and neither says AI: a telco's or a bank's cloud migration is an
    IT contract, not AI compute. A chip, GPUs, a data centre or any word of AI keeps the deal,
    and so does a buyer that is an AI lab and no cloud itself (OpenAI's or Meta's cloud deal is
    compute for models), or a seller that is a pure chip vendor (its contract sells chips,
    whatever words it uses: "computing cards")."""
    if any((s.roster.has_role(p, kinds.LABS) and not s.roster.has_role(p, RUNS_A_CLOUD))
           or s.roster.rival(p) for p in s.parties):
        return False
    hits = [h for i in (TITLE, *s.reading.lead(*LEAD_SPAN)) for h in s.reading.by_sentence[i]]
    if any(h.family == "ai" for h in hits):
        return False
    compute = [h for h in hits if h.family == "chip" or h.family in COMPUTE]
    return bool(compute) and all(h.family == "compute" and h.label in CLOUD_ONLY
                                 for h in compute)


def _off_topic(s: Signals) -> bool:
    return kinds.off_topic(s.reading)


def _analysis(s: Signals) -> bool:
    return kinds.analysis(s.reading, s.parties)


def _open_question(s: Signals) -> bool:
    return kinds.open_question(s.reading)


def _roundup(s: Signals) -> bool:
    return kinds.roundup(s.reading, s.roster, s.headline)


def _launch(s: Signals) -> bool:
    return kinds.launch(s.reading, s.roster.projects)


def _model_offering(s: Signals) -> bool:
    return kinds.model_offering(s.reading)


def _customer_list(s: Signals) -> bool:
    return kinds.customer_list(s.reading)


GATES: Final = (
    Gate("unpaired", _unpaired, "no buyer and supplier named together",
         missing=True),
    Gate("no-deal-cue", _no_deal_cue, "no word of a deal, order, talks or denial",
         missing=True),
    Gate("no-compute", _no_compute, "no chips or compute named",
         missing=True),
    Gate("headline-elsewhere", _headline_elsewhere, "the headline is not about the deal",
         missing=True),
    Gate("it-cloud", _it_cloud, "a cloud contract with no AI in it"),
    Gate("off-topic", _off_topic, "the news is a lawsuit, a hire, an export rule or the like"),
    Gate("analysis", _analysis, "an analysis or explainer, reporting nothing new"),
    Gate("open-question", _open_question, "a question the lead answers with no deal news"),
    Gate("round-up", _roundup, "a round-up or interview naming many companies"),
    Gate("launch", _launch, "a product launch"),
    Gate("model-offering", _model_offering, "a model offered through a cloud, not compute"),
    Gate("customer-list", _customer_list, "buyers listed among a supplier's customers"),
)
