"""The `fko` command and `python -m fko`: Ctrl-C exits 130 with one line, even while fko is still importing."""

import signal
import sys

#: Whether Ctrl-C came (SIGINT), and whether it should still raise KeyboardInterrupt: until fko
#: has its exit code. Set by the signal handler only.
_interrupted = False
_answering = True


def _on_interrupt(signum: int, frame: object) -> None:
    """Python's own answer to Ctrl-C (KeyboardInterrupt), remembered: where Python swallows the
    exception (in a weakref callback of its import lock it prints "Exception ignored" and goes
    on), fko still ends with 130; once fko has its exit code, the signal is only remembered."""
    global _interrupted
    _interrupted = True
    if _answering:
        raise KeyboardInterrupt


def _unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    """A KeyboardInterrupt Python cannot raise is said by fko's one line, not as a traceback."""
    if not issubclass(unraisable.exc_type, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


signal.signal(signal.SIGINT, _on_interrupt)  # first: before fko imports anything of its own
sys.unraisablehook = _unraisable

import gc  # noqa: E402 (after the handler: a Ctrl-C while importing is fko's)
import os  # noqa: E402


def _hold_standard_fds() -> None:
    """Point a closed stdin, stdout or stderr (`fko list >&-`) at /dev/null, so that no file fko
    opens later gets its number and receives output by mistake; fko still reports a closed stdout."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def run() -> None:
    """Run the command line and exit with its code (SystemExit: in-process callers see it)."""
    sys.exit(_code())


def console() -> None:
    """The `fko` command: as run(), then the process ends at once, its streams flushed.

    The interpreter's shutdown would free every object one by one for nothing: fko has closed
    its files (each written by rename), waited for its pager, and flushes its output as it writes."""
    code = _code()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: fko has said what it had to
            pass
    os._exit(code)


def _code() -> int:
    """fko's exit code: 130 with the one line `fko: interrupted` if Ctrl-C came at any moment,
    even where Python swallowed the KeyboardInterrupt and fko went on to answer."""
    global _answering
    # fko runs briefly and its data is acyclic (parsed JSON, rows): reference counting frees it,
    # and the cyclic collector's passes over the growing heap would free nothing that matters.
    gc.disable()
    try:
        try:
            _hold_standard_fds()
            # orjson's C module imports dataclasses while it initialises and crashes (SIGSEGV,
            # orjson 3.x) when a Ctrl-C interrupts that import; no module of fko's defines a
            # dataclass before orjson. Loaded first, it is never imported inside orjson's start.
            import dataclasses  # noqa: F401

            from fko.cli import main

            code = main()
        finally:
            _answering = False
    except KeyboardInterrupt:  # while fko was still importing: fko.cli's own handler was not yet there
        sys.stderr.write("fko: interrupted\n")
        return 130
    except Exception as exc:
        if _interrupted:  # Python wrapped the KeyboardInterrupt in another error (a class's __set_name__)
            sys.stderr.write("fko: interrupted\n")
            return 130
        if isinstance(exc, ModuleNotFoundError):  # an install without a dependency (not reinstalled)
            sys.stderr.write(f"fko: the module {exc.name} is missing; reinstall fko (pip install .)\n")
            return 1
        raise
    if _interrupted and code != 130:  # fko.cli reports the KeyboardInterrupts that reach it, with 130
        sys.stderr.write("fko: interrupted\n")
        return 130
    return code


if __name__ == "__main__":
    console()
