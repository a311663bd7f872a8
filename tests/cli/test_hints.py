"""What fko suggests is safe to paste and names the right help; its exit codes say what went wrong."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable

import pytest

from ..conftest import ROOT, Result


@pytest.mark.parametrize(
    ("args", "err"),
    [
        (
            ("show", "IV.1;rm -rf /"),
            "fko: no measure is named 'IV.1;rm -rf /'; 13 mention it (IV.4, I.12, II.5, II.6, III.6, III.10, III.12, "
            "VI.2 …): see `fko search 'IV.1;rm -rf /'`\n",
        ),
        (("show", "zzzz;x"), "fko: no measure 'zzzz;x'; try `fko search 'zzzz;x'` or `fko list`\n"),
        (("show", "$(touch x)"), "fko: no measure '$(touch x)'; try `fko search '$(touch x)'` or `fko list`\n"),
    ],
)
def test_a_suggested_command_is_shell_quoted(fko: Callable[..., Result], args: tuple[str, ...], err: str) -> None:
    result = fko(*args)
    assert (result.code, result.out, result.err) == (1, "", err)
    suggested = err.split("`")[1]
    assert shlex.split(suggested) == ["fko", "search", args[1]]  # pasted, it runs exactly that search


def test_a_suggested_command_in_german_is_quoted_too(fko: Callable[..., Result]) -> None:
    result = fko("--lang", "de", "show", "IV.1;rm -rf /")
    assert result.err.endswith("siehe `fko search 'IV.1;rm -rf /'`\n")


def test_several_matches_suggest_a_quoted_search(fko: Callable[..., Result]) -> None:
    result = fko("show", "Fachkräfte")
    assert result.code == 1
    assert result.err.startswith("fko: 'Fachkräfte' names 14 measures: III.13 ")
    assert result.err.endswith("; and 8 more (see `fko search 'Fachkräfte'`); use an ID\n")
    assert fko("show", "Berufs").err.endswith("; and 4 more (see `fko search Berufs`); use an ID\n")


def test_a_ministry_pair_suggests_a_quoted_compare(fko: Callable[..., Result]) -> None:
    result = fko("compare", "mags", "msb")
    assert (result.code, result.err) == (
        2,
        "fko: mags, msb are ministries; compare their portfolios with `fko compare -r MAGS -r MSB`\n",
    )


def test_a_year_without_figures_is_not_found(fko: Callable[..., Result]) -> None:
    result = fko("compare", "--recognition", "2022", "2030")
    assert (result.code, result.out) == (1, "")
    assert result.err == "fko: no recognition figures for 2030; the report has 2022 and 2023\n"
    result = fko("recognition", "--year", "2030")
    assert (result.code, result.err) == (
        1,
        "fko: no recognition figures for 2030; the figures with a year are for 2022 and 2023\n",
    )


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("list", "--csv", "--delimiter"), "fko list"),
        (("recognition", "--compare", "2022"), "fko recognition"),
        (("--lang", "en", "budget", "--year"), "fko budget"),
        (("data", "build", "--out"), "fko data build"),
        (("--db",), "fko"),
    ],
)
def test_a_missing_value_names_the_help_of_its_command(
    fko: Callable[..., Result], args: tuple[str, ...], where: str
) -> None:
    result = fko(*args)
    assert result.code == 2
    assert result.err.endswith(f"; see '{where} --help'\n") and result.err.count("\n") == 1


@pytest.mark.parametrize("same", [("IV.1", "IV.1"), ("IV.1", "Meisterprämie"), ("iv 1", "IV.1", "--json")])
def test_comparing_a_measure_with_itself_is_a_usage_error(fko: Callable[..., Result], same: tuple[str, ...]) -> None:
    result = fko("compare", *same)
    names = ", ".join(f"'{name}'" for name in same if name != "--json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"fko: {names} name the same measure, IV.1; compare two different ones, e.g. fko compare IV.1 II.9\n"
    )


def test_a_measure_given_twice_beside_another_is_compared_once(fko: Callable[..., Result]) -> None:
    rows = fko("compare", "IV.1", "II.9", "IV.1", "--json").json()
    assert [row["id"] for row in rows] == ["IV.1", "II.9"]


def run_fko(args: list[str], stdin: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fko", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
        timeout=60,
    )


def test_db_dash_on_a_terminal_is_a_usage_error() -> None:
    import pty

    parent, child = pty.openpty()
    try:
        result = run_fko(["--db", "-", "list"], stdin=child)
    finally:
        os.close(parent)
        os.close(child)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "fko: a store from stdin (-) needs one piped in, e.g. fko --db - list < store.json\n"


@pytest.mark.parametrize(("lang", "piped"), [("en", b""), ("en", b" \n"), ("de", b"")])
def test_an_empty_store_on_stdin_says_it_is_empty(lang: str, piped: bytes) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fko", "--lang", lang, "--db", "-", "list"],
        input=piped,
        capture_output=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (1, b"")
    if lang == "en":
        assert (
            result.stderr == b"fko: store <stdin> is empty: nothing was piped in; e.g. fko --db - list < store.json\n"
        )
    else:
        err = result.stderr.decode()
        assert err.startswith("fko: ") and err.count("\n") == 1 and "leer" in err
        assert "Expecting" not in err and "empty" not in err


def test_an_empty_store_file_says_it_is_empty(fko: Callable[..., Result], tmp_path: os.PathLike[str]) -> None:
    empty = os.path.join(tmp_path, "empty.json")
    open(empty, "w").close()
    result = fko("--db", empty, "list")
    assert (result.code, result.err) == (1, f"fko: store {empty} is empty; rebuild it with `fko data build`\n")


def help_text(fko: Callable[..., Result], *args: str) -> str:
    result = fko(*args, "--help")
    assert result.code == 0, result.err
    return " ".join(result.out.split())


def test_fields_help_says_what_fields_cuts(fko: Callable[..., Result]) -> None:
    for command in ("show", "cite"):
        text = help_text(fko, command)
        assert "--fields A,B.C Only these JSON keys (dotted for nested: runtime.start), with --json or --jsonl." in text
        assert "tables" not in text and "--csv" not in text
    assert "for --json, --jsonl, --csv and tables" in help_text(fko, "list")


def test_data_help_shows_the_whole_summary(fko: Callable[..., Result]) -> None:
    text = help_text(fko, "data")
    assert text.endswith("Commands: build Rebuild a store from the report text.")


def test_diff_help_pipes_a_store_as_fko_can(fko: Callable[..., Result]) -> None:
    text = help_text(fko, "diff")
    assert "e.g. `fko diff old.json - < new.json`" in text
    assert "| fko diff" not in text
    assert fko("data", "build", "-", "--out", "-").code == 2  # why: data build never writes to stdout


def test_list_help_names_every_status(fko: Callable[..., Result]) -> None:
    from fko.domain.status import STATUSES

    text = help_text(fko, "list")
    named = text.split("--status STATUS Status on the --on date: ")[1].split(" (or ")[0]
    assert named.split(", ") == list(STATUSES)


def test_readme_installs_completion_as_fko_offers_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--install-completion" not in readme
    assert 'eval "$(fko --show-completion bash)"' in readme
    assert "2.0" not in [word.strip("`.,") for line in readme.splitlines() if "schema" in line for word in line.split()]


@pytest.mark.parametrize("reference", ["-", "---", "…"])
def test_a_reference_without_a_word_suggests_no_search_that_would_fail(
    fko: Callable[..., Result], reference: str
) -> None:
    """`fko search -` is a usage error (no word to search for): `fko show -` must not suggest it."""
    result = fko("show", "--", reference)
    assert (result.code, result.err) == (1, f"fko: no measure '{reference}'; see `fko list`\n")
    assert fko("search", "--", reference).code == 2  # what the hint used to suggest


def test_colour_is_the_color_option_in_british_spelling(fko: Callable[..., Result]) -> None:
    """`fko list --colour never` was "No such option … did you mean --cluster, --source"."""
    for args in (("list", "--colour", "never", "-c", "IV"), ("--colour=never", "list", "-c", "IV")):
        result = fko(*args)
        assert (result.code, result.out) == (0, fko("list", "--color", "never", "-c", "IV").out)
    assert fko("list", "--colour", "purple").code == 2


def test_a_number_that_is_not_one_is_said_without_click_s_type_name(fko: Callable[..., Result]) -> None:
    """Click said "'20x4' is not a valid int range" (the name of its type) where a year is asked."""
    result = fko("budget", "--year", "20x4")
    assert (result.code, result.err) == (
        2,
        "fko: Invalid value for '--year' / '-y': '20x4' is not a valid integer; see 'fko budget --help'\n",
    )
