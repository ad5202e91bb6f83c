"""Property-based tests (hypothesis): random and mutated YAML, and mutated real policies.

Whatever the bytes, ``policyval check``:
* lets no exception escape and never reaches its last-resort "internal error" handler,
* exits 0, 1 or 2,
* reports every finding inside the file: 1 <= line <= lines + 1 and 1 <= column <= that
  line's length + 1 (lines end at CR LF, CR or LF, as policyval counts them), or 0:0 for
  a finding about the whole file,
* and never hides the findings of a good file checked in the same run.

Runs are derandomized and use no example database, so CI sees the same examples every
time; example counts are modest so the suite stays fast.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyval.check import load as loader
from policyval.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml", *sorted((ROOT / "policies").glob("*.yaml"))]
GOOD = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
# A good file with findings of its own, to see that none of them gets lost.
FLAWED = ROOT / "tests" / "cases" / "invalid" / "schema" / "enum" / "country-case.yaml"

FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_AT = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|warning|info) \[(?P<rule>[^\]]+)\] ")
_FILE = re.compile(r"^(?P<file>.+?): (?:error|warning|info) \[(?P<rule>[^\]]+)\] ")
_BREAK = re.compile(r"\r\n|\r|\n")

# Characters that make YAML interesting: indicators, breaks, tabs, a BOM, NEL/LS, NUL.
YAML_ALPHABET = st.sampled_from(
    list("-:?,[]{}#&*!|>'\"%@` \n\t\r.~") + list("abcNOyes01") + ["é", "\u2028", "\x85", "\ufeff", "\x00", "\x07"]
)
INSERTS = [
    b"!!python/object/apply:os.system ['echo hi'] ",
    b"!custom ",
    b"&a ",
    b"*a ",
    b"*undefined ",
    b"<<: *a\n",
    b"? [x]\n: y\n",
    b"---\n",
    b"...\n",
    b"\t",
    b"[" * 100,
    b"{",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xe9",
    b"\x00",
    b"\r",
    b"'",
    b'"',
    b"%YAML 1.1\n",
    b"NO",
    b"2024-01-01",
    b"9" * 5000,
]


def run_check(*paths: Path) -> tuple[int, str]:
    """``policyval check PATHS`` in this process: exit code and stdout, stderr checked."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *map(str, paths)])  # an exception here fails the property
    assert "internal error" not in err.getvalue(), err.getvalue()
    assert "[internal/error]" not in out.getvalue(), out.getvalue()
    assert code in (0, 1, 2)
    return code, out.getvalue()


def findings(out: str) -> list[tuple[str, int, int, str]]:
    rows = []
    for line in out.splitlines():
        if m := _AT.match(line):
            rows.append((m["file"], int(m["line"]), int(m["col"]), m["rule"]))
        elif m := _FILE.match(line):
            rows.append((m["file"], 0, 0, m["rule"]))
    return rows


def text_of(raw: bytes) -> str:
    """The text positions refer to: the BOM is not part of it; undecodable bytes count one each."""
    return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")


def assert_inside(raw: bytes, rows: list[tuple[str, int, int, str]]) -> None:
    lines = _BREAK.split(text_of(raw))
    for file, line, column, rule in rows:
        if (line, column) == (0, 0):
            continue  # a finding about the whole file
        assert 1 <= line <= len(lines) + 1, (file, line, column, rule, len(lines))
        width = len(lines[line - 1]) if line <= len(lines) else 0
        assert 1 <= column <= width + 1, (file, line, column, rule, width)


def check_bytes(directory: Path, raw: bytes) -> None:
    target = directory / "fuzzed.yaml"
    target.write_bytes(raw)
    _code, out = run_check(target)
    rows = findings(out)
    assert all(file == str(target) for file, *_ in rows), rows
    assert_inside(raw, rows)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real policy after a few byte flips, line deletions and duplications, indentation
    changes, and insertions of tags, anchors, aliases and hostile fragments."""
    raw = draw(st.sampled_from(SEEDS)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        lines = raw.split(b"\n")
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["flip", "delete", "duplicate", "indent", "dedent", "insert", "truncate"]))
        if kind == "flip" and raw:
            at = draw(st.integers(0, len(raw) - 1))
            raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
            continue
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = draw(st.sampled_from([b" ", b"  ", b"\t", b"    "])) + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip(b" ")
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(INSERTS)) + lines[i][at:]
        elif kind == "truncate":
            lines = lines[: i + 1]
        raw = b"\n".join(lines)
    return raw


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(text=st.text(YAML_ALPHABET, max_size=300))
def test_random_yaml_text(workdir: Path, text: str) -> None:
    check_bytes(workdir, text.encode("utf-8"))


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes(workdir: Path, raw: bytes) -> None:
    check_bytes(workdir, raw)


@settings(FUZZ, max_examples=150)
@given(raw=mutated())
def test_mutated_policies(workdir: Path, raw: bytes) -> None:
    check_bytes(workdir, raw)


@settings(FUZZ, max_examples=40)
@given(raw=st.one_of(mutated(), st.text(YAML_ALPHABET, max_size=200).map(str.encode), st.binary(max_size=100)))
def test_a_bad_file_never_hides_good_findings(workdir: Path, raw: bytes) -> None:
    bad = workdir / "bad.yaml"
    bad.write_bytes(raw)
    _, alone = run_check(GOOD, FLAWED)
    _, together = run_check(GOOD, bad, FLAWED)
    mine = {str(GOOD), str(FLAWED)}
    expected = [r for r in findings(alone) if r[0] in mine]
    assert expected, "the flawed file has findings of its own"
    assert [r for r in findings(together) if r[0] in mine] == expected


@settings(FUZZ, max_examples=300)
@given(text=st.text(max_size=200) | st.text(YAML_ALPHABET, max_size=400))
def test_loader_positions_lie_inside_the_text(text: str) -> None:
    # The loader alone, on any text, including every position it records for the engine.
    doc = loader.load_text(text)
    lines = _BREAK.split(text)
    positions = [(p.line, p.column) for p in doc.problems]
    positions += list(doc.values.values()) + list(doc.keys.values())
    for line, column in positions:
        assert 1 <= line <= len(lines)
        assert 1 <= column <= len(lines[line - 1]) + 1
