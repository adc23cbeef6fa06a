"""Tracked deals as a compact list: badge, parties, subject and last update, one line each."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from bot.render.escape import fit
from bot.render.reply import context, section, sections, when
from bot.render.status import badge, set_by
from briefings.deals import title as title  # re-exported: the cards import it from here
from briefings.models import Deal

LINE_MAX = 300


def line(deal: Deal) -> str:
    """One deal: its badge (and whose call it is, when a person's), name and last update."""
    updated = when(deal.last_activity)
    call = f" · {set_by(deal.set_by.name)}" if deal.set_by else ""
    return f"{badge(deal.status)}  {fit(title(deal), LINE_MAX)}{call} · updated {updated}"


def deal_list_blocks(heading: str, deals: Sequence[Deal], total: int) -> list[Block]:
    """A heading (our mrkdwn), the deals packed into sections, then "and N more"."""
    blocks: list[Block] = [section(heading)]
    blocks.extend(sections([line(deal) for deal in deals]))
    if total > len(deals):
        blocks.append(context(f"…and {total - len(deals)} more. Narrow it down: "
                              "`/deal-status &lt;company, chip or subject&gt;`"))
    return blocks
