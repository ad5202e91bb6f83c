"""Hostile and malformed input (issue 5): a named finding with its position and exit code,
never a traceback, a hang, a crash or exhausted memory, and never a lost file.

Every test here runs under a memory ceiling and an alarm (the ``bounded`` fixture), so a
regression fails the test instead of hanging the suite or eating the machine. The inputs
that could kill the interpreter outright (a segfault in C code, an expansion that is
too fast for the alarm) run in a child process with ``RLIMIT_AS`` and a timeout.
The alarm is a safety net only; nothing here asserts speed.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import signal
import socket
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from ruamel.yaml import YAML

from policyval.check import load as loader
from policyval.check import pipeline
from policyval.cli import main
from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
MIB = 1024 * 1024
HEADROOM = 768 * MIB  # far above a real run (under 110 MiB peak), far below an expanded bomb
SAFETY_TIMEOUT = 120  # seconds; a net for hangs, not a speed requirement

# One finding as the text reporter prints it; file-level findings have no line:col.
_AT = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) \[(?P<rule>[^\]]+)\] (?P<msg>.*)$"
)
_FILE = re.compile(r"^(?P<file>.*?): (?P<sev>error|warning|info) \[(?P<rule>[^\]]+)\] (?P<msg>.*)$")


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    column: int
    severity: str
    rule: str
    message: str


def rows(out: str) -> list[Row]:
    found = []
    for text in out.splitlines():
        if m := _AT.match(text):
            found.append(Row(m["file"], int(m["line"]), int(m["col"]), m["sev"], m["rule"], m["msg"]))
        elif m := _FILE.match(text):
            found.append(Row(m["file"], 0, 0, m["sev"], m["rule"], m["msg"]))
    return found


def _vm_size() -> int | None:
    try:
        status = Path("/proc/self/status").read_text("ascii")
    except OSError:
        return None
    match = re.search(r"^VmSize:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) * 1024 if match else None


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError(f"still running after {SAFETY_TIMEOUT}s: a hang")


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    """A memory ceiling (soft RLIMIT_AS: current size + HEADROOM) and an alarm per test."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    size = _vm_size()
    if size is not None:
        ceiling = size + HEADROOM
        resource.setrlimit(
            resource.RLIMIT_AS, (ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard), hard)
        )
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SAFETY_TIMEOUT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[Row]]:
    """``policyval check ARGS`` in this process: exit code and findings."""
    code = main(["check", *args])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err, err
    assert not any(r.rule == "internal/error" for r in rows(out)), out
    return code, rows(out)


_CHILD = textwrap.dedent(
    """
    import resource, sys
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from policyval.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


def check_isolated(*args: str, memory: int = 512 * MIB) -> tuple[int, list[Row]]:
    """``policyval check ARGS`` in a child with an address-space limit and a timeout:
    a segfault, a runaway allocation or a hang fails the test, not the suite."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(memory), "check", *args],
        capture_output=True,
        text=True,
        timeout=SAFETY_TIMEOUT,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "POLICYVAL_DEBUG"},
    )
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode} (a crash)\n{proc.stderr}"
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, rows(proc.stdout)


