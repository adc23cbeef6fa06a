"""Story triage: is this deal news, between whom, about what, and how confirmed.

`Triage.judge` reads a story once (one automaton pass), then asks small pure questions of that
reading: parties, relevance, status with evidence, chips, subject, values and a summary. A story
the rules leave out though it names one deal's sides gets the word model's second opinion
(learned.py), which may add it, never remove one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from briefings.config import Watchlist
from briefings.models import Story, Verdict
from briefings.triage import counterpart, learned, relevance, subject, values
from briefings.triage.learned import WordModel
from briefings.triage.matcher import Matcher
from briefings.triage.pairing import pick_parties
from briefings.triage.parties import LEAD_SENTENCES
from briefings.triage.reading import Reading, joined, read, with_hits
from briefings.triage.roles import Roster
from briefings.triage.status import decide, on_words_alone
from briefings.triage.summary import summarise

__all__ = ["Triage"]

# Verdicts are immutable, so the many stories that name no buyer and supplier can share one.
_UNPAIRED: Final = Verdict.irrelevant(reasons=("no buyer and supplier named anywhere",))


class Triage:
    """Judges stories against a watch list. Pure: same story, same verdict."""

    def __init__(self, watchlist: Watchlist, words: WordModel | None = None) -> None:
        """`words`: the word model's second opinion; the shipped weights unless given."""
        self._matcher = Matcher(watchlist)
        self._roster = Roster(watchlist)
        self._counterparts = watchlist.counterparts
        self._words = words if words is not None else learned.shipped()

    @property
    def matcher(self) -> Matcher:
        """The compiled watch-list matcher (to recognise company newsrooms by name)."""
        return self._matcher

    def judge(self, story: Story) -> Verdict:
        """Return the verdict for one story; `deal_key` is left for grouping to fill in."""
        text = joined(story.title, story.text)
        raw = self._matcher.scan(text)
        named = self._matcher.names(raw, text)
        named.update(story.official_for)
        roster = self._roster
        paired = roster.pairable(named)
        if not paired and not any(roster.dealer(name) for name in named):
            return _UNPAIRED  # no buyer and supplier named anywhere: stop early
        reading = read(self._matcher, story.title, text, raw)
        if paired:
            parties = pick_parties(reading, roster, story.official_for)
            judged = relevance.judge(reading, roster, parties, story.official_for)
            if any(roster.buyer(name) for name in named):
                return self._verdict(reading, roster, story, parties, judged)
        # One side only, or a builder and its chip maker with no buyer (what a neocloud runs on
        # is often only its brand, and the buyer may be one the watch list does not know): is
        # there a counterpart? Without one, the watched names are judged alone.
        other = counterpart.find(reading, roster, self._counterparts)
        if other is None:
            return self._verdict(reading, roster, story, parties, judged) if paired else (
                _UNPAIRED)
        widened = with_hits(reading, other.hits)
        wider = roster.with_roles({other.name: other.roles})
        with_other = pick_parties(widened, wider, story.official_for)
        rejudged = relevance.judge(widened, wider, with_other, story.official_for)
        if paired and judged.relevant and not rejudged.relevant:
            return self._verdict(reading, roster, story, parties, judged)
        found = f"unwatched counterpart {other.name!r} ({', '.join(sorted(other.roles))})"
        return self._verdict(widened, wider, story, with_other,
                             replace(rejudged, reasons=(found, *rejudged.reasons)))

    def _verdict(self, reading: Reading, roster: Roster, story: Story,
                 parties: tuple[str, ...], judged: relevance.Judgement) -> Verdict:
        if not judged.relevant:
            judged = self._second_opinion(reading, parties, judged)
        if not judged.relevant:
            return Verdict.irrelevant(score=judged.score, reasons=judged.reasons)
        return self._describe(reading, roster, story, parties, judged)

    def _second_opinion(self, reading: Reading, parties: tuple[str, ...],
                        judged: relevance.Judgement) -> relevance.Judgement:
        """A story the rules left out, though it names both sides of a deal, is deal news if
        the word model is sure of it: real outlets word deals in ways no cue list foresees.
        The model only ever adds a story, only one deal's (two or three parties), and only where
        the rules missed a signal, never where they found another kind of news."""
        if not 2 <= len(parties) <= relevance.ONE_DEAL or judged.look_alike:
            return judged
        opinion = self._words.opinion(learned.features(reading))
        return replace(judged, by_words=opinion.sure, reasons=(*judged.reasons, opinion.reason()))

    def _describe(self, reading: Reading, roster: Roster, story: Story,
                  parties: tuple[str, ...], judged: relevance.Judgement) -> Verdict:
        """Everything a relevant verdict carries besides relevance."""
        ruling = decide(reading, parties, story.official_for, story.outlet)
        if judged.by_words:
            ruling = on_words_alone(ruling)
        status, evidence = ruling.status, ruling.evidence
        use = values.use(reading)
        chips = subject.chips(reading, roster, parties)
        what = subject.kind(reading, roster, parties, chips)
        lead = reading.text[: reading.spans[min(LEAD_SENTENCES, len(reading.spans) - 1)][1]]
        return Verdict(
            relevant=True, score=judged.score, parties=parties, chips=chips, use=use,
            value=values.value(lead, reading.folded), capacity=values.capacity(lead),
            status=status, evidence=evidence, summary=summarise(reading, parties, status),
            subject=subject.subject(roster, parties, chips, what, use), kind=what,
            separate=bool(reading.family("separate")), on_record=ruling.on_record,
            reasons=(*judged.reasons,
                     f"status {status.value} ({ruling.rule}): {'; '.join(evidence)}"),
        )
