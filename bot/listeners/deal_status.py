"""`/deal-status`: placeholder until the `/deal-status` issue (#6) lands."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.services import Services


def register(app: App, services: Services) -> None:
    """Answer `/deal-status` (placeholder: says it is not built yet)."""

    @app.command("/deal-status")
    def _deal_status(ack: Ack, **_: Any) -> None:
        ack(text="/deal-status is not built yet (see issue #6).")
