"""`python -m bot clock`: not built yet (issue #5)."""

from __future__ import annotations

import argparse
import sys

NAME = "clock"
HELP = "Run the scheduled jobs: polling, delivery and the weekly digest."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options yet."""


def run(args: argparse.Namespace) -> int:
    """Say plainly that this command is not built yet, and fail."""
    print("'clock' is not built yet (see issue #5).", file=sys.stderr)
    return 3
