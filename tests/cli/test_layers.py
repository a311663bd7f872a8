"""The layer contract of pyproject.toml holds: no import runs up a layer, no command imports another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT


def test_every_import_runs_down_the_layers_and_no_command_imports_another() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "Contracts: 2 kept, 0 broken." in done.stdout
