"""Kinds of story that look like compute deals but are not, and one that is without saying so.

A round-up or an interview names many companies around an analysis word; an analysis or
explainer headline reports nothing new. A launch ("AMD
unveils MI450, names OpenAI as a customer") is product news; a model offered, licensed or
distributed through a cloud ("Claude comes to Foundry") supplies a model, not compute. A denial
of a reported contract or of talks is deal news even when the story never says what they are
for ("OpenAI, Oracle deny report of $300 billion contract"); so is a buyer's stake in a compute
supplier (investing in AI chips), which reads like funding news.
"""

from __future__ import annotations

import re
from itertools import pairwise, takewhile
from typing import Final

from briefings.triage import values
from briefings.triage.matcher import Hit
from briefings.triage.parties import explicit_names, main_clause_end, names_in, rivalry_start
from briefings.triage.reading import TITLE, Reading
from briefings.triage.roles import SUPPLIERS, Roster
from briefings.triage.scope import modal, negated, party_named_speaker, says_not
from briefings.triage.vocab import CHIP, COMPANY, mask

NEWS_FAMILIES: Final = mask(("talks", "deny", "final", "confirm", "source", "hedge", "silence"))
LEAD_NEWS: Final = mask(("talks", "deny", "final", "confirm"))  # what answers a question
WORKING: Final = mask(("training", "inference"))
WORKED_ON: Final = mask((CHIP, "compute"))
LAUNCH_REACH: Final = 30
ROUNDUP_NAMES: Final = 3
PRODUCT_WORDS: Final = frozenset({
    "chip", "chips", "ai chip", "ai chips", "gpu", "gpus", "accelerator", "accelerators",
    "processor", "processors", "ai processors", "superchips", "tpu", "tpus", "asic", "asics",
    "xpu", "xpus"})
# a cloud (or a cloud's own name) is where a model is offered as much as compute; "Foundry" is
# also the name of model hubs
WEAK_COMPUTE: Final = frozenset({"cloud", "azure", "oci", "inference", "training", "instances",
                                 "infrastructure", "foundry"})
COMPUTE_FAMILIES: Final = frozenset({"compute", "hardware"})
GENERALLY_AVAILABLE: Final = frozenset({"general availability", "generally available"})
OFFERED: Final = frozenset({"instances", "supercluster", "cluster", "clusters", "servers"})
DEAL_CUES: Final = frozenset({"deal", "final", "contract"})
CONTRACTED: Final = frozenset({"contract", "final"})  # a deal signed, or its contract named
NEOCLOUDS: Final = frozenset({"neocloud"})
WORK: Final = frozenset({"training", "inference"})
INVEST_WORDS: Final = frozenset({
    "stake", "stakes", "invest", "invests", "invested", "investing", "investment", "pours",
    "pouring", "poured", "doubles down", "doubling down", "bets", "betting"})
FUNDING_SUPPLIERS: Final = frozenset({"cloud", "hyperscaler", "chip-vendor"})
LABS: Final = frozenset({"ai-lab"})
CLOUDS: Final = frozenset({"cloud", "hyperscaler"})
STAKES: Final = frozenset({"stake", "stakes"})
JOINERS: Final = frozenset({" and ", ", ", " & ", " and its "})
LEAD_JOINERS: Final = JOINERS | {", and "}
BUILD_REACH: Final = 80  # characters from a build verb to the "with" naming its partner
# what a party disputes when it is only the price (folded): "disputes $20 billion figure"
_DISPUTED_TERMS: Final = re.compile(r" (?:the |its |a )?(?:[$€£]?[\d.,]+ ?\w* )?(?:figure|value|"
                                    r"price|size|valuation|terms|amount|number)\b")
# what two companies launch together that is a deal, not a product (folded, after the verb)
_VENTURE: Final = re.compile(r" (?:a |an |the |their |joint )*(?:[\w,.-]+ )?(?:project|initiative|"
                             r"partnership|venture|programme|program|alliance|collaboration|"
                             r"push|effort|drive|build-?out)\b")
