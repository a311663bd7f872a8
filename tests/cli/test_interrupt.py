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

import fko

FKO = Path(sys.executable).with_name("fko")
PACKAGE = Path(fko.__file__).parent


def interrupted_after(seconds: float) -> tuple[int, str]:
    """The exit code and stderr of `fko list --json` sent SIGINT `seconds` after it started."""
    child = subprocess.Popen([str(FKO), "list", "--json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(seconds)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    return child.returncode, err.decode("utf-8", "replace")


def pythons_own_start(err: str) -> bool:
    """Whether stderr is Python's own report of a Ctrl-C during its start, before the fko script
    runs: a fatal init error, or a traceback through Python's start only (frozen modules, site
    and what a .pth file imports; no frame of fko's package or of the script), which Python
    prints and, for its check of argv[0], goes on after."""
    if err.startswith("Fatal Python error: init_") or err == "KeyboardInterrupt\n":
        return True  # the second: before the script's first instruction, no frame at all
    if not err.rstrip("\n").endswith("KeyboardInterrupt"):
        return False
    # only the frames count (the message may name the script's path: KeyError: '/…/bin/fko'); a
    # frame of the standard library or of a .pth file's import (an editable install's finder) is
    # still Python's start, and so is the script's frame at line 0: Python checks for a signal on
    # entering the script, before its first instruction (its `try`) runs; a frame of the fko
    # script at a line of its own or of the package is not
    frames = re.findall(r'^  File "([^"]+)", line (\d+)', err, re.M)
    return bool(frames) and not any(
        (f == str(FKO) and line != "0") or Path(f).is_relative_to(PACKAGE) for f, line in frames
    )


@pytest.mark.skipif(not FKO.exists(), reason="the fko command is not installed beside this Python")
def test_ctrl_c_at_any_moment_exits_130_with_one_line() -> None:
    # 40 moments spread over a whole run as long as it takes now (160 ms on an idle machine;
    # several times that beside other work): each one lands in Python's start, in fko, or after
    started = time.monotonic()
    subprocess.run([str(FKO), "list", "--json"], stdout=subprocess.DEVNULL, check=True, timeout=60)
    interval = max(0.004, (time.monotonic() - started) / 30)
    caught = 0
    for step in range(0, 40):
        code, err = interrupted_after(step * interval)
        if code == 0 and not err:
            continue  # fko had answered before the signal came
        if code == -signal.SIGINT and not err:
            continue  # before Python's own start had installed its handler: killed by the signal (130)
        if pythons_own_start(err):
            continue  # inside Python's own start (site, encodings, the script's first instruction): Python's words
        assert (code, err) == (130, "fko: interrupted\n"), (round(step * interval * 1000), code, err[-500:])
        caught += 1
    assert caught >= 5  # the signal did reach fko while it was starting or working


SWALLOWED = """
import os, signal, sys, weakref
sys.argv = ["fko", "ressorts", "--json"]
import fko.__main__


class Held:
    pass


def interrupt(_):  # Ctrl-C inside a weakref callback, where Python prints and swallows it
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(100_000):
        pass


held = Held()
ref = weakref.ref(held, interrupt)
del held
fko.__main__.console()
"""


def test_ctrl_c_that_python_swallows_still_exits_130_with_one_line() -> None:
    """A KeyboardInterrupt raised in a weakref callback (as in the import lock's) is swallowed by
    Python ("Exception ignored in …"); fko remembers the signal and still ends with 130."""
    done = subprocess.run([sys.executable, "-c", SWALLOWED], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (130, "fko: interrupted\n")


WRAPPED = """
import os, signal, sys
sys.argv = ["fko", "ressorts", "--json"]
import fko.__main__
import fko.cli


def main():  # Ctrl-C in a __set_name__, as while `platform` is imported: Python 3.11 wraps it in a RuntimeError
    class Named:
        def __set_name__(self, owner, name):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(100_000):
                pass

    class Owner:
        attr = Named()

    return 0


fko.cli.main = main
fko.__main__.console()
"""


def test_ctrl_c_that_python_wraps_in_another_error_still_exits_130_with_one_line() -> None:
    """Python 3.11 turns a KeyboardInterrupt in a class's __set_name__ into a RuntimeError (found by a
    stress run: Ctrl-C while typer imported `platform`); fko knows the signal came and exits 130."""
    done = subprocess.run([sys.executable, "-c", WRAPPED], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (130, "fko: interrupted\n")


def test_ctrl_c_while_the_pager_runs_belongs_to_the_pager(tmp_path: Path) -> None:
    """fko ignores SIGINT while it waits for its pager (less reads Ctrl-C itself), then restores its handler."""
    import io

    from fko.output import pager

    seen: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
    try:
        target = tmp_path / "paged.txt"
        reader = tmp_path / "reader.py"  # a plain program: fko starts it directly, as its child
        reader.write_text(  # reads everything first: the Ctrl-C comes while fko waits for the pager to quit
            "import os, signal, sys\ntext = sys.stdin.read()\nos.kill(os.getppid(), signal.SIGINT)\n"
            f"open({str(target)!r}, 'w').write(text)\n"
        )
        handler = signal.getsignal(signal.SIGINT)
        pager.show("line\n" * 10, io.StringIO(), rows=5, pager=f"{sys.executable} {reader}")
        assert (seen, target.read_text(), signal.getsignal(signal.SIGINT)) == ([], "line\n" * 10, handler)
    finally:
        signal.signal(signal.SIGINT, before)
