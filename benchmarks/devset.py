"""Loading the labelled sets as Stories: the synthetic devset (../shared/devset/), the held-out
sets in benchmarks/data/ (the devset's format) and the real-news set (../shared/realset/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from briefings.models import Story
from briefings.triage.items import item_story
from briefings.triage.matcher import Matcher

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEVSET = SHARED / "devset" / "stories.jsonl"
REALSET = SHARED / "realset" / "stories.jsonl"
DATA = Path(__file__).resolve().parent / "data"
# An undated item whose event has no dated report is "first seen" here (or a day after the set's
# latest date, if later): after every dated item, as a feed would show an undated story when the bot
# first meets it.
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
    builds it) plus labels. Undated rows are dated as the realset's are (`_arrival`)."""
    rows: list[dict[str, Any]] = [json.loads(line) for line in path.open() if line.strip()]
    if all(row["published"] for row in rows):
        return [_labelled(row, matcher, datetime.fromisoformat(row["published"]))
                for row in rows]
    return [_labelled(row, matcher, day) for day, row in _arrival(rows)]


def load_realset(path: Path, matcher: Matcher, split: str | None = None) -> list[Labelled]:
    """The real-news set (one `split`, or all), scored as its README says (`_arrival`)."""
    rows: list[dict[str, Any]] = [json.loads(line) for line in path.open() if line.strip()]
    rows = [row for row in rows if split is None or row["split"] == split]
    return [_labelled({**row, "source": row["outlet"], "link": row["url"]}, matcher, day)
            for day, row in _arrival(rows)]


def _arrival(rows: list[dict[str, Any]]) -> list[tuple[datetime, dict[str, Any]]]:
    """Rows in date order, by day: an undated row takes the date of its event's earliest dated
    report, else first-seen time (after every dated row, and no earlier than FIRST_SEEN)."""
    reports = [row for row in rows if row["published"] and row["event"]]
    dated = {row["event"]: _day(row["published"]) for row in sorted(
        reports, key=lambda r: _day(r["published"]), reverse=True)}
    latest = max((_day(row["published"]) for row in rows if row["published"]), default=FIRST_SEEN)
    first_seen = max(FIRST_SEEN, latest + timedelta(days=1))
    when = [_day(row["published"]) if row["published"] else dated.get(row["event"], first_seen)
            for row in rows]
    return sorted(zip(when, rows, strict=True), key=lambda pair: (pair[0], pair[1]["id"]))


def _day(value: str) -> datetime:
    """A date ("2025-05-01", read as UTC) or a timestamp with its offset, in UTC."""
    moment = datetime.fromisoformat(value)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


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