_GENERATION_GAP: Final = re.compile(r"(?:[- ]?[\w.]{1,5})? ")  # "WSE-4 unveiled": "-4 "
# a person who moves, then the move, in one clause of the headline (folded)
_PEOPLE_MOVE: Final = re.compile(
    r"\b(?:chief|executive|exec|veteran|head|lead|boss|president|cto|cfo|ceo|coo|vp|engineer|"
    r"co-?founder|director|scientist|architect)\b[^.;:|]{0,60}?\b(?:joins|joined|leaves|"
    r"leaving|departs|departed|jumps to|jumped to|defects|exits|quits)\b"
    r"|\b(?:taps|picks|names|appoints|hires|recruits|poaches) (?:a |its )?(?:former|ex-|longtime)")
# what the partner is, between "with" and its name (folded): "US firm ", "chip designer "
_DESCRIBED: Final = re.compile(r"(?:[\w.&'-]+ ){0,2}?(?:firm|company|start-?up|chipmaker|"
                               r"designer|maker|partner) ")
_WITH: Final = re.compile(r"[^.;:]*? (?:with|alongside|together with) ")  # folded, one clause
SUBJECT_GAP_WORDS: Final = 3  # "today", "on Monday", "have jointly" between subject and verb
JOINT_COMPUTE: Final = mask(("compute", "chip", "hardware"))
ANNOUNCED: Final = mask(("confirm", "launch", "final"))
# matched in the reading's folded text, so in lower case: "invests $4 billion more in X",
# "takes a stake in chip startup X", "pours $12B into X", "doubles down on X"
_INVESTED_IN: Final = re.compile(r" (?:[^ ]+ ){0,4}?(?:in|into|on) (?:[a-z-]+ ){0,2}")
OWNER_JOINERS: Final = frozenset({" ", "'s "})
# a share-price move named as the headline's subject ("X shares jump", "X stock pops 9%")
MARKET_MOVES: Final = frozenset({"stock", "shares jump"})
# a company's own deal in a headline (folded): "meta's reportedly $9 billion amd order",
# "barclays' nebius deal", "xai-nscale norway pact"
_OWNED_DEAL: Final = re.compile(r"(?:\w's?|\w-[\w.]+) (?:[^\s]+ ){0,5}?(?:deal|order|contract|"
                                r"bet|commitment|lease|pact|agreement|partnership)\b")
# a share move in a headline (folded): "stock skyrocketed", "shares are trading higher"
_SHARES_MOVE: Final = re.compile(
    r"\b(?:stock|stocks|shares)\b[^.;]{0,25}?\b(?:soar\w*|jump\w*|surg\w*|ris\w*|rose|"
    r"climb\w*|gain\w*|rall\w*|pop\w*|spik\w*|skyrocket\w*|trading higher|moving|higher)\b")
# what links a share move to its cause: "... after Y deal", "... as Y doubles down", "... on Y"
_CAUSED_BY: Final = re.compile(r" (?:after|as|on|following|with) ")
# a cause that is the market's guess, not a deal: "... as investors bet on chip orders", "... on
# OpenAI contract hopes"
_GUESSED: Final = re.compile(r"\b(?:investors|analysts|traders|wall street|markets?|hopes?|bets?|"
                             r"optimism|expectations?|speculation|demand|talk of)\b")
# a clause that gives the setting of what the headline reports ("... as rules tighten", "...
# amid a probe") or adds a second point to it ("... but disputes the figure", "..., could take
# a stake", "..., and shares jump")
_CIRCUMSTANCE: Final = re.compile(
    r" (?:as|amid|amidst|while|despite|but|ahead of|after) |, (?:could|may|might|would|will|and) ")


