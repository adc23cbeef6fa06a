"""Deal grouping: which tracked deal a relevant story belongs to, or a key for a new one.

Placeholder for the walking skeleton; the triage issue (#4) replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from briefings.models import Deal, Story, Verdict

SAME_DEAL_WINDOW = timedelta(days=120)


def assign_deal_key(verdict: Verdict, story: Story, candidates: Sequence[Deal]) -> str:
    """Return the key of the candidate deal this story is about, else a new key.

    `candidates` are tracked deals sharing at least one party with the verdict.
    """
    for deal in candidates:
        recent = abs(story.published - deal.last_activity) <= SAME_DEAL_WINDOW
        if set(deal.parties) == set(verdict.parties) and recent:
            return deal.key
    return new_deal_key(verdict, story)


def new_deal_key(verdict: Verdict, story: Story) -> str:
    """A readable, stable key: parties, subject and the month the deal was first seen."""
    slug = "-".join(re.sub(r"[^a-z0-9]+", "", p.lower()) for p in verdict.parties)
    subject = re.sub(r"[^a-z0-9]+", "-", verdict.subject.lower()).strip("-")
    return f"{slug}:{subject}:{story.published:%Y-%m}"
