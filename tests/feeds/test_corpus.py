"""Every file of ../shared/feeds-corpus through the real poll (loopback HTTP, fetch, parse).

None may crash the poll; each well-formed feed yields one story per entry (an entry repeated
verbatim, as one snapshot does, counts once); the edge cases' outcomes are printed (`-s`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefings.config import FeedConfig, FetchConfig
from briefings.feeds.fetch import Fetcher
from briefings.feeds.poller import PollResult, poll
from briefings.store.database import session_factory
from tests.feeds.server import FeedServer
from tests.support.databases import migrated_engine

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
# A snapshot that lists one entry twice, verbatim (same GUID or link, title and text): one story.
REPEATS = {"feedreader-net__Rss20LeFigaro.xml": 1}
_TYPES = {"atom": "application/atom+xml", "html": "text/html"}


@dataclass(frozen=True)
class CorpusFile:
    name: str
    kind: str
    fmt: str
    items: int | None
    well_formed: bool


def _manifest(corpus: Path) -> list[CorpusFile]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [_entry(row) for row in rows]


def _entry(row: dict[str, str]) -> CorpusFile:
    items = re.search(r"items=(\d+)", row["notes"])
    regular = row["kind"] != "edge-case" and "not-wellformed" not in row["notes"]
    return CorpusFile(row["file"], row["kind"], row["format"],
                      int(items.group(1)) if items else None, regular)


def _poll_corpus(corpus: Path, files: list[CorpusFile], tmp_path: Path) -> PollResult:
    config = FetchConfig(allow_private_addresses=True, total_timeout=10)
    engine = migrated_engine(f"sqlite:///{tmp_path / 'corpus.db'}")
    with FeedServer() as server, Fetcher(config) as fetcher:
        feeds = []
        for file in files:
            body = (corpus / "files" / file.name).read_bytes()
            kind = _TYPES.get(file.fmt, "application/rss+xml")
            url = server.static(f"/{file.name}", body, headers={"Content-Type": kind})
            feeds.append(FeedConfig(name=file.name, url=url))
        result = poll(session_factory(engine), fetcher, feeds, NOW)
    engine.dispose()
    return result


def test_corpus_never_crashes_and_regular_feeds_keep_every_entry(
        feeds_corpus: Path, tmp_path: Path) -> None:
    files = _manifest(feeds_corpus)
    result = _poll_corpus(feeds_corpus, files, tmp_path)
    stories = {batch.feed.name: len(batch.stories) for batch in result.batches}
    assert set(result.updates) == {file.name for file in files}
    regular = {f.name: (f.items or 0) - REPEATS.get(f.name, 0) for f in files if f.well_formed}
    mismatched = [(name, count, stories.get(name), result.updates[name].error)
                  for name, count in regular.items() if stories.get(name) != count]
    print(*mismatched, sep="\n")
    assert mismatched == []
    for file in files:
        if not file.well_formed:
            error = result.updates[file.name].error
            outcome = f"error: {error}" if error else f"{stories[file.name]} stories"
            print(f"edge case {file.name} (items={file.items}): {outcome}")
