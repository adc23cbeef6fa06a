"""A throwaway in-memory deal book: groups stories as they arrive, with no database.

The triage command and the devset evaluation use it; the real pipeline uses the store instead.
"""

from __future__ import annotations

from dataclasses import replace

from briefings.models import Deal, Story, Verdict
from briefings.triage.grouping import assign_deal_key


class DealBook:
    """Deals by key; each relevant verdict joins one (or starts one) in arrival order."""

    def __init__(self) -> None:
        self._deals: dict[str, Deal] = {}

    def place(self, verdict: Verdict, story: Story) -> str:
        """The verdict's deal key, recording the story's activity on that deal."""
        shared = set(verdict.parties)
        candidates = [d for d in self._deals.values() if shared & set(d.parties)]
        key = assign_deal_key(verdict, story, candidates)
        known = self._deals.get(key)
        self._deals[key] = _opened(key, verdict, story) if known is None else _touched(
            known, verdict, story)
        return key


def _opened(key: str, verdict: Verdict, story: Story) -> Deal:
    status = verdict.status
    assert status is not None, "only relevant verdicts are placed"
    return Deal(key=key, parties=verdict.parties, subject=verdict.subject, chips=verdict.chips,
                status=status, status_since=story.published, first_seen=story.published,
                last_activity=story.published, summary=verdict.summary,
                evidence=verdict.evidence, kind=verdict.kind)


def _touched(deal: Deal, verdict: Verdict, story: Story) -> Deal:
    status = verdict.status or deal.status
    since = deal.status_since if status is deal.status else story.published
    chips = deal.chips or verdict.chips
    return replace(deal, status=status, status_since=since, chips=chips,
                   last_activity=max(deal.last_activity, story.published))
