"""A person's call on a deal: its status (SET_STATUS) or that it is not a deal (NOT_A_DEAL).

Each is recorded in the deal's status history with who, when and why, saved on the deal (the
call stands against later stories until a party's own word replaces it, see `briefings.deals`),
and shown: every post of the deal is edited and each thread gets a note (`call_messages`).
`_apply` is the one place a call takes effect, so whatever else must follow one (a direct
message to followers) goes there.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from briefings.call_messages import plan_call, plan_new_posts
from briefings.config import Config
from briefings.corrections import Applied, Correction, CorrectionRefused
from briefings.deals import title
from briefings.follow_dms import plan_follow_dms
from briefings.models import ChangeKind, Deal, StatusChange
from briefings.store.deals import add_status_change, lock_live_deal, save_deal


def set_status(session: Session, config: Config, correction: Correction) -> Applied:
    """The status is `correction.status`, on the person's word. On a deal marked not a deal it
    also brings the deal back. The same status already set by a person changes nothing."""
    deal = _locked(session, correction)
    status = correction.status
    if status is None:
        raise CorrectionRefused("Say which status the deal has: confirmed, unconfirmed or denied.")
    if deal.set_by is not None and deal.status is status and not deal.hidden:
        raise CorrectionRefused(f"{title(deal)} is already {status.value.upper()}, "
                                f"set by {deal.set_by.name}.")
    call = replace(deal, status=status, status_since=correction.at, set_by=correction.by,
                   hidden=False)
    return _apply(session, deal, call, ChangeKind.CORRECTION, correction, config)


def not_a_deal(session: Session, config: Config, correction: Correction) -> Applied:
    """Not deal news: the deal is hidden from lists, search and the digest (its stories stay
    recorded, and later ones join it unannounced) and its posts say so."""
    deal = _locked(session, correction)
    if deal.hidden:
        by = f" by {deal.set_by.name}" if deal.set_by else ""
        raise CorrectionRefused(f"{title(deal)} is already marked not a deal{by}.")
    call = replace(deal, status_since=correction.at, set_by=correction.by, hidden=True)
    return _apply(session, deal, call, ChangeKind.NOT_A_DEAL, correction, config)


def _locked(session: Session, correction: Correction) -> Deal:
    """The deal, locked till the correction commits, or a refusal the person can act on. A
    deal merged into another is corrected where it lives on (its old posts point there)."""
    deal = lock_live_deal(session, correction.deal_key)
    if deal is None:
        raise CorrectionRefused(f"No tracked deal has the key {correction.deal_key}; "
                                "it may have been removed.")
    if deal.merged_into is not None:  # merged into a deal that is no longer there
        raise CorrectionRefused(f"{title(deal)} was just merged into {deal.merged_into}; "
                                "correct that deal instead.")
    return deal


def _apply(session: Session, before: Deal, after: Deal, kind: ChangeKind,
           correction: Correction, config: Config) -> Applied:
    """Record the call, save the deal and plan what Slack must show, in the caller's
    transaction."""
    change = StatusChange(after.status, correction.at, correction.story_id or "", "", "",
                          kind=kind, by=correction.by, reason=correction.reason)
    save_deal(session, after)
    change_id = add_status_change(session, after.key, change)
    posts = plan_call(session, before, after, change, change_id)
    plan_new_posts(session, config.briefings.channels, after, change)
    plan_follow_dms(session, after, before.status, is_new=False, now=correction.at)
    return Applied(after.key, _told(before, after, posts))


def _told(before: Deal, after: Deal, posts: int) -> str:
    """The line for the person who made the call."""
    where = f"; {posts} post(s) will show it" if posts else ""
    if after.hidden:
        return f"Marked {title(after)} as not a deal{where}. It leaves lists and the digest."
    was = f" (was {before.status.value.upper()})" if before.status is not after.status else ""
    return f"Marked {title(after)} {after.status.value.upper()}{was}{where}."