def launch(reading: Reading, projects: frozenset[str] = frozenset()) -> bool:
    """Does the headline launch a product: a launch verb shortly followed by a chip or a chip
    word, with nothing in between ("Nvidia launches Rubin CPX"), or a product made generally
    available (offered to every customer: "X instances with Y GPUs now generally available"),
    and no contract named? A facility launched (one of `projects`: "X and Y launch Stargate
    UK") is a deal's, not a product."""
    hits = reading.by_sentence[TITLE]
    if reading.has(TITLE, "contract") or not reading.has(TITLE, "launch"):
        return False
    for position, hit in enumerate(hits):
        if hit.family == "launch" and (
                _launches_product(reading, hits[position + 1:], hit.end, projects)
                or _launched_before(reading, hits[:position], hit, projects)):
            return True
    return any(h.family == "launch" and h.label in GENERALLY_AVAILABLE for h in hits) and any(
        _product(h) or (h.family == "compute" and h.label in OFFERED) for h in hits)


def off_topic(reading: Reading) -> bool:
    """Is the headline's own news off-topic (a lawsuit, a hire, export rules)? An off-topic cue
    after the reported deal, in a clause that only gives its setting or adds a second point
    ("X orders Y chips as export curbs bite", "X confirms contract but disputes its value"),
    leaves the deal the news; one before the deal, or in a headline with no deal cue, does not.
    A person moving between companies ("Google's TPU lead is leaving to run OpenAI's chip
    team", "Crusoe's finance chief joins Anthropic", "OpenAI taps former Broadcom executive")
    is people news wherever it stands."""
    if _moves_a_person(reading):
        return True
    if not reading.has(TITLE, "off_topic"):
        return False
    hits = reading.by_sentence[TITLE]
    if not any(h.family in DEAL_CUES for h in hits):
        return True
    end = news_end(reading, main_clause_end(reading))
    return any(h.family == "off_topic" and h.start < end
               and _DISPUTED_TERMS.match(reading.folded, h.end) is None for h in hits)


def _moves_a_person(reading: Reading) -> bool:
    """Does the headline move a person between companies? "Joins" counts only with a company
    right after it ("Crusoe's finance chief joins Anthropic"), not "Nvidia CEO joins Altman to
    unveil Stargate UK", where the deal is the news."""
    move = _PEOPLE_MOVE.search(reading.folded, 0, reading.spans[TITLE][1])
    if move is None:
        return False
    if not move.group().endswith(("joins", "joined")):
        return True
    return any(h.family == COMPANY and h.start == move.end() + 1
               for h in reading.by_sentence[TITLE])


def news_end(reading: Reading, end: int) -> int:
    """Where the headline's news ends, at `end` or before: at a clause after its first deal cue
    that only gives the setting (as, amid, while, despite, ahead of, after) or adds a second
    point (but, or a comma and a modal or "and": "X to buy Y chips, could take stake"). A role
    after "as" ("names Y as supplier") is no such clause."""
    hits = reading.by_sentence[TITLE]
    deal = next((h.end for h in hits if h.family in DEAL_CUES and h.start < end), None)
    if deal is None:
        return end
    for clause in _CIRCUMSTANCE.finditer(reading.folded, deal, end):
        if not any(h.start == clause.end() and h.family in DEAL_CUES for h in hits):
            return clause.start()
    return end


# buyers named as members of a supplier's customer base: "OpenAI, Anthropic among customers",
# "customers including Anthropic and SSI"
_CUSTOMER_LIST: Final = re.compile(r"\bamong (?:its |the |their )?(?:[\w-]+ )?(?:customers|users|"
                                   r"clients|buyers)\b|\b(?:customers|users|clients|buyers) "
                                   r"(?:including|such as|like)\b")
CUSTOMER_WORDS: Final = frozenset({"customer", "customers"})


