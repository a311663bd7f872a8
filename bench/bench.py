"""Start-up, search and memory cost of fko as whole processes, beside the floor of its own stack
(../shared/bench/peer.py), against the bounds of issue #22 (and #26: what German costs).

Run from the project's virtual environment:  .venv/bin/python bench/bench.py [ROUNDS] [--venv DIR]

fko is installed the regular way (`pip install .`, not editable) into a fresh virtual environment
in a temporary folder, or into DIR if given (kept and reused: pass the same DIR again to skip
the install). An editable install slows the bare Python start and so flatters every ratio.

Every command runs once per round, round after round (interleaved), so that machine noise
hits all of them alike; each row shows the median time, its ratio to a bare `python -c pass`
of the same interpreter, the spread (interquartile range / median) and the child's peak RSS.
Output goes into a pipe, except for the rows marked "terminal", which run on a pseudo-terminal
at 120 columns, as a person sees fko (styles, the pager). bench/README.md explains how to read the report.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "fko" / "data" / "fko.json"
BIG = 10_000

#: The rows of the issue's table: (what, bound, unit). The ratios are made in `report`.
BOUNDS: list[tuple[str, float, str]] = [
    ("search --json vs peer.py search --json", 1.0, "x the peer"),
    ("list, terminal vs peer.py list, terminal", 1.0, "x the peer"),
    ("search --json vs bare python", 8.0, "x bare python"),
    ("tables on a terminal vs bare python", 12.0, "x bare python (the slowest)"),
    (f"search --json, {BIG:,} measures vs shipped", 3.0, "x the shipped store"),
    (f"list --json, {BIG:,} measures vs shipped", 8.0, "x the shipped store"),
    (f"peak memory on {BIG:,} measures", 150.0, "MB"),
    ("show IV.1 in German vs English", 5.0, "ms more"),
]

#: The floor of fko's stack (issue #22): a minimal Typer + Rich app over the same store.
PEER = ROOT.parent / "shared" / "bench" / "peer.py"


def synthetic_store(size: int, path: Path) -> None:
    """A store of `size` measures: the report's 64 over and over, with new IDs, and beside it
    its search index file, as the build writes them.

    IDs stay valid measure IDs: the first 999 are "IV.17"-like, the next "IVK.17", "IVL.17", ...
    (K to T: letters that are not Roman numerals, so no ID repeats)."""
    from fko.search.indexfile import index_aliases, index_of_tables, index_text, read_index_file
    from fko.store.fileformat import digest, index_path, serialise

    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    tables = {name: [rows[k] for k in sorted(rows, key=int)] for name, rows in data.items()}
    base = tables["measures"]
    aliases = index_aliases((read_index_file(index_path(SHIPPED)) or (None, None))[1])
    measures = []
    synthetic_aliases: dict[str, list[str]] = {}
    for n in range(size):
        original = base[n % len(base)]
        record = dict(original)
        group = "" if n < 999 else "KLMNOPQRST"[n // 999 - 1]
        record["id"] = f"{record['cluster']}{group}.{n % 999 + 1}"
        measures.append(record)
        if n < len(base) and original["id"] in aliases:
            synthetic_aliases[record["id"]] = aliases[original["id"]]
    tables["measures"] = measures
    # Facts that name the report's measures would name other records here: leave them out.
    for name in ("updates", "indicators", "events", "recognition"):
        tables[name] = []
    raw = serialise(tables).encode("utf-8")
    path.write_bytes(raw)
    index_path(path).write_text(index_text(index_of_tables(tables, synthetic_aliases), digest(raw)), encoding="utf-8")


def install(venv: Path) -> Path:
    """fko installed the regular way into venv (created if missing); the venv's bin folder."""
    bin_dir = venv / "bin"
    if not (bin_dir / "fko").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
            check=True,
        )
    return bin_dir


