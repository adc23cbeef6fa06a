"""The compiled triage: built unless pure Python was asked for, and never older than its source."""

from __future__ import annotations

import os
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import briefings.triage.matcher
from briefings.native import REBUILD, stale

EXT = EXTENSION_SUFFIXES[0]


def test_the_compiled_triage_is_not_older_than_its_sources() -> None:
    assert stale() == [], f"the compiled triage shadows newer sources: {REBUILD}"


def test_the_triage_is_compiled_unless_pure_python_was_asked_for() -> None:
    if os.environ.get("DEAL_BRIEFINGS_PURE_PYTHON") == "1":
        pytest.skip("DEAL_BRIEFINGS_PURE_PYTHON=1: the triage runs as pure Python on purpose")
    assert briefings.triage.matcher.__file__.endswith(EXT), (
        "briefings.triage runs as pure Python: `.venv/bin/pip install -e .` compiles it "
        "(set DEAL_BRIEFINGS_PURE_PYTHON=1 to mean pure Python)")


def _file(path: Path, mtime: float) -> None:
    path.touch()
    os.utime(path, (mtime, mtime))


def test_an_edited_or_deleted_source_makes_the_build_stale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = time.time() - 60
    monkeypatch.syspath_prepend(str(tmp_path))
    _file(tmp_path / f"fake__mypyc{EXT}", built)
    package = tmp_path / "package"
    package.mkdir()
    for name in ("fresh", "edited", "orphan"):
        _file(package / f"{name}{EXT}", built - 10)  # shims that did not change keep old times
    _file(package / "fresh.py", built - 30)
    (package / "edited.py").touch()
    (package / "new.py").touch()  # not compiled at all: it runs as Python, nothing shadows it
    assert stale(package, "fake__mypyc") == ["edited.py", "orphan (no orphan.py)"]
    assert stale(package, "missing__mypyc") == ["edited.py", "fresh.py", "orphan (no orphan.py)"]


def test_a_pure_python_install_is_never_stale(tmp_path: Path) -> None:
    (tmp_path / "module.py").touch()
    assert stale(tmp_path, "missing__mypyc") == []
