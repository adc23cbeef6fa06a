"""The fault-figures benchmark still runs and still finds nothing doubled or lost."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from benchmarks.bench_delivery import run
from tests.support.databases import migrated_engine


def test_the_benchmark_finds_no_duplicate_and_no_loss(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL)
    engine = migrated_engine(f"sqlite:///{tmp_path / 'bench.db'}")
    for fault in ("429+500 first", "dropped after store", "crash after send", "token revoked",
                  "lost, never joined", "1 read/min history"):
        figures = run(fault, runs=1, seed=7, engine=engine)
        assert figures.duplicated == 0 and figures.lost == 0, fault
        assert figures.delivered + figures.failed == figures.planned == 14, fault
    engine.dispose()