def only(found: list[Row], rule: str) -> Row:
    matching = [r for r in found if r.rule == rule]
    assert len(matching) == 1, found
    return matching[0]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    """``width ** levels`` nodes once expanded (10**10 by default), a few hundred bytes as text."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# --- YAML syntax, empty, several documents, top level -----------------------------------


def test_syntax_error_has_its_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\npolicy:\n  jurisdictions: [FR, EU\n  title: Broken\n')
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "yaml/syntax")
    assert (row.line, row.column, row.severity) == (4, 8, "error")
    assert "YAML syntax error" in row.message


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "  \n \n"], ids=repr)
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    f = write(tmp_path / "p.yaml", content)
    code, found = check(capsys, str(f))
    assert code == 1
    assert [(r.rule, r.line, r.column) for r in found] == [("yaml/empty", 1, 1)]
    assert "holds no YAML document" in found[0].message


def test_several_documents_point_at_the_second(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", VALID.read_text("utf-8") + "---\nschema_version: '1.0'\n")
    lines = f.read_text("utf-8").count("\n")
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "yaml/multiple-documents")
    assert (row.line, row.column) == (lines, 1)
    assert "holds one YAML document" in row.message


@pytest.mark.parametrize(
    ("content", "kind"),
    [("- a\n- b\n", "a list"), ("just text\n", "a string"), ("42\n", "a number"), ("null\n", "null")],
)
def test_top_level_not_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, kind: str) -> None:
    f = write(tmp_path / "p.yaml", content)
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "schema/type")
    assert (row.line, row.column) == (1, 1)
    assert row.message.startswith(f"the document must be a mapping, not {kind}")


def test_duplicate_key_names_the_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\ncontroller:\n  legal_name: A\n  legal_name: B\n')
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "yaml/duplicate-key")
    assert (row.line, row.column) == (4, 3)
    assert "duplicate key 'legal_name' (first defined at line 3)" in row.message


# --- alias bombs, recursion, nesting, size --------------------------------------------------


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    f = write(tmp_path / "bomb.yaml", billion_laughs())
    assert f.stat().st_size < 1000  # ten billion nodes once expanded
    # 512 MiB of address space: an expansion would die of MemoryError long before the end.
    code, found = check_isolated(str(f))
    assert code == 1
    row = only(found, "yaml/too-large")
    # Refused at the alias that crosses the limit: l5 holds 10**6 nodes, its 1st alias 10**5.
    assert (row.line, row.column) == (6, 10)
    assert "aliases expand the document to more than 200000 nodes (an alias bomb?)" in row.message


def test_alias_bomb_is_refused_before_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the bomb reached the composer")

    monkeypatch.setattr(YAML, "compose_all", never)
    doc = loader.load_text(billion_laughs(levels=30))
    assert not doc.usable
    assert [(p.rule, p.line) for p in doc.problems] == [("yaml/too-large", 6)]


@pytest.mark.parametrize(
    ("content", "position"),
    [("a: &a [*a]\n", (1, 8)), ("a: &a\n  b: *a\n", (2, 6)), ("x: [&n 1, *n]\ny: &y {k: [*y]}\n", (2, 12))],
)
def test_recursive_alias_is_refused(tmp_path: Path, content: str, position: tuple[int, int]) -> None:
    # The composer builds a cyclic graph here; walking it once hung policyval.
    f = write(tmp_path / "p.yaml", content)
    code, found = check_isolated(str(f))
    assert code == 1
    row = only(found, "yaml/recursive-alias")
    assert (row.line, row.column) == position
    assert "refers to the node that contains it" in row.message


@pytest.mark.parametrize(
    ("content", "position"),
    [
        ("[" * 100_000, (1, 66)),
        ("[" * 1_000_000, (1, 66)),
        ("{a: " * 100_000, (1, 258)),
        ("".join(" " * i + "k:\n" for i in range(100)), (65, 65)),
        ("- " * 100_000 + "x\n", (1, 131)),
    ],
    ids=["100k-[", "1M-[", "100k-{a:", "block-indent", "100k-dash"],
)
def test_deep_nesting_is_refused_before_the_recursive_composer(
    tmp_path: Path, content: str, position: tuple[int, int]
) -> None:
    # ruamel's C composer recurses: 30,000 levels were a segfault, losing every file's findings.
    f = write(tmp_path / "deep.yaml", content)
    code, found = check_isolated(str(f))
    assert code == 1
    row = only(found, "yaml/too-deep")
    assert (row.line, row.column) == position
    assert "nesting deeper than 64 levels" in row.message


def test_depth_built_through_aliases_is_cut(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # 40 levels around an anchor that is itself 40 deep: no single place in the text is
    # deeper than 64, so only the builder can tell.
    inner = "[" * 40 + "x" + "]" * 40
    f = write(tmp_path / "p.yaml", f"a: &deep {inner}\nb: {'[' * 40}*deep{']' * 40}\n")
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "yaml/too-deep")
    assert row.line == 1  # the aliased node's own position
    assert "aliases nest this deeper than 64 levels" in row.message


def test_too_many_nodes_is_refused_before_composing(tmp_path: Path) -> None:
    f = write(tmp_path / "keys.yaml", "".join(f"k{i}: {i}\n" for i in range(1_000_000)))
    code, found = check_isolated("--max-bytes", str(20 * MIB), str(f))
    assert code == 1
    row = only(found, "yaml/too-large")
    # Node 1 is the mapping, pair n holds nodes 2n and 2n + 1: node 200,001 is the value
    # on line 100,000 ("k99999: 99999").
    assert (row.line, row.column) == (100_000, 9)
    assert "more than 200000 nodes" in row.message


def test_file_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", VALID.read_text("utf-8"))
    size = f.stat().st_size
    code, found = check(capsys, "--max-bytes", str(size - 1), str(f))
    assert code == 1
    row = only(found, "file/too-large")
    assert (row.line, row.column) == (0, 0)
    assert f"the file is {size} bytes, over the limit of {size - 1} (--max-bytes)" in row.message
    # The same file under a limit that fits it is checked normally.
    assert check(capsys, "--max-bytes", str(size), str(f)) == (0, [])


def test_huge_sparse_file_is_not_read(tmp_path: Path) -> None:
    f = tmp_path / "huge.yaml"
    with f.open("wb") as out:
        out.truncate(8 * 1024 * MIB)  # 8 GiB on paper, no disk used
    code, found = check_isolated(str(f), memory=512 * MIB)
    assert code == 1
    assert "over the limit of 2097152" in only(found, "file/too-large").message


def test_long_line_just_under_the_limit(tmp_path: Path) -> None:
    f = write(tmp_path / "long.yaml", 'schema_version: "1.0"\nx: ' + "y" * (2 * MIB - 40) + "\n")
    code, found = check_isolated(str(f))
    assert code == 1
    row = only(found, "schema/additionalProperties")
    assert (row.line, row.column) == (2, 1)


def test_huge_integer_is_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # int() refuses more than 4300 digits (CVE-2020-10735 guard); that was an internal error.
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\npolicy: ' + "9" * 5000 + "\n")
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "schema/type")
    assert (row.line, row.column) == (2, 9)
    assert "'policy' must be a mapping, not a number" in row.message


# --- tags and YAML 1.1 pitfalls ----------------------------------------------------------------


def test_python_tags_are_reported_and_never_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    f = write(
        tmp_path / "p.yaml",
        'schema_version: "1.0"\n'
        f"a: !!python/object/apply:os.mkdir [{str(marker)!r}]\n"
        "b: !!python/object/apply:os.system ['touch pwned']\n"
        "c: !custom {x: 1}\n",
    )
    code, found = check(capsys, str(f))
    assert code == 1
    tags = [(r.line, r.column, r.message) for r in found if r.rule == "yaml/unknown-tag"]
    assert [(line, col) for line, col, _ in tags] == [(2, 4), (3, 4), (4, 4)]
    assert "tag '!!python/object/apply:os.mkdir' is not allowed" in tags[0][2]
    assert "tag '!custom' is not allowed" in tags[2][2]
    assert not marker.exists()
    assert not (tmp_path / "pwned").exists()


def test_yaml_1_1_pitfalls_stay_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = loader.load_text("c: NO\nd: 2024-01-31\ne: yes\nf: off\ng: 0777\nh: 1_000\ni: 12:30\n")
    assert doc.data == {"c": "NO", "d": "2024-01-31", "e": "yes", "f": "off", "g": 777, "h": "1_000", "i": "12:30"}
    # End to end: Norway and an unquoted date are accepted by the schema as written.
    text = VALID.read_text("utf-8").replace('effective_date: "2025-01-15"', "effective_date: 2025-01-15")
    text = text.replace("  country: FR\n  channels:", "  country: NO\n  channels:")
    assert "country: NO" in text and "effective_date: 2025-01-15" in text
    f = write(tmp_path / "p.yaml", text)
    code, found = check(capsys, str(f))
    assert [r for r in found if r.rule.startswith(("schema/", "yaml/"))] == []
    assert code in (0, 1)  # rule findings about a Norwegian controller are not this test's business


def test_non_string_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\n1: one\ntrue: yes\n? [a, b]\n: list\nnull: x\n')
    code, found = check(capsys, str(f))
    assert code == 1
    keys = [(r.line, r.column, r.message) for r in found if r.rule == "yaml/non-string-key"]
    assert [(line, col) for line, col, _ in keys] == [(2, 1), (3, 1), (4, 3), (6, 1)]
    assert "key '1' is read as int, not a string; quote it" in keys[0][2]
    assert "key 'true' is read as bool" in keys[1][2]
    assert "not a list or mapping" in keys[2][2]
    assert "read as null" in keys[3][2]


# --- bytes: encodings, binary, BOM, line ends, tabs, control characters --------------------------


def test_not_utf8_has_line_and_character_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", b'schema_version: "1.0"\npolicy:\n  title: caf\xc3\xa9 \xe9t\xe9\n')
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "file/not-utf8")
    assert (row.line, row.column) == (3, 15)  # after "  title: café " (é is one character)
    assert row.message == "byte 0xe9 is not UTF-8; save the file as UTF-8"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian, no byte-order mark)"),
        ("utf-16-le", "UTF-16 (little-endian, no byte-order mark)"),
        ("utf-32", "UTF-32 (little-endian)"),
    ],
)
def test_utf16_and_utf32_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, name: str
) -> None:
    text = 'schema_version: "1.0"\n'
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
        name = "UTF-16 (big-endian)"
    f = write(tmp_path / "p.yaml", raw)
    code, found = check(capsys, str(f))
    assert code == 1
    assert [(r.rule, r.line, r.column) for r in found] == [("file/not-utf8", 1, 1)]
    assert found[0].message == f"the file is encoded as {name}; save it as UTF-8"


def test_utf16_without_bom_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\n'.encode("utf-16-le"))
    code, found = check(capsys, str(f))
    assert code == 1
    assert "UTF-16 (little-endian, no byte-order mark)" in only(found, "file/not-utf8").message


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, found = check(capsys, str(f))
    assert code == 1
    assert [(r.rule, r.line, r.column, r.message) for r in found] == [
        ("file/binary", 1, 1, "this is a binary file, not YAML text")
    ]


def test_bom_is_a_warning_and_positions_ignore_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", b"\xef\xbb\xbf" + VALID.read_bytes())
    code, found = check(capsys, str(f))
    assert code == 0  # a warning only
    assert [(r.rule, r.severity, r.line, r.column) for r in found] == [("file/bom", "warning", 1, 1)]
    assert "save it as UTF-8 without BOM" in found[0].message
    g = write(tmp_path / "q.yaml", b'\xef\xbb\xbfschema_version: "1.0"\nbogus: 1\n')
    code, found = check(capsys, str(g))
    assert code == 1
    assert (only(found, "schema/additionalProperties").line, found[-1].column) == (2, 1)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_line_ends_keep_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str) -> None:
    good = write(tmp_path / "good.yaml", VALID.read_text("utf-8").replace("\n", newline))
    assert check(capsys, str(good)) == (0, [])
    text = 'schema_version: "1.0"\ncontroller:\n  legal_name: A\n  legal_name: B\n  bad: [\n'
    bad = write(tmp_path / "bad.yaml", text.replace("\n", newline))
    code, found = check(capsys, str(bad))
    assert code == 1
    row = only(found, "yaml/syntax")
    assert (row.line, row.column) == (6, 1)


def test_dup_key_position_with_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\r\ncontroller:\r\n  legal_name: A\r\n  legal_name: B\r\n')
    code, found = check(capsys, str(f))
    row = only(found, "yaml/duplicate-key")
    assert (code, row.line, row.column) == (1, 4, 3)


def test_unicode_line_separators_do_not_shift_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # libyaml counts NEL, LS and PS as line breaks (YAML 1.1); editors and grep -n do not.
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\npolicy:\n  title: "a\u2028b\x85c"\nbogus: 1\n')
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "schema/additionalProperties")
    assert (row.line, row.column) == (4, 1)


def test_tab_indentation_says_use_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", 'schema_version: "1.0"\ncontroller:\n\tlegal_name: A\n')
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "yaml/syntax")
    assert (row.line, row.column) == (3, 1)
    assert row.message == "YAML syntax error: a tab cannot indent YAML; indent with spaces"


def test_tab_after_a_colon_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", VALID.read_text("utf-8").replace('schema_version: "1.0"', 'schema_version:\t"1.0"'))
    assert check(capsys, str(f)) == (0, [])


@pytest.mark.parametrize("char", ["\x01", "\x7f", "\x1b", "\ufffe"], ids=repr)
def test_control_character_has_its_position(tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str) -> None:
    f = write(tmp_path / "p.yaml", f'schema_version: "1.0"\npolicy:\n  title: é{char}x\n')
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "yaml/syntax")
    assert (row.line, row.column) == (3, 11)
    assert f"character U+{ord(char):04X} is not allowed in YAML" in row.message


# --- paths: missing, empty, unreadable, special files, symlinks ----------------------------------


def test_path_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, found = check(capsys, str(tmp_path / "missing.yaml"))
    assert code == 2
    assert [(r.rule, r.line, r.message) for r in found] == [("io/not-found", 0, "no such file or directory")]


def test_empty_path_argument_is_not_the_current_directory(capsys: pytest.CaptureFixture[str]) -> None:
    code, found = check(capsys, "")
    assert code == 2
    assert [r.rule for r in found] == ["io/not-found"]


def test_directory_without_policies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "notes.txt", "not a policy")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden" / "p.yaml", "ignored: true\n")
    code, found = check(capsys, str(tmp_path))
    assert code == 2
    assert [(r.rule, r.file) for r in found] == [("io/no-policies", str(tmp_path))]
    assert "no policy files (.yaml, .yml) under this directory" in found[0].message


def test_a_directory_named_like_a_policy_is_walked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "odd.yaml").mkdir()
    write(tmp_path / "odd.yaml" / "p.yaml", VALID.read_text("utf-8"))
    assert check(capsys, str(tmp_path)) == (0, [])
    assert check(capsys, str(tmp_path / "odd.yaml")) == (0, [])


def test_fifo_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    write(tmp_path / "good.yaml", VALID.read_text("utf-8"))
    # Given by name and found in a directory: no writer ever comes, and none is needed.
    for args in ([str(tmp_path / "pipe.yaml")], [str(tmp_path)]):
        code, found = check_isolated(*args)
        assert code == 2
        row = only(found, "io/unreadable")
        assert row.file.endswith("pipe.yaml")
        assert row.message == "this is a FIFO (named pipe), not a regular file; policyval reads only regular files"


def test_character_device_is_not_read_forever(tmp_path: Path) -> None:
    # /dev/zero reports size 0 and never ends: reading it whole exhausted memory.
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    code, found = check_isolated(str(tmp_path))
    assert code == 2
    assert "this is a character device, not a regular file" in only(found, "io/unreadable").message


def test_file_that_fails_to_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Tests run as root, where chmod 000 does not stop a read. Reading /proc/self/mem from
    # offset 0 fails with EIO for everyone: a real unreadable file, found by the walk.
    (tmp_path / "mem.yaml").symlink_to("/proc/self/mem")
    write(tmp_path / "good.yaml", VALID.read_text("utf-8"))
    code, found = check(capsys, str(tmp_path))
    assert code == 2
    assert [(r.rule, Path(r.file).name, r.message) for r in found] == [
        ("io/unreadable", "mem.yaml", "cannot read this: Input/output error")
    ]


def test_permission_denied(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # As root no permission is denied, so the OS error is simulated at os.open.
    locked = write(tmp_path / "locked.yaml", "a: 1\n")
    real_open = os.open

    def deny(path: Any, flags: int, *args: Any) -> int:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    code, found = check(capsys, str(locked))
    assert code == 2
    assert [(r.rule, r.message) for r in found] == [("io/unreadable", "cannot read this: Permission denied")]


def test_unreadable_subdirectory_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # os.walk drops directories it cannot list unless told; a skipped directory must show.
    (tmp_path / "locked").mkdir()
    write(tmp_path / "locked" / "p.yaml", "a: 1\n")
    write(tmp_path / "good.yaml", VALID.read_text("utf-8"))
    real_scandir = os.scandir

    def deny(path: Any = ".") -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    code, found = check(capsys, str(tmp_path))
    assert code == 2
    assert [(r.rule, Path(r.file).name, r.message) for r in found] == [
        ("io/unreadable", "locked", "cannot read this: Permission denied")
    ]


def test_symlink_loop_given_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "self.yaml").symlink_to("self.yaml")
    code, found = check(capsys, str(tmp_path / "a.yaml"), str(tmp_path / "self.yaml"))
    assert code == 2
    assert [(r.rule, Path(r.file).name) for r in found] == [
        ("io/symlink-loop", "a.yaml"),
        ("io/symlink-loop", "self.yaml"),
    ]
    assert found[0].message == "this symlink leads back to itself (a symlink loop); fix or remove it"


def test_symlink_loops_in_a_tree_do_not_trap_the_walk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "good.yaml", VALID.read_text("utf-8"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")  # a directory loop
    (tmp_path / "sub" / "here").symlink_to(".")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    code, found = check(capsys, str(tmp_path))
    assert code == 2
    assert [(r.rule, Path(r.file).name) for r in found] == [
        ("io/symlink-loop", "a.yaml"),
        ("io/symlink-loop", "b.yaml"),
        ("io/broken-link", "gone.yaml"),
    ]
    assert found[2].message == "this symlink points to nothing; fix or remove it"


def test_broken_link_given_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    code, found = check(capsys, str(tmp_path / "gone.yaml"))
    assert code == 2
    assert [(r.rule, r.line) for r in found] == [("io/broken-link", 0)]


def test_unknown_schema_version_lists_known_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "p.yaml", VALID.read_text("utf-8").replace('schema_version: "1.0"', 'schema_version: "9.9"'))
    code, found = check(capsys, str(f))
    assert code == 1
    row = only(found, "schema/unknown-version")
    assert (row.line, row.column) == (4, 17)
    known = ", ".join(schemas.versions())
    assert (
        row.message == f"schema_version '9.9' is not one this policyval knows (it knows: {known}) (at /schema_version)"
    )


# --- all at once: nothing lost, nothing written, no network -----------------------------------


def hostile_corpus(directory: Path) -> dict[str, str]:
    """One file per hostile input, and the rule each must get."""
    directory.mkdir(exist_ok=True)
    files: dict[str, tuple[str | bytes, str]] = {
        "syntax.yaml": ("a: [\n", "yaml/syntax"),
        "empty.yaml": ("", "yaml/empty"),
        "multi.yaml": ("a: 1\n---\nb: 2\n", "yaml/multiple-documents"),
        "list.yaml": ("- 1\n", "schema/type"),
        "dup.yaml": ("a: 1\na: 2\n", "yaml/duplicate-key"),
        "bomb.yaml": (billion_laughs(), "yaml/too-large"),
        "cycle.yaml": ("a: &a [*a]\n", "yaml/recursive-alias"),
        "deep.yaml": ("[" * 200_000, "yaml/too-deep"),
        "tag.yaml": ("a: !!python/object/apply:os.system [ls]\n", "yaml/unknown-tag"),
        "latin1.yaml": (b"a: \xe9\n", "file/not-utf8"),
        "utf16.yaml": ("a: 1\n".encode("utf-16"), "file/not-utf8"),
        "binary.yaml": (b"\x00\x01\x02", "file/binary"),
        "bom.yaml": (b"\xef\xbb\xbf" + VALID.read_bytes(), "file/bom"),
        "big.yaml": ("a: " + "x" * (3 * MIB) + "\n", "file/too-large"),
        "keys.yaml": ("{1: a}\n", "yaml/non-string-key"),
        "tabs.yaml": ("a:\n\tb: 1\n", "yaml/syntax"),
        "version.yaml": ('schema_version: "0.1"\n', "schema/unknown-version"),
        "huge-int.yaml": ("a: " + "1" * 5000 + "\n", "schema/additionalProperties"),
    }
    expected = {}
    for name, (content, rule) in files.items():
        write(directory / name, content)
        expected[name] = rule
    os.mkfifo(directory / "fifo.yaml")
    expected["fifo.yaml"] = "io/unreadable"
    (directory / "loop-a.yaml").symlink_to("loop-b.yaml")
    (directory / "loop-b.yaml").symlink_to("loop-a.yaml")
    expected["loop-a.yaml"] = expected["loop-b.yaml"] = "io/symlink-loop"
    (directory / "dangling.yaml").symlink_to("nothing.yaml")
    expected["dangling.yaml"] = "io/broken-link"
    (directory / "up").symlink_to(".")
    return expected


def test_every_hostile_file_at_once_and_nothing_hidden(tmp_path: Path) -> None:
    expected = hostile_corpus(tmp_path / "hostile")
    good = write(tmp_path / "good.yaml", VALID.read_text("utf-8"))
    bad_text = VALID.read_text("utf-8").replace("  country: FR\n  channels:", "  country: fr\n  channels:")
    bad = write(tmp_path / "bad.yaml", bad_text)
    alone_code, alone = check_isolated(str(good), str(bad))
    code, found = check_isolated(str(good), str(tmp_path / "hostile"), str(bad))
    assert code == 2  # unreadable inputs make the run an I/O error...
    # ...but every good and bad policy is still judged exactly as when checked alone,
    assert alone_code == 1
    assert [r for r in found if r.file in (str(good), str(bad))] == alone
    # ...and every hostile file gets its own finding.
    by_file = {Path(r.file).name: r for r in found if "hostile" in r.file}
    for name, rule in expected.items():
        assert name in by_file, f"{name}: no finding"
        assert any(r.rule == rule for r in found if Path(r.file).name == name), (name, rule, by_file[name])


def _snapshot(directory: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry (not following links): type, mode, mtime, size, content hash."""
    shot: dict[str, tuple[Any, ...]] = {".": (os.lstat(directory).st_mtime_ns, sorted(os.listdir(directory)))}
    for path in sorted(directory.rglob("*")):
        info = os.lstat(path)
        digest = ""
        if stat.S_ISREG(info.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        elif stat.S_ISDIR(info.st_mode):
            digest = ",".join(sorted(os.listdir(path)))
        shot[str(path.relative_to(directory))] = (info.st_mode, info.st_mtime_ns, info.st_size, digest)
    return shot


def test_check_never_writes_what_it_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile_corpus(tmp_path)
    write(tmp_path / "good.yaml", VALID.read_text("utf-8"))
    write(tmp_path / "crlf.yaml", VALID.read_text("utf-8").replace("\n", "\r\n"))
    before = _snapshot(tmp_path)
    opened: list[int] = []
    real_open = os.open

    def spy(path: Any, flags: int, *args: Any) -> int:
        opened.append(flags)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", spy)
    code = main(["check", str(tmp_path)])
    capsys.readouterr()
    assert code == 2
    assert _snapshot(tmp_path) == before
    assert opened, "files are opened through os.open"
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
    assert all(flags & write_flags == 0 for flags in opened)


def test_schema_references_never_reach_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    from jsonschema import Draft202012Validator
    from referencing.exceptions import Unresolvable

    attempts: list[Any] = []

    def no_network(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    # A reference to a remote schema, resolved through policyval's own registry.
    remote = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "https://example.com/s.json"}
    validator = Draft202012Validator(remote, registry=schemas.registry())
    with pytest.raises(Unresolvable):
        validator.validate({"a": 1})
    # The bundled schema's own references all resolve locally, with no socket.
    data = loader.load_text(VALID.read_text("utf-8")).data
    for version in schemas.versions():  # a valid 1.0 document, with its version bumped, is valid in each
        assert list(schemas.validator(version).iter_errors({**data, "schema_version": version})) == []
    assert attempts == []


def test_bundled_schemas_reference_only_themselves() -> None:
    def refs(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                    yield value
                yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    ids = {schemas.schema(v)["$id"] for v in schemas.versions()}
    for version in schemas.versions():
        for ref in refs(schemas.schema(version)):
            assert ref.startswith("#") or ref.split("#")[0] in ids, ref


def test_a_crash_in_one_file_costs_that_file_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write(tmp_path / "good.yaml", VALID.read_text("utf-8"))
    cursed = write(tmp_path / "cursed.yaml", "a: 1\n")
    real = pipeline.load_text

    def flaky(text: str) -> Any:
        if text == "a: 1\n":
            raise ZeroDivisionError("simulated bug")
        return real(text)

    monkeypatch.setattr(pipeline, "load_text", flaky)
    monkeypatch.delenv("POLICYVAL_DEBUG", raising=False)
    code = main(["check", str(good), str(cursed)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "internal error" not in err  # the last-resort handler was not needed
    assert [(r.file, r.rule) for r in rows(out)] == [(str(cursed), "internal/error")]
    assert "policyval failed on this file (ZeroDivisionError: simulated bug)" in out
    assert "2 files checked" in out


# --- the one pass: nothing is built before the guards pass -------------------------------------


def test_alias_bomb_is_refused_before_anything_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the bomb reached the builder")

    monkeypatch.setattr(loader._Builder, "build", never)
    doc = loader.load_text(billion_laughs(levels=30))
    assert not doc.usable
    assert [(p.rule, p.line, p.column) for p in doc.problems] == [("yaml/too-large", 6, 10)]


def test_each_file_is_parsed_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The loader's events also serve the suppression scanner: one parser per file.
    made: list[int] = []
    real = loader._Parser

    def counting(text: str) -> Any:
        made.append(len(text))
        return real(text)

    monkeypatch.setattr(loader, "_Parser", counting)
    text = VALID.read_text("utf-8").replace("controller:\n", "controller:  # policyval: disable=contact/ -- r\n", 1)
    assert "policyval: disable" in text
    f = write(tmp_path / "p.yaml", text)
    main(["check", str(f)])
    assert made == [len(text)]


# --- YAML 1.2 fidelity (docs/hostile-input.md, "YAML 1.2 fidelity") ---------------------------------


@pytest.mark.parametrize(
    ("case", "text", "expected"),
    [
        # yaml-test-suite 3GZX (YAML 1.2 example 7.1): an anchor may be defined again.
        (
            "3GZX",
            "First occurrence: &anchor Foo\nSecond occurrence: *anchor\nOverride anchor: &anchor Bar\n"
            "Reuse anchor: *anchor\n",
            {"First occurrence": "Foo", "Second occurrence": "Foo", "Override anchor": "Bar", "Reuse anchor": "Bar"},
        ),
        # PW8X: anchors on empty scalars, 'a' defined three times (null keys are read as "").
        (
            "PW8X",
            "- &a\n- a\n-\n  &a : a\n  b: &b\n-\n  &c : &a\n-\n  ? &d\n-\n  ? &e\n  : &a\n",
            [None, "a", {"": "a", "b": None}, {"": None}, {"": None}, {"": None}],
        ),
        # 652Z: '?foo' in a flow mapping is a plain scalar: the indicator needs a space after it.
        ("652Z", "{ ?foo: bar,\nbar: 42\n}\n", {"?foo": "bar", "bar": 42}),
        # S4JQ (example 6.28): the non-specific tag '!' makes a string.
        ("S4JQ", '# Assuming conventional resolution:\n- "12"\n- 12\n- ! 12\n', ["12", 12, "12"]),
        # Y2GN: ':' may be part of an anchor name.
        ("Y2GN", "---\nkey: &an:chor value\n", {"key": "value"}),
        ("Y2GN alias", "a: &an:chor value\nb: *an:chor\n", {"a": "value", "b": "value"}),
        ("flow ?", "[?foo, ?bar: x, ? baz]\n", ["?foo", {"?bar": "x"}, {"baz": None}]),
    ],
    ids=["3GZX", "PW8X", "652Z", "S4JQ", "Y2GN", "Y2GN-alias", "flow-question"],
)
def test_yaml_test_suite_cases_read_as_the_suite_says(case: str, text: str, expected: Any) -> None:
    doc = loader.load_text(text)
    assert doc.usable, doc.problems
    assert doc.data == expected
    assert [p for p in doc.problems if p.rule != "yaml/non-string-key"] == []


def test_an_alias_names_the_latest_definition_and_a_cycle_is_still_refused() -> None:
    # The alias inside the second 'x' means the second one, which is not complete yet.
    doc = loader.load_text("a: &x 1\nb: &x [*x]\n")
    assert [(p.rule, p.line, p.column) for p in doc.problems] == [("yaml/recursive-alias", 2, 8)]
    # A scalar redefined inside a collection of the same name is complete when named.
    assert loader.load_text("a: &x [&x 1, *x]\n").data == {"a": [1, 1]}


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
@pytest.mark.parametrize(
    ("template", "value"),
    [
        ("a: x{c}y\n", "x{c}y"),  # plain
        ("a: |\n  x{c}y\n", "x{c}y\n"),  # literal block
        ("a: >\n  x{c}y\n", "x{c}y\n"),  # folded block
        ('a: "x{c}y"\n', "x{c}y"),  # double-quoted: was a space for NEL
        ("a: 'x{c}y'\n", "x{c}y"),  # single-quoted: was a space for NEL
        ("a: [x{c}y]\n", ["x{c}y"]),  # plain in a flow collection
        ("{c}a: 1\n", None),  # a key that starts with one
    ],
)
def test_nel_ls_ps_are_characters_as_yaml_1_2_says(char: str, template: str, value: Any) -> None:
    doc = loader.load_text(template.format(c=char) + "b: 2\n")
    assert doc.problems == []
    expected_a = value.format(c=char) if isinstance(value, str) else [v.format(c=char) for v in value or []]
    if value is None:
        assert doc.data == {f"{char}a": 1, "b": 2}
    else:
        assert doc.data == {"a": expected_a, "b": 2}
    # Not line breaks: 'b' is on the line after the text's last LF-ended line.
    assert doc.keys[("b",)] == (template.count("\n") + 1, 1)


def test_nel_ls_ps_escapes_and_stand_ins_are_kept_apart() -> None:
    # '\N' and '\uE000' are escapes; the raw NEL is swapped for a stand-in libyaml never sees.
    doc = loader.load_text('a: "\\N\\L\\P\\uE000"\nb: x\x85y\n')
    assert doc.data == {"a": "\x85\u2028\u2029\ue000", "b": "x\x85y"}


def test_a_policy_with_a_line_separator_in_its_text_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.read_text("utf-8")
    assert "legal_name: " in text
    f = write(tmp_path / "p.yaml", text.replace("legal_name: ", "legal_name: A\u2028", 1))
    code, found = check(capsys, str(f))
    assert [r for r in found if r.rule.startswith(("yaml/", "schema/"))] == []
    assert code == 0
