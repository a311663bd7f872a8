"""The one writer of files: a new file (or folder) is built beside its target and renamed over it.
Readers never see a partial file: after any failure (a full disk, Ctrl-C, even SIGKILL) the target
is the old file or the complete new one, and at most a hidden `.NAME.*.tmp` is left beside it.
What must not be replaced (see `check_target`) is refused before anything is opened."""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import shutil
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from fko.errors import FkoError
from fko.i18n import N_, _, os_reason

_KINDS = {
    stat.S_IFCHR: N_("a device"),
    stat.S_IFBLK: N_("a device"),
    stat.S_IFIFO: N_("a FIFO"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFDIR: N_("a folder"),
    stat.S_IFREG: N_("a file"),
}

#: The files the current run reads (its store and that store's index), each with whether it is
#: the store shipped with fko; None outside a run (`guarding`), where only `protect` counts.
_reading: contextvars.ContextVar[list[tuple[Path, bool]] | None] = contextvars.ContextVar("fko_reading", default=None)


@contextlib.contextmanager
def guarding() -> Iterator[None]:
    """For one run of fko: no file it writes may replace a file `reading` names."""
    token = _reading.set([])
    try:
        yield
    finally:
        _reading.reset(token)


def reading(path: Path, *, shipped: bool = False) -> None:
    """fko reads `path` in this run (the store, its index): every write refuses to replace it,
    whatever the command, through a symlink or another name for it too."""
    files = _reading.get()
    if files is not None:
        files.append((path, shipped))


def _kind(mode: int) -> str:
    """What a path is, in English ("a folder"): messages translate it."""
    return _KINDS.get(stat.S_IFMT(mode), N_("not a regular file"))


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_target(
    target: Path,
    *,
    force: bool,
    protect: Sequence[Path] = (),
    folder: bool = False,
    follow_symlinks: bool = False,
    option: str = "--out",
) -> tuple[Path, os.stat_result | None]:
    """The path to replace (a symlink followed) and its current state, or FkoError (exit 1) saying
    why it must not be written: it exists and not force; it is not a regular file (a folder for
    `folder`); a symlink unless follow_symlinks; fko reads it (`protect`, `reading`). `option`
    names the command-line option in messages. The writers call it first; a command may call it
    before expensive work."""
    if not target.name:  # "." or "/": name the folder itself
        target = Path(os.path.abspath(target))
    if not target.name:
        raise FkoError(_("{target} cannot be replaced; choose another {option}").format(target=target, option=option))
    try:
        info: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FkoError(
            _("cannot write {target}: {strerror}; choose another {option}").format(
                target=target, strerror=os_reason(exc), option=option
            )
        ) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not follow_symlinks:
            if option == "--out":
                symlink = _("{target} is a symlink; pass --follow-symlinks to replace the file it points to")
            else:
                symlink = _("{target} is a symlink; choose another {option}")
            raise FkoError(symlink.format(target=target, option=option))
        try:
            target = Path(os.path.realpath(target, strict=True))
            info = os.stat(target)
        except OSError:
            raise FkoError(
                _("{target} is a broken symlink or a loop; choose another {option}").format(
                    target=target, option=option
                )
            ) from None
    _refuse_read(target, info, protect, folder, option)
    want = N_("a folder") if folder else N_("a file")
    if info is not None:
        kind = _kind(info.st_mode)
        if kind != want:
            raise FkoError(
                _("{target} is {kind}, not {want}; choose another {option}").format(
                    target=target, kind=_(kind), want=_(want), option=option
                )
            )
        if folder and not any(os.scandir(target)):
            pass  # an empty folder loses nothing
        elif not force:
            raise FkoError(
                _("{target} exists; choose another {option} or pass --force to replace it").format(
                    target=target, option=option
                )
            )
    parent = target.parent
    try:
        parent_info = os.stat(parent)
    except OSError:
        raise FkoError(
            _("cannot write {target}: folder {parent} does not exist; create it first").format(
                target=target, parent=parent
            )
        ) from None
    if not stat.S_ISDIR(parent_info.st_mode):
        raise FkoError(_("cannot write {target}: {parent} is not a folder").format(target=target, parent=parent))
    return target, info


def _refuse_read(target: Path, info: os.stat_result | None, protect: Sequence[Path], folder: bool, option: str) -> None:
    """FkoError if target is (or, for a folder, holds) a file fko reads: one of `protect` or of
    `reading` (the same file by device and inode, or by resolved path)."""
    real = Path(os.path.realpath(target))
    guarded_files = [*(_reading.get() or []), *((Path(p), False) for p in protect)]
    for guarded, shipped in guarded_files:
        try:
            guarded_info = os.stat(guarded)
        except OSError:
            guarded_info = None
        guarded_real = Path(os.path.realpath(guarded))
        same = (info is not None and guarded_info is not None and _same(info, guarded_info)) or real == guarded_real
        if same and shipped:
            raise FkoError(
                _(
                    "refusing to replace {target}: it is the data shipped with fko, which fko is reading; "
                    "choose another {option}"
                ).format(target=target, option=option)
            )
        if same:
            raise FkoError(
                _("refusing to replace {target}: fko is reading it; choose another {option}").format(
                    target=target, option=option
                )
            )
        if folder and real in guarded_real.parents:
            raise FkoError(
                _("refusing to replace {target}: it holds {guarded}, which fko is reading").format(
                    target=target, guarded=guarded
                )
            )


def _temp_name(target: Path, suffix: str) -> Path:
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}.{suffix}")