def run_pipe(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of one run with stdout into a pipe (as scripts call fko);
    a leading `NAME=value` word of cmd sets that variable (FKO_LANG=de)."""
    env = {**os.environ, "NO_COLOR": "1", "FKO_LANG": "en"}
    while cmd and "=" in cmd[0] and not cmd[0].startswith("/"):
        name, _, value = cmd[0].partition("=")
        env[name] = value
        cmd = cmd[1:]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = 0  # reaped above; keeps Popen from waiting again
    return elapsed, usage.ru_maxrss * 1024


def run_terminal(cmd: list[str]) -> tuple[float, int]:
    """The same with stdout on a pseudo-terminal (as a person sees fko: Rich, styles, colour);
    the pager off, as peer.py has none."""
    import pty
    import threading

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color", "FKO_PAGER": "cat", "FKO_LANG": "en"}
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
    child = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = 0
    os.close(slave)
    reader.join(timeout=1)
    os.close(master)
    return elapsed, usage.ru_maxrss * 1024


def check_outputs(fko: str, stores: dict[int, Path], tmp: Path) -> None:
    """Refuse to time commands that fail: a fast error is no result.

    The output goes to a file and only its first byte is read: the bench process must stay
    small, since a child started by vfork inherits its parent's peak RSS at exec."""
    out = tmp / "out.json"
    for size, store in stores.items():
        for args in (["search", "Meisterprämie", "--json"], ["list", "--json"], ["show", "I.1", "--json"]):
            with out.open("wb") as sink:
                done = subprocess.run([fko, "--db", str(store), *args], stdout=sink, stderr=subprocess.PIPE)
            with out.open("rb") as produced:
                first = produced.read(1)
            if done.returncode != 0 or first != b"[":
                problem = done.stderr.decode(errors="replace").strip()
                sys.exit(f"bench: `fko --db <{size} measures> {' '.join(args)}` failed: {problem}")
    out.unlink()


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--store"]:
        synthetic_store(int(args[1]), Path(args[2]))
        return
    venv_arg = None
    if "--venv" in args:
        at = args.index("--venv")
        venv_arg = Path(args[at + 1])
        del args[at : at + 2]
    rounds = int(args[0]) if args else 15
    with tempfile.TemporaryDirectory() as tmp:
        bin_dir = install(venv_arg or Path(tmp) / "venv")
        python, fko = str(bin_dir / "python"), str(bin_dir / "fko")
        stores = {BIG: Path(tmp) / "big.json"}
        for size, store in stores.items():
            # In a child of its own: Linux keeps a process's peak RSS across exec, so a big
            # bench process would lend its peak to every command it starts.
            subprocess.run([sys.executable, __file__, "--store", str(size), str(store)], check=True)
        check_outputs(fko, stores, Path(tmp))
        big_mb = stores[BIG].stat().st_size / 2**20
        pipe, tty = run_pipe, run_terminal
        commands: dict[str, tuple[Callable[[list[str]], tuple[float, int]], list[str]]] = {
            "python -c pass": (pipe, [python, "-c", "pass"]),
            "search --json": (pipe, [fko, "search", "Meisterprämie", "--json"]),
            "search typo --json": (pipe, [fko, "search", "Meisterprämei", "--json"]),
            "list --json": (pipe, [fko, "list", "--json"]),
            "show IV.1": (pipe, [fko, "show", "IV.1"]),
            "show IV.1, German": (pipe, ["FKO_LANG=de", fko, "show", "IV.1"]),
            "--help": (pipe, [fko, "--help"]),
            "list, terminal": (tty, [fko, "list"]),
            "search, terminal": (tty, [fko, "search", "Meisterprämie"]),
            "budget, terminal": (tty, [fko, "budget"]),
        }
        if PEER.exists():  # beside the project on the development machine (../shared/bench)
            commands["peer.py search --json"] = (
                pipe,
                [python, str(PEER), str(SHIPPED), "search", "Meisterprämie", "--json"],
            )
            commands["peer.py list, terminal"] = (tty, [python, str(PEER), str(SHIPPED), "list"])
        store = stores[BIG]
        db = [fko, "--db", str(store)]
        commands[f"search --json, {BIG:,} measures"] = (pipe, [*db, "search", "Meisterprämie", "--json"])
        commands[f"list --json, {BIG:,} measures"] = (pipe, [*db, "list", "--json"])
        # I.1: the synthetic stores' IDs repeat the report's only for the first records
        commands[f"show, {BIG:,} measures"] = (pipe, [*db, "show", "I.1"])
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, list[int]] = {name: [] for name in commands}
        for runner, cmd in commands.values():  # warm the caches once
            runner(cmd)
        began = time.perf_counter()
        for _ in range(rounds):
            for name, (runner, cmd) in commands.items():
                elapsed, rss = runner(cmd)
                times[name].append(elapsed)
                memory[name].append(rss)
        took = time.perf_counter() - began
    report(rounds, took, big_mb, times, memory)


