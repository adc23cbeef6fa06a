"""Test databases: a fresh SQLite file per test, and PostgreSQL when TEST_DATABASE_URL is set.

For PostgreSQL one throwaway database is created per test session (dropped afterwards) and its
tables are emptied between tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from briefings.store.database import make_engine, migrate
from briefings.store.tables import Base


def postgres_admin_url() -> str | None:
    """The PostgreSQL server to test against, or None when not configured."""
    return os.environ.get("TEST_DATABASE_URL") or None


def create_throwaway_postgres(admin_url: str) -> Iterator[str]:
    """Create a uniquely named database on the server, yield its URL, drop it afterwards."""
    name = f"briefings_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def empty_tables(engine: Engine) -> None:
    """Delete every row, children first, keeping the migrated schema."""
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


def migrated_engine(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine
