"""Scope of a cue: is it negated, whose words is it, and which nearby words to quote as evidence."""

from __future__ import annotations

import re
from typing import Final

from briefings.quotes import cut_quote
from briefings.triage.matcher import Hit
from briefings.triage.reading import TITLE, Reading
from briefings.triage.vocab import COMPANY, LEADER

NEGATION_REACH: Final = 24
NEGATIVE_STARTS: Final = frozenset({"not", "no", "never"})  # "not negotiating", "no plans"
MODAL_REACH: Final = 12  # "may soon buy", "would also use": a word may stand between
# modal verbs and the words of what is only expected: "plans to" or "aims to" from a party's
# own mouth can announce a deal
MODALS: Final = frozenset({"could", "may", "might", "would", "expected to", "likely to",
                           "set to", "poised to", "slated to"})
TERMS_REACH: Final = 40
SPEAKER_REACH: Final = 48
ASIDE_REACH: Final = 100  # "IREN, <what it is, in a clause>, said": an aside between name and verb
# an aside between a name and its verb, then perhaps when it spoke: ", the search giant, on Monday "
_ASIDE: Final = re.compile(r",[^,.;()]{1,80},(?:\s+(?:on|late|early|earlier)\s+\w+|\s+(?:today|"
                           r"yesterday|this week|last week))?\s*")
ATTRIBUTION: Final = "according to"
# These three are matched in the reading's folded text, so they are written in lower case.
_ON_RECORD: Final = re.compile(r"\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w'-]+\s+){0,2}?"
                               r"(?:statements?|filings?|(?:press\s+)?releases?|announcements?|"
                               r"notifications?|notices?|disclosures?|"
                               r"compan(?:y|ies)|blog\s+posts?|"
                               r"posts?\s+on\s+(?:[\w'-]+\s+){0,2}?(?:blog|website|newsroom))\b")
# a clause that states a deal's value: "the contract is reportedly worth about $1.2 billion"
_VALUE_CLAUSE: Final = re.compile(r"\s*(?:the|its|this) (?:[\w-]+ ){0,2}?(?:deal|contract|"
                                  r"agreement|order|lease|pact) (?:is|was) (?:[\w-]+ ){0,2}?"
                                  r"(?:worth|valued)\b")
# what qualifies a deal rather than denies it, after a speech verb (folded): "says the pact is
# 'not exclusive'", "says it is not the only supplier"
_QUALIFIER: Final = re.compile(r"[^.;]{0,40}?\bnot (?:exclusive|the only|the sole|its only)\b")
# unnamed people, who are nobody's spokesperson (folded)
_UNNAMED: Final = r"(?:people|persons?|sources?|insiders?)\b"
# a second, unnamed source after a document: "according to a filing and two people familiar"
_AND_SOURCES: Final = re.compile(rf"(?: [\w'-]+){{0,3}}? and (?:[\w-]+ ){{0,2}}?{_UNNAMED}")
# what a speech verb reports is negative: "says no deal", "said it had not", "says it isn't"
_SAYS_NOT: Final = re.compile(
    r"(?:\s+on\s+\w+day)?(?:\s+that)?(?:\s+(?:it|they|there|we|he|she|the compan(?:y|ies)))?"
    r"(?:\s+(?:no|not|never|nothing|none|cannot|won't|can't)\b"
    r"|\s+(?:is|are|was|were|has|have|had|will|would|does|did|do|could|can)"
    r"(?:\s+(?:no|not|never|nothing)\b|n't\b))")
_FIGURE: Final = re.compile(r"(?: to be)? (?:worth|valued|priced)\b| to (?:run|last|span) "
                            r"|(?: to be| at)?(?: about| around| some| above| over| more than"
                            r"| nearly| almost| up to| as much as| roughly)? (?:[$€£¥]|us\$)\d")
# an amount right before the cue, folded: "up to $27 billion possible", "$10bn rumoured"
_FIGURE_BEFORE: Final = re.compile(
    r"[$€£¥]\d[\d,.]*\s?(?:tn|trillion|bn|bln|billion|million|m|b)? $")
SPEAKERS: Final = frozenset({COMPANY, LEADER})  # hits that can name who speaks for a party
_SPEAKER: Final = re.compile(r"\b(?:company|companies|spokes\w+|executive|ceo|chief|president|"
                             r"officials?|ministry|minister|government|parties|firms|statement|"
                             r"we|our)\b")
# the party itself, by a pronoun or by what it is, right before the verb ("the French start-up
# said", "it said on Monday"); a speech verb with any other subject is someone else's word
_ANAPHOR: Final = re.compile(
    r"\b(?:it|they|both|the (?:[\w-]+ ){0,2}(?:firms?|start-?ups?|labs?|chipmakers?|groups?|"
    r"makers?|giants?|providers?|operators?|partners|neoclouds?|hyperscalers?|developers?|"
    r"designers?|vendors?|suppliers?|builders?|units?|owners?|parent|banks?|lenders?|"
    r"insurers?|carmakers?|automakers?|telcos?|carriers?|retailers?|manufacturers?))"
    r"(?: also| has| had| have)?(?: on \w+day)? $")
