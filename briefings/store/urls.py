"""Database URLs as platforms hand them out, checked before anything connects.

Heroku and most hosts give `postgres://...`, which SQLAlchemy does not know; a typo'd scheme, a
driver that is not installed or a SQLite file in a folder that does not exist would otherwise
surface as a traceback, or (the folder) as a fresh empty database that tracks nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

SUPPORTED = ("postgresql", "sqlite")
# The driver the project installs (psycopg 3); the bare schemes map to it.
POSTGRES_DRIVER = "postgresql+psycopg"
ALIASES = {"postgres": POSTGRES_DRIVER, "postgresql": POSTGRES_DRIVER}
EXAMPLES = "postgresql://user:pass@host:5432/db or sqlite:///data/briefings.db"


class DatabaseUrlError(ValueError):
    """The URL cannot name a database we can open; the message says why, in one line."""


def normalise_database_url(raw: str, *, create_folder: bool = False) -> str:
    """`raw` with the bare PostgreSQL schemes mapped to psycopg, after checking that its scheme
    and driver are usable and, for a SQLite file, that its folder exists (or is created, when
    `create_folder`: the default `./data/`)."""
    url = _parse(raw)
    url = url.set(drivername=ALIASES.get(url.drivername, url.drivername))
    _check_driver(url)
    if url.get_backend_name() == "sqlite":
        _check_folder(url, create_folder=create_folder)
    return url.render_as_string(hide_password=False)


def _parse(raw: str) -> URL:
    try:
        return make_url(raw.strip())
    except (ArgumentError, ValueError):
        raise DatabaseUrlError(f"not a database URL; expected e.g. {EXAMPLES}") from None


def _check_driver(url: URL) -> None:
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise DatabaseUrlError(
            f"unknown scheme {url.drivername!r}; expected e.g. {EXAMPLES}") from None
    if url.get_backend_name() not in SUPPORTED:
        raise DatabaseUrlError(
            f"{url.get_backend_name()} is not supported; use PostgreSQL or SQLite ({EXAMPLES})")
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        raise DatabaseUrlError(
            f"the driver for {url.drivername!r} is not installed ({exc.name or exc}); "
            f"use {POSTGRES_DRIVER}:// (or postgresql://)") from None


def _check_folder(url: URL, *, create_folder: bool) -> None:
    if url.database in (None, "", ":memory:") or url.database.startswith("file:"):
        return
    folder = Path(url.database).parent
    if create_folder:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise DatabaseUrlError(
            f"the SQLite file's folder {str(folder)!r} does not exist; create it or fix the path")
