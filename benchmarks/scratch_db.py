"""Throwaway databases for benchmarks: a SQLite file in a temporary folder, or a uniquely named
PostgreSQL database that is dropped afterwards (the tests' helper, so both create them alike)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.databases import create_throwaway_postgres

POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_database(postgres: bool, admin_url: str = POSTGRES_ADMIN_URL) -> Iterator[str]:
    """Yield the URL of an empty database; it is removed on exit, even after an error.

    The admin URL is used only to CREATE and DROP the scratch database, never written into."""
    if postgres:
        yield from create_throwaway_postgres(admin_url)
        return
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/bench.db"
