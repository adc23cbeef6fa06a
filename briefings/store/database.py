"""Engine creation and schema migration. SQLite gets WAL, a busy timeout and immediate writers."""

from __future__ import annotations

import fcntl
import functools
import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from briefings.errors import DatabaseUnreachable, StoreError, WriteConflict

log = logging.getLogger(__name__)
T = TypeVar("T")

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
# One key for every process of every release: whoever holds it is the only one migrating.
MIGRATION_LOCK_KEY = zlib.crc32(b"deal-briefings:migrations")


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite, set the pragmas we rely on. Nothing connects yet.

    A SQLite file's folder must exist (`urls.normalise_database_url` checks or creates it):
    creating one here silently turned a mistyped path into a fresh, empty database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, issue BEGIN, so writers can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    # BEGIN IMMEDIATE: a writer waits for the lock at the start instead of failing mid-transaction.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@functools.lru_cache(maxsize=4)
def read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for read-only work that must not queue behind writers (`/deal-status`, App Home).

    On a SQLite file the shared engine begins every transaction IMMEDIATE, taking the write lock;
    this second engine on the same file begins DEFERRED and is query-only, so under WAL readers
    never wait. Other databases (and in-memory SQLite) use the engine as it is."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return session_factory(engine)
    reader = create_engine(engine.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(reader, "connect", _sqlite_reader_on_connect)
    event.listen(reader, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    return session_factory(reader)


def _sqlite_reader_on_connect(dbapi_connection: Any, record: Any) -> None:
    _sqlite_on_connect(dbapi_connection, record)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (creates it on an empty database).

    Any number of processes may call this at once (a deploy starts web, web and clock together):
    the upgrade runs under an exclusive lock, so the first migrates and the others wait, then
    find the schema at head and do nothing. Without it they raced on CREATE TYPE/TABLE."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with _sqlite_file_lock(engine), _connect(engine) as connection, connection.begin():
            _postgres_lock(connection)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"could not migrate the database: {one_line(exc)}") from exc


def _connect(engine: Engine) -> Connection:
    try:
        return engine.connect()
    except SQLAlchemyError as exc:
        raise DatabaseUnreachable(f"could not connect to the database: {one_line(exc)}") from exc


def one_line(exc: SQLAlchemyError) -> str:
    """The driver's own first line (psycopg adds hints, SQLAlchemy a link: neither helps)."""
    cause = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """For a SQLite file, an exclusive lock on `<file>.lock` beside it, held from before the
    first connection: two processes opening a fresh file at once race on switching it to WAL
    ("database is locked"), which no busy timeout covers."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        yield
        return
    try:
        handle = open(f"{database}.lock", "a")  # noqa: SIM115 (closed below; closing unlocks)
    except OSError as exc:
        raise DatabaseUnreachable(f"could not open {exc.filename}: {exc.strerror}") from exc
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _postgres_lock(connection: Connection) -> None:
    """On PostgreSQL, a transaction-level advisory lock: freed at commit, or if we die."""
    if connection.dialect.name != "postgresql":
        return
    args = {"k": MIGRATION_LOCK_KEY}
    if not connection.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), args).scalar():
        log.info("another process is migrating the database; waiting for it")
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), args)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error, driver errors as StoreError."""
    session = sessions()
    try:
        yield session
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise WriteConflict(str(exc)) from exc
    except SQLAlchemyError as exc:
        session.rollback()
        raise StoreError(str(exc)) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def retrying_conflicts(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """Run `work` in one transaction. When a unique key stops it because a concurrent writer
    (a second poll, a second clock) recorded the same thing first, run it once more in a fresh
    transaction, where it sees what the other wrote."""
    try:
        with transaction(sessions) as session:
            return work(session)
    except WriteConflict as exc:
        log.info("a concurrent writer got there first; trying again: %s", str(exc)[:200])
        with transaction(sessions) as session:
            return work(session)