# what a deal might do to a market, not whether it happens: "could reshape AI", "may lift
# Nvidia"; deal verbs ("could power", "may use") are not among them
_IMPACT: Final = re.compile(r" (?:(?:also|soon|further|even) )?(?:reshape|transform|change|"
                            r"boost|lift|hurt|upend|shake up|redefine|mean|matter|spark|"
                            r"threaten|disrupt|accelerate|pressure|dent|weigh on|rattle|"
                            r"challenge|tip)\b")
# talks or an evaluation the deal came out of: "after a months-long evaluation", "following
# two years of negotiations"
_AFTER_STEP: Final = re.compile(r"\b(?:after|following) (?:[\w'-]+ ){0,3}$")
AFTER_STEP_REACH: Final = 40
# a word or two that qualify the speaker after the verb, never unnamed people ("said IT
# ministry", not "said people familiar with the company")
_QUALIFIED: Final = re.compile(rf"(?:(?!{_UNNAMED})[\w&-]+ ){{1,2}}")
# the speaker after the verb: "confirmed by OpenAI", "said Nvidia's chief", "said the company"
_AFTER: Final = re.compile(r"(?: on \w+day| yesterday| today| this week)?,? (?:by )?"
                           r"(?:the |a |an |its |both )?")


def negated(reading: Reading, index: int, hit: Hit) -> bool:
    """A negation ends shortly before `hit` in the same sentence ("has not confirmed"). A cue
    that is negative itself is not turned by an earlier one: in "has not signed and is not
    negotiating" each "not" carries its own phrase; nor does a negation reach past a comma
    ("has no agreement, disputing the report")."""
    if not reading.has(index, "negation") or hit.label.split(" ", 1)[0] in NEGATIVE_STARTS:
        return False
    return any(h.family == "negation" and h.end <= hit.start <= h.end + NEGATION_REACH
               and "," not in reading.text[h.end:hit.start] for h in reading.by_sentence[index])


def modal(reading: Reading, index: int, hit: Hit) -> bool:
    """A modal ends just before `hit` ("may buy", "could soon sign", "is expected to use"): a
    verb that might happen confirms nothing."""
    if not reading.has(index, "maybe"):
        return False
    return any(h.family == "maybe" and h.label in MODALS and h.start != hit.start
               and h.end <= hit.start <= h.end + MODAL_REACH for h in reading.by_sentence[index])


def about_figure(reading: Reading, hit: Hit) -> bool:
    """Does a figure follow the cue ("reportedly worth $10 billion", "said to be valued at",
    "reported to run three years"), or does the cue close an amount ("up to $27 billion
    possible")? Then what it doubts is the figure."""
    start = reading.spans[hit.sentence][0]
    return _FIGURE.match(reading.folded, hit.end) is not None or (
        _FIGURE_BEFORE.search(reading.folded, start, hit.start) is not None)


def in_value_clause(reading: Reading, hit: Hit) -> bool:
    """Is the cue's clause one that states what the deal is worth ("the contract is worth about
    $1.2 billion, according to a person briefed on it")? Its source vouches for the price: a
    party's announcement in the same sentence still stands, though with no party speaking the
    source still doubts the deal."""
    start, end = reading.spans[hit.sentence]
    clause = max(reading.folded.rfind(";", start, hit.start) + 1, start)
    stop = reading.folded.find(";", hit.end, end)
    return _VALUE_CLAUSE.match(reading.folded, clause, end if stop < 0 else stop) is not None


def about_impact(reading: Reading, hit: Hit) -> bool:
    """Does the modal `hit` govern what the deal might do to others ("Why X's TPU bet could
    reshape AI infrastructure", "a deal that may lift Nvidia")? SEO and stock headlines speculate
    on consequences of done deals; that doubts the consequence, not the deal."""
    return _IMPACT.match(reading.folded, hit.end) is not None


def after_step(reading: Reading, hit: Hit) -> bool:
    """Is a talks cue what the deal came out of ("will adopt the chips after a months-long
    evaluation", "signed following two years of negotiations")? A step behind the deal doubts
    nothing."""
    start = max(reading.spans[hit.sentence][0], hit.start - AFTER_STEP_REACH)
    return _AFTER_STEP.search(reading.folded, start, hit.start) is not None


def says_not(reading: Reading, hit: Hit) -> bool:
    """Does the speech verb `hit` report something negative ("Google says no deal has been
    signed")? Then a party speaking is no confirmation. A deal said to be "not exclusive" or
    "not the only" one is a deal with a qualifier, not a negative."""
    said = _SAYS_NOT.match(reading.folded, hit.end)
    return said is not None and _QUALIFIER.match(reading.folded, hit.end) is None


def about_terms(reading: Reading, index: int, hit: Hit) -> bool:
    """Is a deal's terms word ("value", "financial terms") close to `hit`, so that a negated
    cue there ("The value was not disclosed") is about the price, not the deal?"""
    if not reading.has(index, "terms"):
        return False
    return any(h.family == "terms" and hit.start - TERMS_REACH <= h.start <= hit.end + TERMS_REACH
               for h in reading.by_sentence[index])


