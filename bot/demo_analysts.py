"""The demo's analysts in the loop: what two clicks in Slack's correction menu would apply.

The listener (`bot.listeners.corrections`) turns a signed form submission into a `Correction`
and hands it to `apply_correction`; the demo hands over the same values directly, so it shows
the posts, thread notes and badges that follow without a Slack workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.render.correction_form import FormState, correction_view
from bot.services import Services
from briefings.correcting import apply_correction
from briefings.corrections import Correction, CorrectionAction
from briefings.models import Deal, Person, Status
from briefings.store.database import transaction
from briefings.store.deals import recent_deals

EDITOR = Person("U0DEMOBEN", "ben")
CONFIRM_REASON = "Meta's CFO confirmed the MI450 order on today's earnings call"
MERGE_REASON = "Oracle hosts the MI450s Meta ordered: one deal, not two"


@dataclass(frozen=True, slots=True)
class Step:
    """One correction: the form Slack would show (its view JSON) and what it answered."""

    name: str
    form: dict[str, Any]
    answer: str


def correct_and_merge(services: Services, now: datetime) -> list[Step]:
    """Ben marks the AMD + Meta rumour CONFIRMED, then says the Meta + Oracle capacity report
    is the same deal."""
    order = _deal(services, lambda d: set(d.parties) == {"AMD", "Meta"})
    hosting = _deal(services, lambda d: set(d.parties) == {"Meta", "Oracle"})
    confirm = Correction(CorrectionAction.SET_STATUS, order.key, EDITOR, now, CONFIRM_REASON,
                         status=Status.CONFIRMED)
    merge = Correction(CorrectionAction.MERGE, hosting.key, EDITOR, now, MERGE_REASON,
                       target=order.key)
    return [_apply(services, "correction", confirm, order, ()),
            _apply(services, "merge", merge, hosting, (order,))]


def _apply(services: Services, name: str, correction: Correction, deal: Deal,
           targets: tuple[Deal, ...]) -> Step:
    form = FormState(correction.action, deal.key, correction.status)
    view = correction_view(form, deal, targets).to_dict()
    answer = apply_correction(services.sessions, services.config, correction).message
    return Step(name, view, answer)


def _deal(services: Services, wanted: Callable[[Deal], bool]) -> Deal:
    with transaction(services.sessions) as session:
        deals = recent_deals(session, 50)
    return next(deal for deal in deals if wanted(deal))
