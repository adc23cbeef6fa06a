"""`python -m bot digest`: not built yet (issue #7)."""

from __future__ import annotations

import argparse
import sys

NAME = "digest"
HELP = "Preview or post the weekly digest."


def configure(parser: argparse.ArgumentParser) -> None:
    """No options yet."""


def run(args: argparse.Namespace) -> int:
    """Say plainly that this command is not built yet, and fail."""
    print("'digest' is not built yet (see issue #7).", file=sys.stderr)
    return 3