def customer_list(reading: Reading) -> bool:
    """Are the buyers only listed among a supplier's customers, in the headline or the lead
    ("Nvidia tops estimates; OpenAI, Anthropic among customers ramping Rubin", "TPU customers
    including Anthropic and SSI were expanding")? Earnings and demand stories name their
    customer base that way, and what the listed customers do ("among customers renting its
    GPUs") is no deal; a headline with a deal cue of its own before the list ("lands Meta as a
    customer") reports one."""
    end = reading.spans[min(1, len(reading.spans) - 1)][1]
    listed = _CUSTOMER_LIST.search(reading.folded, 0, end)
    if listed is None:
        return False
    return not any(((h.family in DEAL_CUES and h.label not in CUSTOMER_WORDS)
                    or h.family == "talks") and h.start < listed.start()
                   for h in reading.by_sentence[TITLE])


def moves_on_deal(reading: Reading) -> bool:
    """Does the headline report a share-price move caused by a deal ("Tesla shares jump after
    Musk confirms chip deal", "AMD stock pops as OpenAI doubles down on its chips")? Stock-news
    outlets frame most deals this way: the move is the hook, the deal after "after", "as" or
    "on" is the news, so the market words are no exclusion. A move with no deal cue after its
    cause ("Nvidia stock slips as capex slows"), or on the market's guess ("... as investors bet
    on chip orders", "... on contract hopes"), stays market news."""
    hits = reading.by_sentence[TITLE]
    move = next((h for h in hits if h.family == "exclude" and h.label in MARKET_MOVES), None)
    if move is None:
        return False
    cause = _CAUSED_BY.search(reading.folded, move.end, reading.spans[TITLE][1])
    if cause is None or _GUESSED.search(reading.folded, cause.end(), reading.spans[TITLE][1]):
        return False
    return any(h.family in DEAL_CUES and h.start >= cause.end() for h in hits)


def moved_by_lead_deal(reading: Reading) -> bool:
    """Does a stock-move headline about one company ("Why Applied Digital Stock Skyrocketed
    Today", "Cerebras Shares Are Trading Higher: What's Going On?") sit on a lead that gives a
    deal as the cause ("Shares of X soared after it signed a lease with Y")? Market sites report
    most deals this way; the lead is the news. A cause that is the market's guess, or no deal
    cue after "after"/"on", stays market news."""
    end = reading.spans[TITLE][1]
    if len(reading.spans) < 2 or not _SHARES_MOVE.search(reading.folded, 0, end):
        return False
    start, stop = reading.spans[1]
    cause = _CAUSED_BY.search(reading.folded, start, stop)
    if cause is None or _GUESSED.search(reading.folded, cause.end(), stop):
        return False
    return any(h.family in DEAL_CUES and h.start >= cause.end() for h in reading.by_sentence[1])


def works_on(reading: Reading) -> bool:
    """Does the headline say a company trains or serves its models on named chips or compute
    ("X to train its next model on Y's TPUs", "X serves queries on Y clusters")? Working on a
    supplier's hardware is using it, as "to use" or "runs on" says."""
    if not reading.has_any(TITLE, WORKING) or not reading.has_any(TITLE, WORKED_ON):
        return False
    hits, text = reading.by_sentence[TITLE], reading.text
    work = next(h.end for h in hits if h.family in WORK)
    for before, hit in pairwise(hits):
        if hit.start < work or not (hit.family == CHIP or (
                hit.family == "compute" and hit.label not in WORK)):
            continue
        start = before.start if before.family == COMPANY and text[
            before.end:hit.start] in OWNER_JOINERS else hit.start
        if text.endswith((" on ", " on the "), work, start):
            return True
    return False


