"""Guards against a stale compiled triage.

`pip install -e .` compiles briefings/triage/ with mypyc (see setup.py): one shared library,
briefings_triage__mypyc, holds the code, and a small extension beside each source loads it.
Python imports an extension before its source, so an edited .py does nothing until the triage
is rebuilt: this module finds such sources so that import warns and a test fails.
"""

from __future__ import annotations

import warnings
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import find_spec
from pathlib import Path

COMPILED = Path(__file__).resolve().parent / "triage"
LIBRARY = "briefings_triage__mypyc"  # setup.py's group_name, plus mypyc's suffix
REBUILD = ("rebuild with `make native` (or `.venv/bin/pip install -e .`), or delete the build "
           "(`make pure`) to run the sources")
# Installing a wheel writes .py and .so files moments apart, in no set order.
SLACK_S = 2.0


def stale(directory: Path = COMPILED, library: str = LIBRARY) -> list[str]:
    """Sources in `directory` changed since the compiled library was built, and extensions
    whose source is gone; nothing when the triage is not compiled."""
    extensions = [p for p in directory.iterdir() if p.name.endswith(tuple(EXTENSION_SUFFIXES))]
    if not extensions:
        return []
    spec = find_spec(library)
    built = Path(spec.origin).stat().st_mtime if spec and spec.origin else float("-inf")
    modules = {p.name.split(".", 1)[0] for p in extensions}
    edited = [p.name for p in directory.glob("*.py") if p.stem in modules
              and p.stat().st_mtime > built + SLACK_S]
    orphans = [f"{name} (no {name}.py)" for name in modules
               if not (directory / f"{name}.py").exists()]
    return sorted(edited + orphans)


def warn_if_stale() -> None:
    """A RuntimeWarning naming each source the compiled triage does not reflect."""
    names = stale()
    if names:
        warnings.warn(f"the compiled triage is older than {', '.join(names)}; {REBUILD}",
                      RuntimeWarning, stacklevel=2)
