"""One exception tree, so callers catch `BriefingsError` and still get the identifiers they need."""


class BriefingsError(Exception):
    """Base of every error the core raises on purpose."""


class ConfigError(BriefingsError):
    """A config file is missing or invalid; the message names the file, the entry and the key."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class FeedError(BriefingsError):
    """A feed could not be fetched or parsed."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class StoreError(BriefingsError):
    """The database failed; wraps the driver's exception so callers need not know SQLAlchemy."""


class DatabaseUnreachable(StoreError):
    """The database cannot be opened at all (server down, refused, a file we may not open)."""


class WriteConflict(StoreError):
    """A unique key stopped this write: a concurrent writer recorded the same thing first."""


class DealNotFound(BriefingsError):
    """No tracked deal matches a query."""

    def __init__(self, query: str) -> None:
        super().__init__(f"no tracked deal matches {query!r}")
        self.query = query