def investment_cue(reading: Reading, roster: Roster) -> str | None:
    """The headline's investment cue, when it is between a buyer and a compute supplier, either
    way: a buyer investing in a supplier that is not itself a buyer ("OpenAI invests $11.9B in
    CoreWeave", "OpenAI takes stake in chipmaker X") buys compute or a say in its chips, and a
    supplier's money in an AI lab ("AWS invests another $4B in Anthropic to push its chips")
    comes back as its chips and cloud (relevance asks for compute, which a cloud's money in a lab
    implies: `cloud_funds_lab`).
    Other stakes (an investor in OpenAI, a chipmaker in a chipmaker) are funding news. The
    investor is the headline's first company, the investee the first one after the cue."""
    hits = reading.by_sentence[TITLE]
    for position, hit in enumerate(hits):
        if hit.label not in INVEST_WORDS or hit.family not in ("deal", "exclude"):
            continue
        investee = next((h for h in hits[position + 1:] if h.family == COMPANY), None)
        investor = next((h.label for h in hits[:position] if h.family == COMPANY), None)
        if investee is None or investor is None or investor == investee.label:
            continue
        if _INVESTED_IN.fullmatch(reading.folded, hit.end, investee.start) is None:
            continue
        if _buys_into_supplier(roster, investor, investee.label) or _funds_lab(
                roster, investor, investee.label):
            return hit.label
    return None


def cloud_funds_lab(reading: Reading, roster: Roster, cue: str) -> bool:
    """Does the headline's first company, a cloud, put a sum of new money into an AI lab it
    names (`cue`: "Amazon invests another $4 billion in Anthropic")? That money comes back as
    spending on the cloud's compute, named or not. A stake held ("Microsoft to hold a larger
    stake in OpenAI") is ownership, and a chipmaker's money in a lab's round need not buy its
    chips."""
    if cue in STAKES or values.value(reading.sentence(TITLE)) is None:
        return False
    investor = next((h.label for h in reading.by_sentence[TITLE] if h.family == COMPANY), None)
    named = {h.label for h in reading.by_sentence[TITLE] if h.family == COMPANY}
    return investor is not None and roster.has_role(investor, CLOUDS) and any(
        name != investor and roster.has_role(name, LABS) and not roster.has_role(name, CLOUDS)
        for name in named)


# deal words of a supplier's own: what it supplies (the market's "supply chain" or "supply
# constraints" are vetoed in the watch list)
SUPPLY_WORDS: Final = frozenset({"supply", "supplier", "supplies", "supplying"})


def neocloud_contract(reading: Reading, roster: Roster, parties: tuple[str, ...]) -> bool:
    """Is a neocloud under contract with a buyer in the headline or lead ("OpenAI signs a
    five-year contract with CoreWeave", "Meta inks deal with Nebius")? A neocloud sells
    nothing but compute, so its contract is a compute deal, whatever else it names (a stake,
    a sum)."""
    neoclouds = [p for p in parties if roster.has_role(p, NEOCLOUDS)]
    if not neoclouds or not any(roster.buyer(p) for p in parties if p not in neoclouds):
        return False
    return any(h.family in CONTRACTED for i in reading.lead(TITLE, 1)
               for h in reading.by_sentence[i])


def vendor_supply(reading: Reading, roster: Roster, parties: tuple[str, ...]) -> bool:
    """Is a pure chip vendor supplying a buyer, in the headline ("Rebellions says nothing
    decided on Meta supply report", "AMD to supply xAI")? A chip vendor supplies chips,
    whether or not the story names them; a partnership or a stake is no such word."""
    if not any(roster.rival(p) for p in parties) or not any(roster.buyer(p) for p in parties):
        return False
    return any(h.family == "deal" and h.label in SUPPLY_WORDS for h in reading.by_sentence[TITLE])


def _buys_into_supplier(roster: Roster, investor: str, investee: str) -> bool:
    return roster.buyer(investor) and not roster.buyer(investee) and roster.has_role(
        investee, SUPPLIERS)


def _funds_lab(roster: Roster, investor: str, investee: str) -> bool:
    return roster.has_role(investor, FUNDING_SUPPLIERS) and roster.has_role(investee, LABS)


def announced_or_priced(reading: Reading) -> bool:
    """Does the headline announce something or put a figure on it ("unveils", "$50 billion",
    "200MW")? Then it reports an undertaking, not a remark."""
    title = reading.sentence(TITLE)
    return reading.has_any(TITLE, ANNOUNCED) or bool(values.value(title) or values.capacity(title))