def spread(values: list[float]) -> float:
    """Interquartile range over median: how much the runs of one command scattered."""
    if len(values) < 2:
        return 0.0
    q1, _, q3 = statistics.quantiles(values, n=4)
    return (q3 - q1) / statistics.median(values)


def per_round(numerators: list[float], denominators: list[float]) -> float:
    """The median of the ratios of one round's two runs: runs a second apart share the
    machine's moment, where the medians of all rounds may come from slow and fast moments."""
    return statistics.median(a / b for a, b in zip(numerators, denominators, strict=True))


def report(
    rounds: int, took: float, big_mb: float, times: dict[str, list[float]], memory: dict[str, list[int]]
) -> None:
    median = {name: statistics.median(values) for name, values in times.items()}
    bare = median["python -c pass"]
    try:
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    print(f"{rounds} interleaved rounds in {took:.0f} s on {os.cpu_count()} CPUs, load average {load}")
    print(f"bare python start {bare * 1000:.1f} ms; the {BIG:,}-measure store is {big_mb:.1f} MB")
    print()
    print(f"{'command':30} {'median ms':>10} {'x bare':>7} {'spread':>7} {'peak MB':>8}")
    for name, values in times.items():
        peak = max(memory[name]) / 2**20
        print(f"{name:30} {median[name] * 1000:10.1f} {median[name] / bare:7.1f} {spread(values):7.0%} {peak:8.1f}")

    def ratio(a: str, b: str) -> tuple[float, float]:
        return median[a] / median[b], per_round(times[a], times[b])

    measured: dict[str, tuple[float, float]] = {
        BOUNDS[2][0]: ratio("search --json", "python -c pass"),
        BOUNDS[3][0]: max(ratio(f"{view}, terminal", "python -c pass") for view in ("list", "search", "budget")),
        BOUNDS[4][0]: ratio(f"search --json, {BIG:,} measures", "search --json"),
        BOUNDS[5][0]: ratio(f"list --json, {BIG:,} measures", "list --json"),
    }
    peak = max(max(memory[name]) for name in memory if f"{BIG:,} measures" in name) / 2**20
    measured[BOUNDS[6][0]] = (peak, peak)
    german = [(a - b) * 1000 for a, b in zip(times["show IV.1, German"], times["show IV.1"], strict=True)]
    measured[BOUNDS[7][0]] = ((median["show IV.1, German"] - median["show IV.1"]) * 1000, statistics.median(german))
    if "peer.py search --json" in times:
        measured[BOUNDS[0][0]] = ratio("search --json", "peer.py search --json")
        measured[BOUNDS[1][0]] = ratio("list, terminal", "peer.py list, terminal")
    print()
    print(f"{'bound (issues #22, #26)':42} {'measured':>9} {'per round':>10} {'bound':>7}")
    over = 0
    for name, bound, unit in BOUNDS:
        if name not in measured:
            print(f"{name:42} {'-':>9} {'-':>10} {bound:7.0f}  {unit:22} not measured ({PEER} is missing)")
            continue
        value, paired = measured[name]
        verdict = "ok" if max(value, paired) <= bound else "OVER"
        over += max(value, paired) > bound
        digits = 2 if bound < 2 else 1  # a bound of 1.0x needs the second decimal
        print(f"{name:42} {value:9.{digits}f} {paired:10.{digits}f} {bound:7.1f}  {unit:22} {verdict}")
    print()
    print("all bounds met" if not over else f"{over} of {len(BOUNDS)} bounds not met")


if __name__ == "__main__":
    main()
