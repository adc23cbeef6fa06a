"""`python -m bot run`: not built yet (issue #6)."""

from __future__ import annotations

import argparse
import sys

NAME = "run"
HELP = "Socket Mode and the scheduled jobs in one process (development)."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options yet."""


def run(args: argparse.Namespace) -> int:
    """Say plainly that this command is not built yet, and fail."""
    print("'run' is not built yet (see issue #6).", file=sys.stderr)
    return 3
