"""The answers to `/deal-status follow`, `unfollow` and `following`: private to the person, and
never shared (they are about the person, not the deals)."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from bot.render.deal_list import line, title
from bot.render.escape import fit
from bot.render.reply import Reply, context, section, sections
from bot.render.status import badge
from briefings.follows import MAX_FOLLOWS, FollowTarget, TargetKind
from briefings.models import Deal

NAME_MAX = 200
HOW = ("• `/deal-status follow &lt;company&gt;` — a direct message when the company gets a new "
       "deal or one of its deals changes status\n"
       "• `/deal-status follow deal:&lt;key&gt;` or `/deal-status follow &lt;query&gt;` (one "
       "deal) — a direct message when that deal changes status\n"
       "• `/deal-status unfollow …` stops them; `/deal-status following` lists what you follow\n"
       "At most one message per deal per hour, with the latest status.")
PERSONAL = Reply("Follows are personal: type `/deal-status follow …` yourself to follow a deal.")


def named(target: FollowTarget, deal: Deal | None) -> str:
    """How a follow reads in an answer (escaped mrkdwn)."""
    if target.kind is TargetKind.COMPANY:
        return f"*{fit(target.target, NAME_MAX)}*"
    if deal is None:
        return f"the deal `{fit(target.target, NAME_MAX)}`"
    return f"{badge(deal.status)} *{fit(title(deal), NAME_MAX)}*"


def how_to_follow(problem: str = "") -> Reply:
    text = f"{problem}\n" if problem else ""
    return Reply("How to follow deals", [section(text + "*Following deals*\n" + HOW)])


def followed(target: FollowTarget, deal: Deal | None, added: bool) -> Reply:
    what = named(target, deal)
    news = ("gets a new deal or one of its deals changes status"
            if target.kind is TargetKind.COMPANY else "changes status")
    if not added:
        return Reply("You already follow that.", [section(f"You already follow {what}.")])
    text = (f"You now follow {what}: you will get a direct message when it {news}, at most one "
            f"per deal per hour. `/deal-status unfollow {fit(target.command, NAME_MAX)}` "
            "stops them.")
    return Reply("Followed.", [section(text)])


def unfollowed(target: FollowTarget, deal: Deal | None, removed: bool) -> Reply:
    what = named(target, deal)
    if not removed:
        return Reply("You were not following that.", [section(f"You were not following {what}.")])
    return Reply("Unfollowed.", [section(f"You no longer follow {what}; no more messages about "
                                         "it.")])


def full() -> Reply:
    return Reply("You follow too many things.", [section(
        f"You already follow {MAX_FOLLOWS} companies and deals, the most one person may. "
        "`/deal-status following` lists them; unfollow some first.")])


def following(follows: Sequence[tuple[FollowTarget, Deal | None]]) -> Reply:
    if not follows:
        return Reply("You follow nothing yet.", [section(
            "You follow nothing yet.\n" + HOW)])
    lines = [f"• {named(t, d)} · `unfollow {fit(t.command, NAME_MAX)}`" for t, d in follows]
    blocks: list[Block] = [section(f"*You follow {len(follows)} companies and deals*")]
    blocks += sections(lines)
    blocks.append(context("Direct messages come at most once per deal per hour."))
    return Reply(f"You follow {len(follows)} companies and deals.", blocks)


def pick_one(asked: str, deals: Sequence[Deal], total: int) -> Reply:
    """Several deals match: say which, by key, rather than guess."""
    heading = (f"*{total} tracked deals match “{fit(asked, 100)}”*: follow one by its key, "
               "e.g. `/deal-status follow deal:&lt;key&gt;`")
    lines = [f"{line(deal)}\n    `deal:{fit(deal.key, NAME_MAX)}`" for deal in deals]
    blocks: list[Block] = [section(heading), *sections(lines)]
    if total > len(deals):
        blocks.append(context(f"…and {total - len(deals)} more; narrow it down."))
    return Reply(f"{total} deals match; which one?", blocks)


def no_such(asked: str, suggestions: Sequence[str]) -> Reply:
    text = (f"No watch-list company or tracked deal is called “{fit(asked, 100)}”.")
    if suggestions:
        text += " Did you mean " + " or ".join(f"*{fit(s, 60)}*" for s in suggestions) + "?"
    return Reply("Nothing to follow by that name.", [section(text + "\n" + HOW)])
