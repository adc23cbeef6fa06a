"""`python -m bot triage`: judge JSON Lines stories offline, one verdict line per input line.

Items are grouped into deals in the order given, as if they arrived so, with a throwaway
in-memory deal book: no database, no network, no Slack.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from briefings.config import load_config
from briefings.models import Verdict
from briefings.triage import Triage
from briefings.triage.book import DealBook
from briefings.triage.items import item_story

NAME = "triage"
HELP = "Triage JSON Lines stories from a file or stdin and print one verdict per line."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", type=Path, help="JSON Lines file (default: stdin)")
    parser.add_argument(
        "--config", type=Path,
        default=Path(os.environ.get("BRIEFINGS_CONFIG", "config/briefings.toml")),
        help="main config file; its watch list drives the triage (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    triage = Triage(load_config(args.config).watchlist)
    if args.input is None:
        return _write(verdicts(triage, sys.stdin), sys.stdout)
    with args.input.open(encoding="utf-8") as lines:
        return _write(verdicts(triage, lines), sys.stdout)


def verdicts(triage: Triage, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One output record per non-blank input line, grouping relevant ones into deals."""
    book = DealBook()
    now = datetime.now(UTC)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"line": number, "error": f"not JSON: {exc.msg}"}
            continue
        story = item_story(item if isinstance(item, dict) else {}, triage.matcher, now)
        verdict = triage.judge(story)
        yield _record(verdict, book.place(verdict, story) if verdict.relevant else None)


def _record(verdict: Verdict, key: str | None) -> dict[str, Any]:
    return {
        "relevant": verdict.relevant,
        "status": verdict.status.value if verdict.status else None,
        "parties": list(verdict.parties), "chips": list(verdict.chips), "deal_key": key,
        "summary": verdict.summary, "evidence": list(verdict.evidence), "score": verdict.score,
    }


def _write(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    failed = False
    for record in records:
        failed = failed or "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed else 0
