"""The demo's analysts in the loop: what two clicks in Slack's correction menu would apply.

The listener (`bot.listeners.corrections`) turns a signed form submission into a `Correction`
and hands it to `apply_correction`; the demo hands over the same values directly, so it shows
the posts, thread notes and badges that follow without a Slack workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.services import Services
from briefings.correcting import apply_correction
from briefings.corrections import Correction, CorrectionAction
from briefings.models import Deal, Person, Status
from briefings.store.database import transaction
from briefings.store.deals import recent_deals

EDITOR = Person("U0DEMOBEN", "ben")
CONFIRM_REASON = "Meta's CFO confirmed the MI450 order on today's earnings call"
MERGE_REASON = "Oracle hosts the MI450s Meta ordered: one deal, not two"


def correct_and_merge(services: Services, now: datetime) -> list[str]:
    """Ben marks the AMD + Meta rumour CONFIRMED, then says the Meta + Oracle capacity report
    is the same deal; returns what the form told him after each."""
    order = _deal(services, lambda d: set(d.parties) == {"AMD", "Meta"})
    hosting = _deal(services, lambda d: set(d.parties) == {"Meta", "Oracle"})
    corrections = [
        Correction(CorrectionAction.SET_STATUS, order.key, EDITOR, now, CONFIRM_REASON,
                   status=Status.CONFIRMED),
        Correction(CorrectionAction.MERGE, hosting.key, EDITOR, now, MERGE_REASON,
                   target=order.key),
    ]
    return [apply_correction(services.sessions, services.config, c).message
            for c in corrections]


def _deal(services: Services, wanted: Callable[[Deal], bool]) -> Deal:
    with transaction(services.sessions) as session:
        deals = recent_deals(session, 50)
    return next(deal for deal in deals if wanted(deal))
