"""`python -m bot status`: not built yet (issue #5)."""

from __future__ import annotations

import argparse
import sys

NAME = "status"
HELP = "Show the clock, the outbox backlog, failed deliveries and feed health."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options yet."""


def run(args: argparse.Namespace) -> int:
    """Say plainly that this command is not built yet, and fail."""
    print("'status' is not built yet (see issue #5).", file=sys.stderr)
    return 3
