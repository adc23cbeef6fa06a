"""`python -m bot triage`: judge JSON Lines stories offline, one verdict line per input line.

Items are grouped into deals in the order given, as if they arrived so, with a throwaway
in-memory deal book: no database, no network, no Slack. Each record says why (`why`: the signals
weighed, the gates a story failed, the status rule that decided); `--explain` prints that for
people instead of JSON.
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

from bot.errors import CommandError
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
    parser.add_argument("--explain", action="store_true",
                        help="print each story's verdict and the rules that decided it, for people")


def run(args: argparse.Namespace) -> int:
    triage = Triage(load_config(args.config).watchlist)
    write = _explain if args.explain else _write
    source = "stdin" if args.input is None else str(args.input)
    try:
        if args.input is None:
            return write(judged(triage, sys.stdin), sys.stdout)
        with args.input.open(encoding="utf-8") as lines:
            return write(judged(triage, lines), sys.stdout)
    except OSError as exc:
        raise CommandError(f"--input: cannot read {source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CommandError(f"--input: {source} is not UTF-8 text") from None


Judged = tuple[int, str, dict[str, Any]]  # line number, title, record


def verdicts(triage: Triage, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One output record per non-blank input line, grouping relevant ones into deals."""
    return (record for _, _, record in judged(triage, lines))


def judged(triage: Triage, lines: Iterable[str]) -> Iterator[Judged]:
    """Each non-blank input line's number, title and output record, in order."""
    book = DealBook()
    now = datetime.now(UTC)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, "", {"line": number, "error": f"not JSON: {exc.msg}"}
            continue
        story = item_story(item if isinstance(item, dict) else {}, triage.matcher, now)
        verdict = triage.judge(story)
        yield number, story.title, _record(
            verdict, book.place(verdict, story) if verdict.relevant else None)


def _record(verdict: Verdict, key: str | None) -> dict[str, Any]:
    return {
        "relevant": verdict.relevant,
        "status": verdict.status.value if verdict.status else None,
        "parties": list(verdict.parties), "chips": list(verdict.chips), "deal_key": key,
        "summary": verdict.summary, "evidence": list(verdict.evidence), "score": verdict.score,
        "why": list(verdict.reasons),
    }


def _write(records: Iterable[Judged], out: TextIO) -> int:
    failed = False
    for _, _, record in records:
        failed = failed or "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _explain(records: Iterable[Judged], out: TextIO) -> int:
    failed = False
    for number, title, record in records:
        if "error" in record:
            failed = True
            out.write(f"line {number}: {record['error']}\n\n")
            continue
        verdict = (f"{record['status'].upper()}, {' / '.join(record['parties'])}"
                   if record["relevant"] else "not deal news")
        out.write(f"line {number}: {title}\n  -> {verdict} (score {record['score']})\n")
        out.writelines(f"     {reason}\n" for reason in record["why"])
        out.write("\n")
    return 1 if failed else 0
