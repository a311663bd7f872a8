"""No write of fko replaces the store it reads, whatever the command, name or symlink (--force too)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fko.store.fileformat import SHIPPED, SHIPPED_DIGEST

from ..conftest import Result

SHIPPED_FILES = (SHIPPED, SHIPPED.with_suffix(".index.json"), SHIPPED_DIGEST)


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A copy of the shipped store (with its index) in tmp_path, and a symlink `link.json` to it."""
    store = tmp_path / "s2.json"
    shutil.copyfile(SHIPPED, store)
    shutil.copyfile(SHIPPED.with_suffix(".index.json"), tmp_path / "s2.index.json")
    (tmp_path / "link.json").symlink_to(store)
    return store


@pytest.fixture()
def shipped_kept(tmp_path: Path) -> Iterator[None]:
    """The shipped store's files as they were, whatever the test did (it must not change them)."""
    saved = {path: path.read_bytes() for path in SHIPPED_FILES}
    yield
    changed = [path for path, data in saved.items() if path.read_bytes() != data]
    for path in changed:
        path.write_bytes(saved[path])
    assert changed == [], "a test replaced the shipped store"


WRITES: list[Callable[[str], list[str]]] = [
    lambda target: ["list", "--xlsx", target, "--force"],
    lambda target: ["budget", "--year", "2024", "--xlsx", target, "--force"],
    lambda target: ["search", "Meisterprämie", "--xlsx", target, "--force"],
    lambda target: ["export", "--format", "json", "--out", target, "--force"],
    lambda target: ["export", "--format", "sqlite", "--out", target, "--force"],
    lambda target: ["export", "--format", "xlsx", "--out", target, "--force"],
]


@pytest.mark.parametrize("write", WRITES)
def test_force_never_replaces_the_db_store(
    fko: Callable[..., Result], copy: Path, write: Callable[[str], list[str]]
) -> None:
    before = copy.read_bytes()
    option = "--xlsx" if "--xlsx" in write("x") else "--out"
    for db, target in ((copy, copy), (copy.parent / "link.json", copy), (copy, copy.parent / "link.json")):
        args = write(str(target))
        if target.is_symlink() and option == "--out":
            args.append("--follow-symlinks")
        result = fko("--db", str(db), *args)
        if target.is_symlink() and option == "--xlsx":  # --xlsx never follows a symlink
            assert result.err == f"fko: {target} is a symlink; choose another --xlsx\n"
        else:
            shown = Path(str(target)).resolve() if target.is_symlink() else target
            assert result.err == f"fko: refusing to replace {shown}: fko is reading it; choose another {option}\n"
        assert (result.code, result.out) == (1, "")
    assert copy.read_bytes() == before


def test_force_never_replaces_the_db_store_index(fko: Callable[..., Result], copy: Path) -> None:
    index = copy.with_suffix(".index.json")
    before = index.read_bytes()
    result = fko("--db", str(copy), "list", "--xlsx", str(index), "--force")
    assert (result.code, result.err) == (
        1,
        f"fko: refusing to replace {index}: fko is reading it; choose another --xlsx\n",
    )
    assert index.read_bytes() == before


@pytest.mark.usefixtures("shipped_kept")
@pytest.mark.parametrize("shipped", SHIPPED_FILES, ids=lambda p: p.name)
def test_force_never_replaces_the_shipped_store(fko: Callable[..., Result], shipped: Path) -> None:
    result = fko("list", "--xlsx", str(shipped), "--force")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"fko: refusing to replace {shipped}: it is the data shipped with fko, which fko is reading; "
        "choose another --xlsx\n"
    )
    other = f"{shipped.parent}/../data/{shipped.name}"  # another name for the same file
    result = fko("export", "--format", "json", "--out", other, "--force")
    assert result.code == 1
    assert "it is the data shipped with fko" in result.err and "rebuild" not in result.err


def test_the_guard_ends_with_the_run(fko: Callable[..., Result], copy: Path, tmp_path: Path) -> None:
    """A store read by one in-process run is free to be written by the next, which reads another."""
    assert fko("--db", str(copy), "list", "--json").code == 0
    target = tmp_path / "s3.json"
    shutil.copyfile(copy, target)
    result = fko("list", "--xlsx", str(target), "--force")
    assert (result.code, result.err) == (0, f"fko: wrote {target}\n")
