"""Guards against stale compiled triage modules.

`pip install -e .` compiles briefings/triage/ with mypyc (see setup.py) and leaves each C
extension beside its source. Python imports the extension first, so an edited .py does nothing
until it is rebuilt: this module finds those extensions so that import warns and a test fails.
"""

from __future__ import annotations

import warnings
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

COMPILED = Path(__file__).resolve().parent / "triage"
REBUILD = ("rebuild them with `make native` (or `.venv/bin/pip install -e .`), or delete them "
           "(`make pure`) to run the sources")
# Installing a wheel writes .py and .so files moments apart, in no set order.
SLACK_S = 2.0


def stale(directory: Path = COMPILED) -> list[str]:
    """Compiled modules in `directory` whose source changed after they were built, or is gone."""
    found = []
    for ext in sorted(directory.iterdir()):
        if not ext.name.endswith(tuple(EXTENSION_SUFFIXES)):
            continue
        source = directory / f"{ext.name.split('.', 1)[0]}.py"
        if not source.exists() or source.stat().st_mtime > ext.stat().st_mtime + SLACK_S:
            found.append(ext.name)
    return found


def warn_if_stale() -> None:
    """A RuntimeWarning naming each stale compiled module: they would shadow their sources."""
    names = stale()
    if names:
        warnings.warn(f"compiled triage modules older than their sources: {', '.join(names)}; "
                      f"{REBUILD}", RuntimeWarning, stacklevel=2)
