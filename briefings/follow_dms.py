"""Direct messages to the people who follow a deal or one of its companies.

`plan_follow_dms` is called after a deal's update is saved, in the transaction that saved it:
by the pipeline for each story, and by the correction handlers after theirs. A company's
followers hear of its new deals and of status changes; a deal's followers of status changes.
Hidden deals (and deals merged into another) send nothing, and their waiting DMs are withdrawn.
The person whose correction set the status is not told of their own change.

At most one DM per person per deal per hour. A change within the hour after the person's last
DM about the deal (sent, or possibly sent) is planned for an hour after that DM. A DM still
waiting (no attempt reached Slack) is superseded by the newer one, which keeps the waiting
one's starting point ("was UNCONFIRMED", or "new deal"), so the person hears the latest state
once. When the latest state is what the person last heard (confirmed, denied, confirmed again
within the hour), the waiting DM is withdrawn and nothing is sent.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.briefing import MessageKind
from briefings.follows import FollowTarget, TargetKind, reached
from briefings.models import Deal, Status
from briefings.store import follow_dms, follows, outbox
from briefings.store.deals import get_deal
from briefings.store.tables import DealStatusRow

log = logging.getLogger(__name__)

DM_INTERVAL = timedelta(hours=1)
SUPERSEDED = "superseded by a later change of the same deal"
UNWANTED = "no longer wanted: the deal is hidden, merged or no longer followed"


@dataclass(frozen=True, slots=True)
class FollowDm:
    """What one DM says, as raw text (escaped when rendered): the deal, what changed since the
    person last heard of it, the source, and the follow that brought it to them."""

    deal_key: str
    status: Status
    previous: Status | None  # the status the person last heard; None with is_new
    is_new: bool
    parties: tuple[str, ...]
    subject: str
    at: datetime
    outlet: str
    link: str
    followed: FollowTarget
    set_by: str | None = None  # the name of the person whose call the status is

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(at=self.at.isoformat(), followed=[self.followed.kind.value,
                                                      self.followed.target])
        return data

    @staticmethod
    def from_json(data: dict[str, Any]) -> FollowDm:
        kind, target = data["followed"]
        previous = data["previous"]
        return FollowDm(**{
            **data, "status": Status(data["status"]),
            "previous": Status(previous) if previous else None,
            "parties": tuple(data["parties"]), "at": datetime.fromisoformat(data["at"]),
            "followed": FollowTarget(TargetKind(kind), target)})


def plan_follow_dms(session: Session, deal: Deal, previous: Status | None, is_new: bool,
                    now: datetime) -> int:
    """Plan the DMs one update of `deal` causes (saved already; `previous` its status before,
    `is_new` when the update opened it); returns how many were planned."""
    if deal.hidden or deal.merged_into is not None:
        withdraw_waiting(session, follow_dms.waiting_for(session, deal_key=deal.key))
        return 0
    if not is_new and previous == deal.status:
        return 0
    planned = 0
    for user, targets in follows.followers(session, deal.key, deal.parties).items():
        followed = reached(targets, deal)
        if followed is None or (is_new and followed.kind is TargetKind.DEAL):
            continue
        if deal.set_by is not None and deal.set_by.id == user and not is_new:
            continue
        planned += _plan_one(session, deal, user, followed, previous, is_new, now)
    return planned


def _plan_one(session: Session, deal: Deal, user: str, followed: FollowTarget,
              previous: Status | None, is_new: bool, now: datetime) -> int:
    """One person's DM under the hour rule (see the module docstring)."""
    posted = follow_dms.last_posted(session, user, deal.key)
    if posted is not None and posted.at + DM_INTERVAL <= now:
        posted = None  # over an hour ago: this change stands on its own
    waiting = follow_dms.waiting(session, user, deal.key)
    if waiting is not None and outbox.withdraw(session, waiting.id, SUPERSEDED):
        start = FollowDm.from_json(waiting.payload)
        is_new, previous = start.is_new, start.previous
    elif waiting is not None:  # claimed while we looked: it may be posted, as of now
        posted = follow_dms.DmRow(waiting.id, deal.key, waiting.payload, now)
    if posted is not None and not is_new:
        previous = Status(posted.payload["status"])
    if not is_new and previous == deal.status:
        return 0
    dm = FollowDm(deal.key, deal.status, None if is_new else previous, is_new, deal.parties,
                  deal.subject, deal.status_since, *_source(session, deal.key), followed,
                  deal.set_by.name if deal.set_by else None)
    number = follow_dms.planned_count(session, user, deal.key) + 1
    not_before = max(now, posted.at + DM_INTERVAL) if posted is not None else now
    added = outbox.enqueue_payload(
        session, f"{MessageKind.FOLLOW_DM.value}|{deal.key}|{user}|{number}",
        MessageKind.FOLLOW_DM, user, dm.to_json(), now, deal_key=deal.key,
        not_before=not_before)
    return int(added)


def _source(session: Session, deal_key: str) -> tuple[str, str]:
    """The outlet and link of the deal's latest status entry that has a source."""
    query = (select(DealStatusRow.outlet, DealStatusRow.link)
             .where(DealStatusRow.deal_key == deal_key, DealStatusRow.link != "")
             .order_by(DealStatusRow.id.desc()).limit(1))
    row = session.execute(query).first()
    return (row[0], row[1]) if row is not None else ("", "")


def withdraw_unfollowed(session: Session, user: str) -> int:
    """After an unfollow: the person's waiting DMs about deals none of their follows reach
    any more are withdrawn; returns how many."""
    kept = follows.follows_of(session, user)
    gone = []
    for dm in follow_dms.waiting_for(session, user=user):
        deal = get_deal(session, dm.deal_key)
        if deal is None or reached(kept, deal) is None:
            gone.append(dm)
    return withdraw_waiting(session, gone)


def withdraw_waiting(session: Session, dms: list[follow_dms.DmRow]) -> int:
    """Withdraw these waiting DMs (those an attempt has not reached Slack with since)."""
    withdrawn = sum(outbox.withdraw(session, dm.id, UNWANTED) for dm in dms)
    if withdrawn:
        log.info("withdrew %d waiting direct message(s): %s", withdrawn, UNWANTED)
    return withdrawn
