"""The demo's output folder: written only when the demo owns it, so no user file is ever lost.

The demo owns a folder that is absent, empty, or holds the marker file of an earlier demo run;
the marker lists every file that run wrote, and re-using the folder removes only those.
"""

from __future__ import annotations

from pathlib import Path

from briefings.errors import BriefingsError

MARKER = ".deal-briefings-demo"


class DemoFolder:
    """A folder claimed for one demo run; every file goes through `path` so the marker lists it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._written: list[str] = []

    @classmethod
    def claim(cls, root: Path) -> DemoFolder:
        """Take `root` for this run, clearing what an earlier run wrote; refuse anything else."""
        if root.exists() and not root.is_dir():
            raise BriefingsError(f"--output {root}: is a file, not a folder; choose another")
        marker = root / MARKER
        if root.is_dir() and not marker.is_file() and any(root.iterdir()):
            raise BriefingsError(f"--output {root}: folder is not empty and was not written by "
                                 "the demo; choose a new or empty folder")
        if marker.is_file():
            _remove_listed(root, marker.read_text(encoding="utf-8").splitlines())
        root.mkdir(parents=True, exist_ok=True)
        folder = cls(root)
        folder._save()
        return folder

    def path(self, relative: str) -> Path:
        """The path of a file the demo is about to write, recorded in the marker first."""
        if relative not in self._written:
            self._written.append(relative)
            self._save()
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def _save(self) -> None:
        (self.root / MARKER).write_text("".join(f"{p}\n" for p in self._written),
                                        encoding="utf-8")


def _remove_listed(root: Path, listed: list[str]) -> None:
    """Delete the files an earlier run recorded (never a path outside `root`), then the folders
    they leave empty."""
    base = root.resolve()
    for relative in filter(None, listed):
        target = (root / relative).resolve()
        if base in target.parents and target.is_file():
            target.unlink()
            for parent in target.parents:
                if parent == base or any(parent.iterdir()):
                    break
                parent.rmdir()
