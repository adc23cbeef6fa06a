"""Errors a command raises on purpose; the CLI prints them as one line and exits 2."""

from __future__ import annotations

from briefings.errors import BriefingsError


class CommandError(BriefingsError):
    """A file, port or service a command was given cannot be used; the message says which."""


def os_reason(exc: OSError) -> str:
    """'Permission denied: x', not '[Errno 13] Permission denied: 'x''."""
    reason = exc.strerror or type(exc).__name__
    return f"{reason}: {exc.filename}" if exc.filename else reason
