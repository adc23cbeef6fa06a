"""Delivery: send due outbox messages to Slack exactly once, paced per channel, with reconciliation
of uncertain sends. `Deliverer` is the entry point."""

from bot.delivery.deliverer import Deliverer
from bot.delivery.report import DeliveryReport

__all__ = ["Deliverer", "DeliveryReport"]
