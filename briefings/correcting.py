"""The one door through which a correction is applied: each kind has its handler, which records
it in the deal's history and plans its Slack messages through the outbox, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from briefings import regroup, status_calls
from briefings.config import Config
from briefings.corrections import Applied, Correction, CorrectionAction, CorrectionRefused
from briefings.store.database import transaction

Handler = Callable[[Session, Config, Correction], Applied]
HANDLERS: dict[CorrectionAction, Handler] = {
    CorrectionAction.SET_STATUS: status_calls.set_status,
    CorrectionAction.NOT_A_DEAL: status_calls.not_a_deal,
    CorrectionAction.MERGE: regroup.merge,
    CorrectionAction.SPLIT: regroup.split,
}


def apply_correction(sessions: sessionmaker[Session], config: Config,
                     correction: Correction) -> Applied:
    """Apply one correction in its own transaction; raises CorrectionRefused."""
    handler = HANDLERS.get(correction.action)
    if handler is None:
        raise CorrectionRefused(f"{correction.action.value} is not supported yet")
    with transaction(sessions) as session:
        return handler(session, config, correction)