def on_record(reading: Reading, index: int, hit: Hit, parties: tuple[str, ...]) -> bool:
    """`hit` (a speech verb) has a party or its spokesperson as its subject."""
    if party_named_speaker(reading, index, hit, parties):
        return True
    start = max(reading.spans[index][0], hit.start - SPEAKER_REACH)
    if _ANAPHOR.search(reading.folded, start, hit.start) or _named_after(reading, index, hit,
                                                                        parties):
        return True
    return any("." not in reading.text[m.end():hit.start]
               and _subject_of(reading.text, m.end(), hit.start)
               for m in _SPEAKER.finditer(reading.folded, start, hit.start))


def party_named_speaker(reading: Reading, index: int, hit: Hit,
                        parties: tuple[str, ...]) -> bool:
    """Is a party, by name or its leader's, the subject of the speech verb `hit` ("Amazon's
    cloud unit said", "Nebius said on Monday", "Musk said")? A pronoun or "we" is not a name."""
    return any(_speaks_for(h, parties)
               and 0 <= hit.start - h.end <= ASIDE_REACH
               and _subject_of(reading.text, h.end, hit.start)
               for h in reading.by_sentence[index])


def _named_after(reading: Reading, index: int, hit: Hit, parties: tuple[str, ...]) -> bool:
    """Is the speaker named right after the verb ("confirmed by OpenAI", "said Nvidia's head of
    sales", "said a spokesperson")?"""
    after = _AFTER.match(reading.folded, hit.end)
    at = after.end() if after else hit.end
    qualified = _QUALIFIED.match(reading.folded, at)  # "says IT ministry", "said AMD's chief"
    if _SPEAKER.match(reading.folded, at) or (
            qualified and _SPEAKER.match(reading.folded, qualified.end())):
        return True
    return any(h.start == at and _speaks_for(h, parties) for h in reading.by_sentence[index])


def _speaks_for(hit: Hit, parties: tuple[str, ...]) -> bool:
    """Is `hit` a party's name, or one of its leaders' (`CompanyConfig.leaders`)?"""
    return hit.family in SPEAKERS and hit.label in parties


def _subject_of(text: str, end: int, verb: int) -> bool:
    """Can the name ending at `end` be the subject of the speech verb at `verb`? Not when a
    comma stands between them ("... a contract with Google, people briefed on it said"), unless
    the name opens an aside the verb follows ("Google, the search giant, said", "IREN, the
    data-centre operator that once mined bitcoin, on Monday said"): an aside may run longer."""
    between = text[end:verb]
    if "," not in between:
        return verb - end <= SPEAKER_REACH
    return _ASIDE.fullmatch(between) is not None


def attributed_to_party(reading: Reading, index: int, hit: Hit,
                        parties: tuple[str, ...]) -> bool:
    """An attribution cue ("according to") whose source is a party or its own statement or
    filing, qualified or not ("a regulatory filing", "the company's statement"): on the record,
    not a hedge, unless unnamed people share the credit ("a filing and people familiar")."""
    if hit.label != ATTRIBUTION:
        return False
    document = _ON_RECORD.match(reading.folded, hit.end)
    if document:
        return not _AND_SOURCES.match(reading.folded, document.end())
    return any(h.family == "company" and h.label in parties and 0 <= h.start - hit.end <= 5
               for h in reading.by_sentence[index])


def quote(reading: Reading, index: int, hit: Hit) -> str:
    """The cue's sentence, or its clause or phrases around the cue when the sentence is long,
    exactly as the story has them (`briefings.quotes` owns the cutting rule)."""
    start, end = reading.spans[index]
    return cut_quote(reading.text[start:end], (hit.start - start, hit.end - start))


# what sets an outlet's credit apart at a headline's end: "... - FT", "... | Reuters", "..., per
# Bloomberg", "... (The Information)"
_CREDIT_BEFORE: Final = re.compile(
    r"(?:\s[-\u2013\u2014|]|[-\u2013\u2014|]\s|,? (?:per|citing|via)|\()\s*$")
_CREDIT_AFTER: Final = re.compile(r"[\s).:]*$")
_CREDIT_OPENS: Final = re.compile(r"[)\]]?\s*:\s")  # "FT: ...", "[Bloomberg]: ..."


def credited(reading: Reading, hit: Hit) -> bool:
    """Is the outlet `hit` the headline's credit ("Meta signs Google cloud deal - The
    Information")? Then the headline is that outlet's scoop, not a party's word. An outlet named
    inside the headline ("Reuters poll") credits nothing, and neither does an aggregator's
    listing, whose body repeats the headline: there the name is the publisher's."""
    start, end = reading.spans[TITLE]
    if not reading.text[start:hit.start].strip("[( ") and _CREDIT_OPENS.match(
            reading.text, hit.end):
        return True  # "FT: Oracle to buy Nvidia chips for OpenAI": the outlet opens its scoop
    before = _CREDIT_BEFORE.search(reading.text, start, hit.start)
    if before is None or _CREDIT_AFTER.fullmatch(reading.text, hit.end, end) is None:
        return False
    headline = reading.text[start:before.start()].strip()
    return not reading.text[end:].lstrip().startswith(headline)