def joint_subject(reading: Reading, roster: Roster) -> bool:
    """Is the headline's subject a buyer and a supplier acting together ("Microsoft and OpenAI
    plan a $100 billion data center", "... unveiled by Cerebras, G42"), about compute? Two sides
    doing one thing is a deal, whatever the verb, when the headline says what it is worth,
    announces it or has them build it ("SK Telecom, AWS to build AI data center"); "Oracle and
    OpenAI executives share a stage on capacity" is no deal."""
    if not reading.has_any(TITLE, JOINT_COMPUTE):
        return False
    if not (announced_or_priced(reading) or reading.has(TITLE, "build")):
        return False
    stop = main_clause_end(reading)
    named = [h for h in reading.by_sentence[TITLE] if h.family == COMPANY and h.start < stop]
    for left, right in pairwise(named):
        if reading.text[left.end:right.start].lower() in JOINERS and roster.pairable(
                [left.label, right.label]):
            return True
    return False


def joint_lead(reading: Reading, roster: Roster) -> bool:
    """Does the first lead sentence open with a buyer and a supplier announcing one thing
    together ("OpenAI, Nvidia and Nscale today announced Stargate UK", under "Introducing
    Stargate UK")? Sides that announce together have made a deal, as a joint subject of a
    headline has (`joint_subject`)."""
    if len(reading.spans) < 2:
        return False
    names, verb = _opening_subject(reading, 1)
    return verb is not None and verb.family in ANNOUNCED and roster.pairable(
        [h.label for h in names])


def builds_with(reading: Reading, index: int) -> bool:
    """Does sentence `index` say a company builds compute with a named other ("will build
    facilities in Texas and New York with Fluidstack", "is developing the campus alongside
    Crusoe", "to build own AI chip with US firm Marvell")? Building with someone is a
    partnership, though no deal word is used."""
    hits = reading.by_sentence[index]
    for verb in (h for h in hits if h.family == "build"):
        found = _WITH.search(reading.folded, verb.end, verb.end + BUILD_REACH)
        if found is None:
            continue
        described = _DESCRIBED.match(reading.folded, found.end())  # "with US firm Marvell"
        at = {found.end(), described.end() if described else found.end()}
        if any(h.family == COMPANY and h.start in at for h in hits):
            return True
    return False


def _opening_subject(reading: Reading, index: int) -> tuple[list[Hit], Hit | None]:
    """The companies a sentence opens with, joined as one subject ("OpenAI, Nvidia and Nscale"),
    and the cue that follows them within a few words (their verb), if any."""
    hits = reading.by_sentence[index]
    opening = list(takewhile(lambda h: h.family == COMPANY, hits))
    # one name per place: "SoftBank Corp." over the "SoftBank Corp" inside it
    names = [h for h in opening if not any(o is not h and o.start <= h.start and h.end <= o.end
                                           for o in opening)]
    text, start = reading.text, reading.spans[index][0]
    if not names or text[start:names[0].start].strip() or not all(
            text[a.end:b.start].lower() in LEAD_JOINERS for a, b in pairwise(names)):
        return [], None
    verb = hits[len(opening)] if len(hits) > len(opening) else None
    if verb is None or len(text[names[-1].end:verb.start].split()) > SUBJECT_GAP_WORDS:
        return names, None
    return names, verb


def _launches_product(reading: Reading, after: list[Hit], end: int,
                      projects: frozenset[str]) -> bool:
    """Is the phrase named right after a launch verb ending at `end` a product: a chip or chip
    word, or one ending in one ("unveils its next data center GPU")? Its words follow one
    another; a project (a facility) is none."""
    if not after or after[0].start - end > LAUNCH_REACH:
        return False
    if _VENTURE.match(reading.folded, end):
        return False  # "OpenAI and Nvidia launch project of 50,000 GPUs": a venture's launch
    phrase = [after[0]]
    for hit in after[1:]:
        if reading.text[phrase[-1].end:hit.start] != " ":
            break
        phrase.append(hit)
    return any(_product(h) and h.label not in projects and not _launched_project(
        reading, h, projects) for h in phrase)


