"""`python -m bot triage`: placeholder until the triage issue (#4) lands."""

from __future__ import annotations

import argparse
import sys

NAME = "triage"
HELP = "Triage JSON Lines stories from a file or stdin and print one verdict per line."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", help="JSON Lines file (default: stdin)")


def run(args: argparse.Namespace) -> int:
    print("'triage' is not built yet (see issue #4).", file=sys.stderr)
    return 3