def _os_error(target: Path, exc: OSError, option: str) -> FkoError:
    reason = os_reason(exc)
    full = exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "disk" in str(exc).lower()
    if full:
        text = _("cannot write {target}: {reason}; nothing was replaced, free space or choose another {option}")
    else:
        text = _("cannot write {target}: {reason}; nothing was replaced, choose another {option}")
    return FkoError(text.format(target=target, reason=reason, option=option))


def _fsync_path(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def write_file(
    target: Path,
    produce: Callable[[Path], None],
    *,
    force: bool,
    protect: Sequence[Path] = (),
    follow_symlinks: bool = False,
    option: str = "--out",
) -> None:
    """produce(tmp) writes the complete new content to tmp (a fresh empty file in target's folder),
    then fsync and os.replace onto target, unless check_target refuses it. On any failure (Ctrl-C
    too) the old target is untouched and the temp file is removed."""
    target, info = check_target(
        target, force=force, protect=protect, folder=False, follow_symlinks=follow_symlinks, option=option
    )
    tmp = _temp_name(target, "tmp")
    try:
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            produce(tmp)
            if info is not None:
                os.chmod(tmp, stat.S_IMODE(info.st_mode))
            _fsync_path(tmp)
            _recheck(target, info)
            os.replace(tmp, target)
        except OSError as exc:
            raise _os_error(target, exc, option) from None
    except BaseException:
        _remove(tmp)
        raise
    with contextlib.suppress(OSError):
        _fsync_path(target.parent, directory=True)


def _recheck(target: Path, info: os.stat_result | None) -> None:
    """The target has not turned into something else (a FIFO, a symlink) while we wrote."""
    try:
        now: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        now = None
    if (info is None) != (now is None) or (info is not None and now is not None and not _same(info, now)):
        raise FkoError(_("{target} changed while fko wrote it; nothing was replaced, try again").format(target=target))


def write_text(
    target: Path,
    text: str,
    *,
    force: bool,
    protect: Sequence[Path] = (),
    follow_symlinks: bool = False,
    option: str = "--out",
) -> None:
    """write_file for UTF-8 text, written exactly as given (no newline translation)."""

    def produce(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)

    write_file(target, produce, force=force, protect=protect, follow_symlinks=follow_symlinks, option=option)


def write_folder(
    target: Path,
    produce: Callable[[Path], None],
    *,
    force: bool,
    protect: Sequence[Path] = (),
    follow_symlinks: bool = False,
    option: str = "--out",
) -> None:
    """The same for a folder: produce(tmp_dir) fills a new folder beside target, then the two swap.

    An existing folder is replaced only with force, and only if everything in it is a file the
    new folder also has (an earlier export): fko never deletes files it did not write.
    """
    target, info = check_target(
        target, force=force, protect=protect, folder=True, follow_symlinks=follow_symlinks, option=option
    )
    tmp = _temp_name(target, "tmp")
    old = _temp_name(target, "old")
    try:
        try:
            os.mkdir(tmp)
            produce(tmp)
            for entry in os.scandir(tmp):
                _fsync_path(Path(entry.path))
            _fsync_path(tmp, directory=True)
            if info is not None:
                os.chmod(tmp, stat.S_IMODE(info.st_mode))
                _check_replaceable(target, tmp)
            _recheck(target, info)
            if info is None:
                os.rename(tmp, target)
            elif not _exchange(tmp, target):
                os.rename(target, old)
                try:
                    os.rename(tmp, target)
                except BaseException:
                    os.rename(old, target)
                    raise
                tmp = old  # what is left to remove is the old folder
            # after an exchange, tmp holds the old folder
        except OSError as exc:
            raise _os_error(target, exc, option) from None
    except BaseException:
        _remove(tmp)
        raise
    _remove(tmp)
    with contextlib.suppress(OSError):
        _fsync_path(target.parent, directory=True)


def _check_replaceable(target: Path, new: Path) -> None:
    written = {entry.name for entry in os.scandir(new)}
    for entry in os.scandir(target):
        if entry.name not in written or not entry.is_file(follow_symlinks=False):
            raise FkoError(
                _(
                    "{target} holds {name!r}, which fko did not write; choose an empty or new folder "
                    "for --out (nothing was replaced)"
                ).format(target=target, name=entry.name)
            )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        import ctypes  # lazy: only folder exports need it

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code))