def _launched_before(reading: Reading, before: list[Hit], launch: Hit,
                     projects: frozenset[str]) -> bool:
    """Is a product named right before a launch verb in the passive, perhaps with its
    generation ("Cerebras WSE-4 unveiled", "Rubin CPX launched")?"""
    last = next((h for h in reversed(before) if h.end <= launch.start), None)
    return (last is not None and _product(last) and last.label not in projects
            and _GENERATION_GAP.fullmatch(reading.text, last.end, launch.start) is not None)


def _launched_project(reading: Reading, hit: Hit, projects: frozenset[str]) -> bool:
    """Is a project named where `hit` starts (a "stargate" cue inside "Stargate UK")?"""
    return any(h.start == hit.start and h.label in projects for h in reading.by_sentence[TITLE])


def _product(hit: Hit) -> bool:
    return hit.family == CHIP or (hit.family in COMPUTE_FAMILIES and hit.label in PRODUCT_WORDS)


def model_offering(reading: Reading) -> bool:
    """Does the headline offer, license or distribute a model, with no chips or compute
    capacity named in the headline or the lead sentence (only "cloud" or "inference", a chip
    word inside an offering's own name, as in "Microsoft Foundry", or compute the story says is
    not in the deal: "does not include new compute commitments")?"""
    if not reading.has(TITLE, "offering"):
        return False
    offers = [(h.start, h.end) for h in reading.by_sentence[TITLE] if h.family == "offering"]
    lead = reading.lead(TITLE, 1)
    return not any(_strong_compute(h, offers) and not negated(reading, i, h)
                   for i in lead for h in reading.by_sentence[i])


def _strong_compute(hit: Hit, offers: list[tuple[int, int]]) -> bool:
    if hit.family != CHIP and (hit.family not in COMPUTE_FAMILIES or hit.label in WEAK_COMPUTE):
        return False
    return not any(start <= hit.start and hit.end <= end for start, end in offers)


def roundup(reading: Reading, roster: Roster, headline: list[str]) -> bool:
    """Is the headline a round-up, an analysis or an interview: four or more companies named in
    its main clause ("Altman says OpenAI will need chips from Nvidia, AMD, Broadcom and
    Cerebras"), or three beside an analysis or digest word ("The week in AI: Anthropic's TPUs,
    Lambda's Microsoft deal", "Nadella on Maia, OpenAI and why Microsoft buys from Nvidia")?
    One deal's headline names two or three sides and rarely such a word. Chip owners count,
    stocks that moved do not; `headline` (every name in the headline) rules most stories out
    cheaply."""
    least = ROUNDUP_NAMES if reading.has(TITLE, "analysis") else ROUNDUP_NAMES + 1
    if len(headline) < least or _subject_deals(reading):
        return False
    # names after "... to take on AWS, Azure and Google" are rivals, not a list
    stop = min(main_clause_end(reading), rivalry_start(reading))
    names = {*explicit_names(reading, TITLE, stop, brands=True),
             *names_in(reading, roster, TITLE, stop, families=(CHIP,))}
    return len(names) >= least


def _subject_deals(reading: Reading) -> bool:
    """Does the headline open with its companies as the subject of a deal verb ("xAI secures
    Nvidia GPUs via Dell and Super Micro", "OpenAI, Oracle, SoftBank and MGX sign Stargate
    expansion")? A consortium or a supply chain names many sides of one deal; a round-up's
    names follow a speaker or a topic ("Altman says OpenAI will need chips from ...")."""
    _, verb = _opening_subject(reading, TITLE)
    return verb is not None and verb.family in DEAL_CUES


