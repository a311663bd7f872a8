"""Shell completion in each shell fko offers it for, run in the real shell (.ci/run installs zsh and fish)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Result

Fko = Callable[..., Result]

#: How each shell is asked to complete a command line, given fko's script (`fko --show-completion SHELL`).
ASK = {
    "bash": "source <(fko --show-completion bash); COMP_WORDS=({words}); COMP_CWORD={last}; _fko_completion fko; "
    'printf "%s\\n" "${{COMPREPLY[@]}}"',
    # zsh: the script's completion function calls _arguments with the candidates; print them
    "zsh": 'compdef() {{ :; }}; _arguments() {{ print -rl -- "$@"; }}; source <(fko --show-completion zsh); '
    "words=({words}); CURRENT={current}; _fko_completion",
    "fish": 'fko --show-completion fish | source; complete -C "{line}"',
}


def complete(shell: str, line: str) -> str:
    """What `shell` offers for `line` through fko's completion script."""
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed (.ci/run installs it)")
    words = line.split(" ")
    script = ASK[shell].format(words=" ".join(words), last=len(words) - 1, current=len(words), line=line)
    flags = ["-f", "-c"] if shell == "zsh" else ["-c"]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("FKO_DB", None)
    done = subprocess.run([program, *flags, script], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_shell_completes_ids_codes_and_commands(shell: str) -> None:
    ids = complete(shell, "fko show iv.")
    assert "IV.1" in ids and "IV.11" in ids and "III.1" not in ids
    codes = complete(shell, "fko list --ressort mk")
    assert "MKJFGFI" in codes and "MKW" in codes and "MAGS" not in codes
    assert "list" in complete(shell, "fko li")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_script_is_the_asked_shells(fko: Fko, shell: str) -> None:
    script = fko("--show-completion", shell)
    assert script.code == 0
    first = {"bash": "_fko_completion() {", "zsh": "#compdef fko", "fish": "complete --command fko"}[shell]
    assert script.out.startswith(first), script.out[:80]


def test_without_a_shell_name_the_script_is_for_the_users_shell(fko: Fko, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    assert fko("--show-completion").out.startswith("#compdef fko")
    monkeypatch.setenv("SHELL", "/bin/tcsh")  # not one fko completes in: bash
    assert fko("--show-completion").out.startswith("_fko_completion() {")


def test_a_shell_fko_does_not_complete_in_is_a_usage_error(fko: Fko) -> None:
    result = fko("--show-completion", "tcsh")
    assert result.code == 2
    assert result.err == "fko: fko completes in bash, zsh, fish, not 'tcsh'; e.g. fko --show-completion bash\n"


def offered(shell: str, line: str) -> list[str]:
    """The values `shell` offers for `line`, in order (zsh's candidates are quoted in one line)."""
    out = complete(shell, line)
    if shell == "zsh":
        return re.findall(r'"((?:[^"\\]|\\.)*)"', out)
    return [value.split("\t")[0] for value in out.splitlines() if value]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_values_complete_where_a_value_is_expected(shell: str) -> None:
    """--lang, --fields (the command's own keys; in a comma list the last one) and --body offer
    values, not file names."""
    assert offered(shell, "fko --lang d") == ["de"]
    assert offered(shell, "fko --lang E") == ["en"]
    assert offered(shell, "fko list --fields id,ti") == ["id,title"]
    assert sorted(offered(shell, "fko list --fields runtime.")) == [
        "runtime.end",
        "runtime.parts",
        "runtime.start",
        "runtime.text",
    ]
    assert sorted(offered(shell, "fko budget --fields year_")) == ["year_from", "year_to", "year_total_eur"]
    assert offered(shell, "fko show --fields runtime.s") == ["runtime.start"]
    assert offered(shell, "fko recognition --fields bo") == ["body"]
    assert offered(shell, "fko recognition --body Hand") == ["Handwerkskammern"]
    assert offered(shell, "fko recognition --body fr") == ["Freie Berufe"]


@pytest.mark.parametrize("shell", ["bash", "fish"])  # the test's zsh stand-in cannot ask for an empty word
def test_every_value_is_offered_for_an_empty_word(shell: str) -> None:
    assert offered(shell, "fko --lang ") == ["de", "en"]
    from fko.model.outputs import paths

    listed = offered(shell, "fko list --fields ")
    assert sorted(listed) == sorted(paths("list"))
    assert {"id", "title", "on", "runtime.start"} <= set(listed)
    bodies = offered(shell, "fko recognition --body ")
    assert {"Handwerkskammern", "IHK", "Freie Berufe"} <= set(bodies) and not any("/" in b for b in bodies)
