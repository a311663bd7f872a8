"""Ctrl-C at any moment: exit 130 with one line `fko: interrupted`, never a traceback of fko's.

Only in the few milliseconds before the first instruction of the fko script runs (Python's own
start: site, encodings) can Python itself answer the signal: it ends the process (status 130 in
a shell) and may print its own start-up error."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FKO = Path(sys.executable).with_name("fko")


def interrupted_after(seconds: float) -> tuple[int, str]:
    """The exit code and stderr of `fko list --json` sent SIGINT `seconds` after it started."""
    child = subprocess.Popen([str(FKO), "list", "--json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(seconds)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    return child.returncode, err.decode("utf-8", "replace")


def pythons_own_start(err: str) -> bool:
    """Whether stderr is Python's own report of a Ctrl-C during its start, before the fko script
    runs: a fatal init error, or a traceback through frozen modules and site only (no file of
    fko or of the script), which Python prints and, for its check of argv[0], goes on after."""
    if err.startswith("Fatal Python error: init_"):
        return True
    if not err.rstrip("\n").endswith("KeyboardInterrupt"):
        return False
    files = re.findall(r'^  File "([^"]+)"', err, re.M)
    return bool(files) and all(f.startswith("<") for f in files) and "fko" not in err.replace("<frozen", "")


@pytest.mark.skipif(not FKO.exists(), reason="the fko command is not installed beside this Python")
def test_ctrl_c_at_any_moment_exits_130_with_one_line() -> None:
    caught = 0
    for step in range(0, 40):
        code, err = interrupted_after(step * 0.004)
        if code == 0 and not err:
            continue  # fko had answered before the signal came
        if code == -signal.SIGINT and not err:
            continue  # before Python's own start had installed its handler: killed by the signal (130)
        if pythons_own_start(err):
            continue  # inside Python's own start (site, encodings, the script's first instruction): Python's words
        assert (code, err) == (130, "fko: interrupted\n"), (step * 4, code, err[-500:])
        caught += 1
    assert caught >= 5  # the signal did reach fko while it was starting or working