def analysis(reading: Reading, parties: tuple[str, ...]) -> bool:
    """Is the headline an analysis or an explainer about deals ("Why Anthropic's TPU deal
    matters", "The web of deals behind OpenAI's compute"), reporting no news of its own: no
    talks, signing, denial, confirmation or report, and no lead that carries the news
    (`fresh_lead`)?"""
    return reading.has(TITLE, "analysis") and not reading.has_any(TITLE, NEWS_FAMILIES) and (
        not fresh_lead(reading, parties)) and not moved_by_lead_deal(reading)


def fresh_lead(reading: Reading, parties: tuple[str, ...]) -> bool:
    """Does an SEO headline dressed as analysis, about one deal ("Why X's Trainium bet could
    reshape AI"), sit on a lead that reports the deal as news in a party's words, named, with
    nothing placing it earlier ("Amazon said this week that X will train on Trainium4"), or
    that reports talks under way on sources' word ("Inside the $20B deal", the lead: "X is
    negotiating with Y, according to people involved")? Then the news is the deal; a lead that
    places it in the past ("agreed last week; here is what it means") or speaks for the writer
    ("We estimate") leaves an analysis."""
    if len(reading.spans) < 2 or not any(
            h.family in DEAL_CUES for h in reading.by_sentence[TITLE]):
        return False
    if _weighs_one_deal(reading):
        return True
    if reading.has(1, "background"):
        return False
    if reading.has(1, "talks") and reading.has(1, "source"):
        return True
    return any(h.family in ("statement", "confirm") and not says_not(reading, h)
               and party_named_speaker(reading, 1, h, parties) for h in reading.by_sentence[1])


def _weighs_one_deal(reading: Reading) -> bool:
    """Does the headline weigh one company's deal ("Why Meta's $9B AMD order matters", "Why
    Barclays' Nebius deal matters") over a lead that says the deal was announced or signed
    ("announced this week", "Cipher Mining just landed Anthropic", even "last week's
    announcement")? An explainer of one announced deal carries that deal's news."""
    if _OWNED_DEAL.search(reading.folded, 0, reading.spans[TITLE][1]) is None:
        return False
    return any(h.family in ("confirm", "final") and not negated(reading, 1, h)
               for h in reading.by_sentence[1])


def open_question(reading: Reading) -> bool:
    """Is the headline a question ("Could AMD win Meta's next order?") that states no news and
    that the lead answers with none: no deal signed, confirmed, denied or under talks, only a
    guess? A question over a lead that reports the deal ("Is X about to sign with Y?", the
    lead: "X is in talks with Y, people familiar said") is that deal's news."""
    if not reading.sentence(TITLE).rstrip().endswith("?") or _tells_news(reading, TITLE):
        return False  # "X chooses AMD for its cluster, a slap for Nvidia?" states its news
    return len(reading.spans) < 2 or not _tells_news(reading, 1)


def _tells_news(reading: Reading, index: int) -> bool:
    """Does the sentence report a deal as news: signed, confirmed, denied or under talks, not
    negated and not under a modal ("could win" guesses)?"""
    return any(h.family in LEAD_NEWS and not negated(reading, index, h)
               and not modal(reading, index, h) for h in reading.by_sentence[index])


def denied_contract(reading: Reading, first: int = TITLE) -> bool:
    """Does the headline (or, for a newsroom's statement on reports, `first` = 1: the lead)
    deny a reported contract, deal or talks ("not in talks with Microsoft"; a denial of
    something else, a layoff or a lawsuit, names neither)? A speech verb reporting a negative
    denies too ("X says no contract with Y", "Y says it has not signed")."""
    where = reading.lead(first, first + 2 if first else TITLE)
    if not any(_denies(reading, i) for i in where):
        return False
    return any(reading.has(i, "talks") for i in where) or any(
        reading.has(i, "contract") for i in reading.lead(first, where.stop))


def _denies(reading: Reading, index: int) -> bool:
    return reading.has(index, "deny") or (reading.has(index, "statement") and any(
        h.family == "statement" and says_not(reading, h) for h in reading.by_sentence[index]))
