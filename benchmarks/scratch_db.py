"""Throwaway databases for benchmarks: a SQLite file in a temporary folder, or a uniquely named
PostgreSQL database (prefix `bench_`, so a leftover is easy to spot) dropped on exit."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_database(postgres: bool, admin_url: str = POSTGRES_ADMIN_URL) -> Iterator[str]:
    """Yield the URL of an empty database; it is removed on exit, even after an error."""
    if postgres:
        yield from _postgres(admin_url)
        return
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/bench.db"


def _postgres(admin_url: str) -> Iterator[str]:
    """The admin URL only creates and drops the scratch database; nothing is written into it.
    The drop is FORCEd, so connections a killed web process left open do not block it."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
