"""Start-up and search cost of fko as whole processes, as ratios against a bare Python start.

Run by hand from the project's virtual environment:  .venv/bin/python bench/bench.py [ROUNDS]
Commands are interleaved round by round so that machine noise hits all of them alike;
the report shows each command's median time and its ratio to `python -c pass`. Output goes
into a pipe, except for the rows marked "terminal", which run on a pseudo-terminal.
Measure with a regular install (`pip install .`): an editable install slows the bare Python
start and so flatters the ratios.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
FKO = shutil.which("fko", path=str(BIN)) or "fko"
SHIPPED = Path(__file__).resolve().parents[1] / "fko" / "data" / "fko.json"
BOUNDS = {
    "search --json": 8.0,
    "list (table)": 10.0,
    "search (table)": 10.0,
    "--help": 10.0,
    "search (table, terminal)": 10.0,
    "list (table, terminal)": 10.0,
}


def synthetic_store(size: int, path: Path) -> None:
    """A store of `size` measures: the report's 64, copied with new IDs, indexed like the real one."""
    from fko.ingest.build import serialise
    from fko.search import build_index, document

    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    tables = {name: [rows[k] for k in sorted(rows, key=int)] for name, rows in data.items()}
    base = tables["measures"]
    measures = []
    for n in range(size):
        record = dict(base[n % len(base)])
        record["id"] = f"{record['cluster']}.{n + 1}"
        measures.append(record)
    aliases = tables["search"][0]["aliases"]
    docs = [document(m, aliases.get(base[n % len(base)]["id"], [])) for n, m in enumerate(measures)]
    tables["measures"] = measures
    tables["search"] = [build_index(docs)]
    path.write_text(serialise(tables), encoding="utf-8")


def timed(cmd: list[str]) -> float:
    """Wall time of one run with stdout into a pipe (as scripts call fko)."""
    env = {**os.environ, "NO_COLOR": "1"}
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def timed_terminal(cmd: list[str]) -> float:
    """Wall time of one run with stdout on a pseudo-terminal (as a person sees fko: Rich draws)."""
    import pty
    import threading

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    subprocess.run(cmd, stdout=slave, stderr=subprocess.DEVNULL, check=False, env=env)
    elapsed = time.perf_counter() - start
    os.close(slave)
    reader.join(timeout=1)
    os.close(master)
    return elapsed


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.json"
        synthetic_store(10_000, big)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "search --json": [FKO, "search", "Meisterprämie", "--json"],
            "search typo --json": [FKO, "search", "Meisterprämei", "--json"],
            "search (table)": [FKO, "search", "Meisterprämie"],
            "list (table)": [FKO, "list"],
            "show (record)": [FKO, "show", "IV.1"],
            "--help": [FKO, "--help"],
            "search (table, terminal)": ["tty", FKO, "search", "Meisterprämie"],
            "list (table, terminal)": ["tty", FKO, "list"],
            "search --json, 10,000 measures": [FKO, "--db", str(big), "search", "Meisterprämie", "--json"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}

        def run(cmd: list[str]) -> float:
            return timed_terminal(cmd[1:]) if cmd[0] == "tty" else timed(cmd)

        for cmd in commands.values():  # warm the caches once
            run(cmd)
        for _ in range(rounds):
            for name, cmd in commands.items():
                times[name].append(run(cmd))
    bare = statistics.median(times["python -c pass"])
    print(f"{rounds} interleaved rounds; bare python start {bare * 1000:.1f} ms")
    print(f"{'command':34} {'median ms':>10} {'ratio':>7}  bound")
    for name, values in times.items():
        median = statistics.median(values)
        bound = BOUNDS.get(name)
        verdict = "" if bound is None else f"<= {bound:.0f}x {'ok' if median / bare <= bound else 'OVER'}"
        print(f"{name:34} {median * 1000:10.1f} {median / bare:7.1f}  {verdict}")
    small = statistics.median(times["search --json"])
    large = statistics.median(times["search --json, 10,000 measures"])
    print(f"10,000 measures vs 64: {large / small:.1f}x the time of the same search")


if __name__ == "__main__":
    main()
