"""Builds the triage (briefings/triage/) as C extensions with mypyc: same code, same verdicts,
close to twice as fast, which is what keeps it within 10% of feedparser's parse time.

Metadata lives in pyproject.toml; this file only adds the compiled modules. Building them needs
a C compiler; DEAL_BRIEFINGS_PURE_PYTHON=1 installs pure Python instead, which needs none.
"""

import os
import shutil
import sysconfig

from setuptools import setup

PURE = "DEAL_BRIEFINGS_PURE_PYTHON"


def _extensions() -> list:
    if os.environ.get(PURE) == "1":
        return []
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        raise SystemExit(f"deal-briefings: no C compiler ({compiler!r}) to build the triage with "
                         f"mypyc; install one (e.g. gcc) or set {PURE}=1 for pure Python")
    from mypyc.build import mypycify  # a build requirement (pyproject.toml), not a runtime one

    # Not the project's mypy config: its strict checks are for `mypy` with every dependency
    # installed, and pip's build environment has none (pydantic's classes are Any there).
    # One named group: its shared library is briefings_triage__mypyc.*.so, not a hash.
    return mypycify(["--config-file=", "--ignore-missing-imports", "briefings/triage"],
                    opt_level="3", group_name="briefings_triage")


setup(ext_modules=_extensions())
