"""Loading the labelled development set (../shared/devset/stories.jsonl) as Stories."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from briefings.models import Story
from briefings.triage.items import item_story
from briefings.triage.matcher import Matcher

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset" / "stories.jsonl"


@dataclass(frozen=True, slots=True)
class Labelled:
    """A devset story with its labels."""

    story: Story
    relevant: bool
    status: str | None
    parties: tuple[str, ...]
    event: str | None
    borderline: bool


def load(path: Path, matcher: Matcher) -> list[Labelled]:
    """Every devset line as a Story (built the way the triage command builds it) plus labels."""
    rows: list[dict[str, Any]] = [json.loads(line) for line in path.open() if line.strip()]
    return [_labelled(row, matcher) for row in rows]


def _labelled(row: dict[str, Any], matcher: Matcher) -> Labelled:
    return Labelled(
        story=item_story(row, matcher, datetime.fromisoformat(row["published"])),
        relevant=bool(row["relevant"]),
        status=row["status"],
        parties=tuple(row["parties"]),
        event=row["event"],
        borderline=bool(row["borderline"]),
    )
