"""The compiled triage: built unless pure Python was asked for, and never older than its source."""

from __future__ import annotations

import os
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import briefings.triage.matcher
from briefings.native import REBUILD, stale

EXT = EXTENSION_SUFFIXES[0]


def test_no_compiled_module_is_older_than_its_source() -> None:
    assert stale() == [], f"stale compiled triage modules shadow their sources: {REBUILD}"


def test_the_triage_is_compiled_unless_pure_python_was_asked_for() -> None:
    if os.environ.get("DEAL_BRIEFINGS_PURE_PYTHON") == "1":
        return
    assert briefings.triage.matcher.__file__.endswith(EXT), (
        "briefings.triage runs as pure Python: `.venv/bin/pip install -e .` compiles it "
        "(set DEAL_BRIEFINGS_PURE_PYTHON=1 to mean pure Python)")


def test_an_edited_source_or_a_deleted_one_makes_its_module_stale(tmp_path: Path) -> None:
    built = time.time() - 60
    for name in ("fresh", "edited", "orphan"):
        (tmp_path / f"{name}{EXT}").touch()
        os.utime(tmp_path / f"{name}{EXT}", (built, built))
    (tmp_path / "fresh.py").touch()
    os.utime(tmp_path / "fresh.py", (built, built))
    (tmp_path / "edited.py").touch()
    (tmp_path / "new.py").touch()  # not compiled at all: it runs as Python, nothing shadows it
    assert stale(tmp_path) == [f"edited{EXT}", f"orphan{EXT}"]
