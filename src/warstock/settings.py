"""Where warstock keeps its files, and the defaults a user can override.

Everything lives under one home directory: ``$WARSTOCK_HOME``, else ``./var`` in the working
directory. Inside it: ``archive/`` (content-addressed raw documents and their manifest) and
``warstock.duckdb`` (the warehouse).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def db_path(self) -> Path:
        return self.home / "warstock.duckdb"


def get_settings(home: str | Path | None = None) -> Settings:
    chosen = home or os.environ.get("WARSTOCK_HOME") or Path.cwd() / "var"
    return Settings(Path(chosen).resolve())


def package_data(*parts: str) -> Path:
    """Path of a file shipped inside the package (universes, snapshot)."""
    return Path(str(resources.files("warstock").joinpath("data", *parts)))


def default_shared_data() -> Path | None:
    """../shared/data beside the checkout, if it is there (development and CI)."""
    env = os.environ.get("WARSTOCK_SHARED_DATA")
    if env:
        p = Path(env)
        return p if p.is_dir() else None
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if (parent / "pyproject.toml").exists() and candidate.is_dir():
            return candidate
    candidate = Path.cwd().parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


DEFAULT_UNIVERSE = "warstock-defense-2025.1"
WORKERS = max(1, min(2, os.cpu_count() or 1))
