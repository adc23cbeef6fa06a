"""The command line: one module per command in `bot/commands/`, each with --help."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from bot.errors import os_reason
from briefings.errors import BriefingsError

COMMANDS = ("demo", "run", "web", "clock", "poll", "triage", "digest", "deals", "feeds", "status",
            "check", "labels")

log = logging.getLogger("bot")


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"bot.commands.{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Deal Briefings: AI-hardware deal news, triaged and posted to Slack.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = _load(name)
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run one command; known errors print one line and exit 2."""
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args))
    except BriefingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file or socket no command anticipated: still one line
        log.debug("command failed", exc_info=True)
        print(f"error: {os_reason(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
