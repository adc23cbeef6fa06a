"""`python -m bot web`: not built yet (issue #6)."""

from __future__ import annotations

import argparse
import sys

NAME = "web"
HELP = "Serve Slack commands and interactivity over HTTP (/slack/events)."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options yet."""


def run(args: argparse.Namespace) -> int:
    """Say plainly that this command is not built yet, and fail."""
    print("'web' is not built yet (see issue #6).", file=sys.stderr)
    return 3
