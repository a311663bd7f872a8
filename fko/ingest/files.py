"""Reading the build's input files, with errors that name the file and the fix."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from fko.errors import FkoError


def read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FkoError(f"{what} {path} not found; check the path") from None
    except UnicodeDecodeError:
        raise FkoError(f"{what} {path} is not UTF-8 text") from None


def load_toml(path: Path, what: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise FkoError(f"{what} {path} not found; check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise FkoError(f"{what} {path} is not valid TOML: {exc}") from None
