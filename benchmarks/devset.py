"""Loading the labelled sets as Stories: the synthetic devset (../shared/devset/), the held-out
sets in benchmarks/data/ (the devset's format) and the real-news set (../shared/realset/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefings.models import Story
from briefings.triage.items import item_story
from briefings.triage.matcher import Matcher

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEVSET = SHARED / "devset" / "stories.jsonl"
REALSET = SHARED / "realset" / "stories.jsonl"
DATA = Path(__file__).resolve().parent / "data"
# An undated real item whose event has no dated report is "first seen" here: after every dated
# item, as a feed would show an undated story when the bot first meets it.
FIRST_SEEN = datetime(2026, 12, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Labelled:
    """A labelled story with its labels."""

    story: Story
    relevant: bool
    status: str | None
    parties: tuple[str, ...]
    event: str | None
    borderline: bool
    ident: str = ""  # the set's own id for the row ("d001", "r042")


def load(path: Path, matcher: Matcher) -> list[Labelled]:
    """Every line of a set in the devset's format as a Story (built the way the triage command
    builds it) plus labels, in the file's order."""
    rows: list[dict[str, Any]] = [json.loads(line) for line in path.open() if line.strip()]
    return [_labelled(row, matcher, datetime.fromisoformat(row["published"])) for row in rows]


def load_realset(path: Path, matcher: Matcher, split: str | None = None) -> list[Labelled]:
    """The real-news set (one `split`, or all), scored as its README says: an undated item takes
    the date of its event's earliest dated report (else first-seen time), and items arrive in
    date order."""
    rows: list[dict[str, Any]] = [json.loads(line) for line in path.open() if line.strip()]
    rows = [row for row in rows if split is None or row["split"] == split]
    reports = [row for row in rows if row["published"] and row["event"]]
    dated = {row["event"]: _day(row["published"]) for row in sorted(
        reports, key=lambda r: r["published"], reverse=True)}
    when = [_day(row["published"]) if row["published"] else dated.get(row["event"], FIRST_SEEN)
            for row in rows]
    ordered = sorted(zip(when, rows, strict=True), key=lambda pair: (pair[0], pair[1]["id"]))
    return [_labelled({**row, "source": row["outlet"], "link": row["url"]}, matcher, day)
            for day, row in ordered]


def _day(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _labelled(row: dict[str, Any], matcher: Matcher, published: datetime) -> Labelled:
    return Labelled(
        story=item_story({**row, "published": published.isoformat()}, matcher, published),
        relevant=bool(row["relevant"]),
        status=row["status"],
        parties=tuple(row["parties"]),
        event=row["event"],
        borderline=bool(row["borderline"]),
        ident=str(row.get("id") or ""),
    )
