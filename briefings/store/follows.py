"""The companies and deals people follow (`follows`: unique per user, kind and target).

`follow` and `unfollow` are idempotent: following twice keeps one row, unfollowing what is not
followed changes nothing; each says whether it changed anything. Two requests racing to insert
the same row meet the unique key (WriteConflict); run them with `retrying_conflicts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from briefings.follows import FollowTarget, TargetKind
from briefings.store.tables import FollowRow


def follow(session: Session, user: str, target: FollowTarget, now: datetime) -> bool:
    """Start following; False when the person already follows it."""
    if _exists(session, user, target):
        return False
    session.add(FollowRow(user_id=user, target_kind=target.kind.value, target=target.target,
                          created_at=now))
    session.flush()
    return True


def unfollow(session: Session, user: str, target: FollowTarget) -> bool:
    """Stop following; False when the person did not follow it."""
    result = session.execute(delete(FollowRow).where(
        FollowRow.user_id == user, FollowRow.target_kind == target.kind.value,
        FollowRow.target == target.target))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def follows_of(session: Session, user: str) -> list[FollowTarget]:
    """What a person follows, oldest first."""
    query = select(FollowRow).where(FollowRow.user_id == user).order_by(FollowRow.id)
    return [_target(row) for row in session.scalars(query)]


def count(session: Session, user: str) -> int:
    query = select(func.count()).select_from(FollowRow).where(FollowRow.user_id == user)
    return int(session.scalar(query) or 0)


def followers(session: Session, deal_key: str, parties: Iterable[str]
              ) -> dict[str, list[FollowTarget]]:
    """Everyone whom news of this deal concerns (they follow it or one of its parties), with
    the follows that bring it to them."""
    query = select(FollowRow).where(or_(
        and_(FollowRow.target_kind == TargetKind.DEAL.value, FollowRow.target == deal_key),
        and_(FollowRow.target_kind == TargetKind.COMPANY.value,
             FollowRow.target.in_(list(parties))),
    )).order_by(FollowRow.id)
    found: dict[str, list[FollowTarget]] = {}
    for row in session.scalars(query):
        found.setdefault(row.user_id, []).append(_target(row))
    return found


def repoint(session: Session, old_key: str, new_key: str) -> int:
    """A deal merged into another: its followers follow the deal it was merged into (someone
    following both keeps one follow). Returns how many follows moved."""
    deal = TargetKind.DEAL.value
    both = select(FollowRow.user_id).where(FollowRow.target_kind == deal,
                                           FollowRow.target == new_key)
    session.execute(delete(FollowRow).where(FollowRow.target_kind == deal,
                                            FollowRow.target == old_key,
                                            FollowRow.user_id.in_(both)))
    moved = session.execute(update(FollowRow).where(
        FollowRow.target_kind == deal, FollowRow.target == old_key).values(target=new_key))
    return int(moved.rowcount)  # type: ignore[attr-defined]


def _exists(session: Session, user: str, target: FollowTarget) -> bool:
    query = select(FollowRow.id).where(
        FollowRow.user_id == user, FollowRow.target_kind == target.kind.value,
        FollowRow.target == target.target)
    return session.scalar(query) is not None


def _target(row: FollowRow) -> FollowTarget:
    return FollowTarget(TargetKind(row.target_kind), row.target)
