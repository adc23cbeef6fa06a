"""`python -m bot labels export`: the team's corrections as labelled stories in the devset's format,
for `benchmarks/eval_triage.py --devset FILE`: the team measures the triage on its own news."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.services import build_services
from bot.settings import load_settings
from briefings.store.database import transaction
from briefings.store.labels import label_lines

NAME = "labels"
HELP = "Export the stories people corrected in Slack as labelled lines (the devset's format)."


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser(
        "export", help="write every corrected story as one JSON line",
        description="Write every story of a deal a person corrected (status, not a deal, merge, "
                    "split) as one JSON line: id, source, link, published, title, description, "
                    "relevant, status, parties, event, borderline, label_note.")
    export.add_argument("--since", metavar="DATE",
                        help="only deals corrected at or after DATE (YYYY-MM-DD, or an ISO time; "
                             "a date or a time without offset is in TIMEZONE)")
    export.add_argument("--output", type=Path, metavar="FILE",
                        help="write to FILE (default: standard output)")


def run(args: argparse.Namespace) -> int:
    """A bad --since is one line and exit 2, before the database is opened."""
    settings = load_settings()
    try:
        since = parse_since(args.since, settings.zone) if args.since else None
    except ValueError:
        print(f"error: --since: {args.since!r} is not a date (YYYY-MM-DD) or an ISO time",
              file=sys.stderr)
        return 2
    services = build_services(settings)
    with transaction(services.sessions) as session:
        lines = label_lines(session, since)
    if args.output is None:
        _write(sys.stdout, lines)
    else:
        with args.output.open("w", encoding="utf-8") as out:
            _write(out, lines)
    _say(lines, args.output, args.since)
    return 0


def parse_since(text: str, zone: ZoneInfo) -> datetime:
    """A date is its midnight in `zone`; a time without an offset is in `zone` too."""
    try:
        when = datetime.combine(date.fromisoformat(text), time(), tzinfo=zone)
    except ValueError:
        when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=zone)


def _write(out: TextIO, lines: list[dict[str, Any]]) -> None:
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _say(lines: list[dict[str, Any]], output: Path | None, since: str | None) -> None:
    """What was written, on stderr when the lines go to standard output."""
    where = str(output) if output else "standard output"
    told = sys.stderr if output is None else sys.stdout
    if not lines:
        none = (f"no deal was corrected in Slack since {since}" if since
                else "no deal has been corrected in Slack yet")
        wrote = f"wrote an empty {output}" if output else "wrote nothing"
        print(f"No corrected stories: {none}; {wrote}.", file=told)
        return
    stories = "1 corrected story" if len(lines) == 1 else f"{len(lines)} corrected stories"
    print(f"Wrote {stories} to {where}. Score the triage on them: "
          f"python benchmarks/eval_triage.py --devset {output or 'FILE'}", file=told)
