"""The reproducers of issue 18, run as tests through the command line (a subprocess each).

Each one failed on 741efb1: a file outside the repository read and leaked, a hang, a crash, an
injection, a lost baseline entry, a process left running. Hangs are what some of these guard
against: each run has a timeout, so a hang is a failure, not a stuck suite. Time limits are
generous (the old code took from 15 s to forever on the same inputs).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
CODE = "import sys; from policyval.cli import main; sys.exit(main(sys.argv[1:]))"


def run(
    *args: str, cwd: Path | None = None, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CODE, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        errors="surrogateescape",
    )


def html_of(markdown: str) -> str:
    """Markdown as CommonMark renders it (raw HTML passed through, as GitHub's renderer does before sanitising)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def no_crash(done: subprocess.CompletedProcess[str]) -> None:
    out = done.stdout + done.stderr
    assert "internal/error" not in out and "internal error" not in out and "Traceback" not in out, out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def policy(folder: Path, body: str, name: str = "p.yaml") -> Path:
    path = folder / name
    path.write_text('schema_version: "1.0"\n' + body, encoding="utf-8")
    return path


# --- 1, 2: source_text ---------------------------------------------------------------------


@pytest.mark.parametrize("cited", ["/proc/self/environ", "../outside.txt", "link.txt"])
def test_source_text_outside_the_repository_is_a_finding_and_never_read(tmp_path: Path, cited: str) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (tmp_path / "outside.txt").write_text("SECRET=hunter2-outside\n", encoding="utf-8")
    (repo / "link.txt").symlink_to(tmp_path / "outside.txt")
    # A guessed quote whose start matches: the old hint printed what followed it.
    path = policy(repo, f"policy:\n  source_text: {cited}\n  evidence: ['SECRET=hunter2-zzz']\n")
    done = run("check", str(path), env={"SECRET": "hunter2-environ"})
    assert "hunter2" not in done.stdout.replace("hunter2-zzz", ""), done.stdout
    assert "[evidence/source-not-found]" in done.stdout and "outside this policy's repository" in done.stdout
    assert "[evidence/quote-not-in-source]" not in done.stdout


def test_source_text_that_blocks_or_is_huge_is_refused(repo: Path) -> None:
    sparse = repo / "sparse.txt"
    with sparse.open("wb") as out:
        out.truncate(3 * 1024**3)  # 3 GB, no block written
    (repo / "fifo.txt").symlink_to("/proc/kmsg") if os.path.exists("/proc/kmsg") else os.mkfifo(repo / "fifo.txt")
    os.mkfifo(repo / "pipe.txt")
    for name in ("sparse.txt", "pipe.txt"):
        path = policy(repo, f"policy:\n  source_text: {name}\n  evidence: ['x']\n")
        done = run("check", str(path), timeout=30)
        no_crash(done)
        assert "[evidence/source-not-found]" in done.stdout, done.stdout
        assert "over the limit" in done.stdout or "FIFO" in done.stdout


def test_many_quotes_against_a_large_source_take_seconds(repo: Path) -> None:
    import random

    rng = random.Random(3)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    text = " ".join(rng.choice(words) for _ in range(900_000))  # 5.8 MB
    (repo / "source.txt").write_text(text, encoding="utf-8")
    quotes = []
    for i in range(3000):
        start = rng.randrange(len(text) - 300)
        quote = text[start : start + rng.randint(30, 200)]
        quotes.append(quote if i % 2 else quote[:-5] + "zzzzz")
    body = "policy:\n  source_text: source.txt\n  evidence:\n" + "".join(f"    - {json.dumps(q)}\n" for q in quotes)
    path = policy(repo, body)
    # Source texts are bounded as policies are (--max-bytes, 2 MiB by default): refused, unread.
    done = run("check", str(path), timeout=60)
    assert "[evidence/source-not-found]" in done.stdout and "over the limit" in done.stdout
    assert "[evidence/quote-not-in-source]" not in done.stdout
    done = run("check", "--max-bytes", "8000000", str(path), timeout=60)  # 77 s before
    no_crash(done)
    assert done.stdout.count("[evidence/quote-not-in-source]") == 1500


# --- 3, 4: schema-valid values ----------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://[::1", "https://a]b", "https://[x]"])
def test_a_schema_valid_url_that_cannot_be_parsed_is_a_finding(tmp_path: Path, url: str) -> None:
    path = policy(tmp_path, f"policy:\n  url: '{url}'\n")
    done = run("check", str(path))
    no_crash(done)
    assert "[contact/malformed-address]" in done.stdout
    other = policy(tmp_path, "policy:\n  url: https://example.com\n", "q.yaml")
    assert run("diff", str(other), str(path)).returncode == 1
    report = run("report", "--format", "markdown", str(path))
    assert report.returncode == 0 and "compliance matrix" in report.stdout


def test_non_ascii_digits_fail_the_pattern_as_in_ecma_262(tmp_path: Path) -> None:
    path = policy(
        tmp_path, 'data_categories: [{id: a}]\nretention:\n  - data_categories: [a]\n    duration: "P\u0661Y"\n'
    )
    done = run("check", str(path))
    assert "[schema/pattern]" in done.stdout, done.stdout
    assert run("export", str(path)).returncode == 1


# --- 5, 6: injection ----------------------------------------------------------------------------


def test_markdown_notice_does_not_carry_html_from_a_url(tmp_path: Path) -> None:
    path = policy(tmp_path, "policy:\n  url: 'https://a/><script>alert(1)</script>'\n")
    done = run("render", "--format", "markdown", str(path))
    assert done.returncode == 0, done.stderr
    assert "<script" not in html_of(done.stdout)


def test_markdown_report_does_not_carry_html_from_a_file_name(tmp_path: Path) -> None:
    path = tmp_path / "x`<img src=x onerror=alert(1)>`.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    done = run("report", "--format", "markdown", str(path))
    assert done.returncode == 0, done.stderr
    assert "<img" not in html_of(done.stdout)


def test_html_pages_hold_no_raw_control_character(tmp_path: Path) -> None:
    path = policy(tmp_path, 'controller:\n  legal_name: "Bell\\a and \\e[2J Co\\x01"\n')
    forbidden = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
    for args in (["render", "--format", "html"], ["report", "--format", "html"]):
        done = run(*args, str(path))
        assert done.returncode == 0, done.stderr
        assert not forbidden.search(done.stdout)


def test_values_never_reach_a_terminal_or_a_ci_log_raw(tmp_path: Path) -> None:
    path = policy(
        tmp_path,
        "controller:\n  legal_name: X\n  channels:\n"
        '    - {type: email, value: "a\\e]0;pwned\\a\\n::error file=x::forged\\e[2J"}\n',
    )
    for fmt in ("text", "github"):
        done = run("check", "--format", fmt, str(path))
        assert "\x1b" not in done.stdout and "\x07" not in done.stdout, fmt
        assert not any(line.startswith("::error file=x") for line in done.stdout.splitlines()), fmt


# --- 7: check never writes what it checks -------------------------------------------------------


def test_check_refuses_to_write_its_report_over_the_policy(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_bytes(GOOD.read_bytes())
    done = run("check", "--format", "json", "-o", str(path), str(path))
    assert done.returncode == 2 and "never writes the files it checks" in done.stderr
    assert path.read_bytes() == GOOD.read_bytes()


# --- 9, 10: configuration and baseline ----------------------------------------------------------


def test_a_deeply_nested_pyproject_without_policyval_is_passed_over(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    done = run("check", str(policy(repo, "")))
    no_crash(done)
    (repo / "pyproject.toml").write_text("[tool.policyval]\na = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    done = run("check", str(repo / "p.yaml"))
    no_crash(done)
    assert done.returncode == 2 and "[config/invalid]" in done.stdout


def test_a_huge_select_list_is_one_finding_and_fast(repo: Path) -> None:
    ids = ", ".join(f'"contact/missing-contac{i}"' for i in range(14000))  # 400 KB
    (repo / "pyproject.toml").write_text(f"[tool.policyval]\nselect = [{ids}]\n", encoding="utf-8")
    done = run("check", str(policy(repo, "")), timeout=30)  # 92 s before
    assert done.returncode == 2 and "more than 1000" in done.stdout


def test_a_hostile_glob_takes_no_exponential_time(repo: Path) -> None:
    folder = repo / ("a" * 60)
    folder.mkdir()
    (repo / ".policyval.yaml").write_text("per-file-ignores:\n  '*a*a*a*a*a*a*a*a*b': [meta/]\n", encoding="utf-8")
    done = run("check", str(policy(folder, "", "a" * 60 + ".yaml")), timeout=30)
    no_crash(done)


def test_config_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    done = run("check", "--config", str(fifo), str(GOOD), timeout=30)
    assert done.returncode == 2 and "FIFO" in done.stdout + done.stderr


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_baseline_from_dev_zero_or_a_fifo(tmp_path: Path, source: str) -> None:
    if source == "fifo":
        source = str(tmp_path / "baseline.json")
        os.mkfifo(source)
    done = run("check", "--baseline", source, str(GOOD), timeout=30)
    assert done.returncode == 2 and "baseline" in done.stderr
    no_crash(done)


# --- 11, 12: signals and concurrency ------------------------------------------------------------


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    # The signal arrives while the report is being written (at its fsync).
    script = (
        "import os, signal, sys\n"
        "real = os.fsync\n"
        "def fsync(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(fd)\n"
        "os.fsync = fsync\n"
        "from policyval.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    out = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", script, "check", "--format", "json", "-o", str(out), str(GOOD)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no report, and no .report.json.<hex>.tmp"
    assert done.stderr.strip() == "policyval: terminated"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for i in range(400):
        (folder / f"p{i:03d}.yaml").write_bytes(GOOD.read_bytes())
    return folder


def _workers(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout.split()
    return [int(p) for p in found]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_with_two_jobs_stops_the_workers_and_prints_one_line(many: Path, signum: int) -> None:
    args = [sys.executable, "-c", CODE, "check", "-j2", *[str(many)] * 4]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while len(_workers(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _workers(process.pid)
        assert len(workers) >= 2, "the run did not start its workers"
        # Ctrl-C reaches the whole process group; SIGTERM only the main process.
        os.killpg(process.pid, signum) if signum == signal.SIGINT else process.send_signal(signum)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signum
    assert err.decode().splitlines() == [
        "policyval: interrupted" if signum == signal.SIGINT else "policyval: terminated"
    ]
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)], "workers left running"


def test_concurrent_baseline_writers_lose_nothing(repo: Path) -> None:
    names = []
    for i in range(8):
        policy(repo, f"policy:\n  url: 'https://bad{i}'\n", f"p{i}.yaml")
        names.append(f"p{i}.yaml")
    target = repo / "baseline.json"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CODE, "check", "--write-baseline", str(target), name],
            cwd=repo,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for name in names
    ]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    files = {e["file"] for e in json.loads(target.read_text(encoding="utf-8"))["entries"]}
    assert files == set(names)


# --- 15: smaller -----------------------------------------------------------------------------


@pytest.mark.parametrize("length", [238, 250, 255])
def test_output_names_up_to_255_characters(tmp_path: Path, length: int) -> None:
    out = tmp_path / ("r" * (length - 5) + ".json")
    done = run("check", "--format", "json", "-o", str(out), str(GOOD))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files_checked"] == 1
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_init_on_a_full_disk_leaves_nothing_and_can_be_retried(tmp_path: Path) -> None:
    # RLIMIT_FSIZE 0: every write to a file fails (EFBIG), as a full disk makes it fail.
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))\n"
        "from policyval.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    target = tmp_path / "policy.yaml"
    done = subprocess.run(
        [sys.executable, "-c", script, "init", str(target)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2 and "cannot write" in done.stderr
    assert not target.exists()
    assert run("init", str(target)).returncode == 0 and target.stat().st_size > 0


def test_a_full_stdout_is_an_io_error_not_an_internal_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", CODE, "check", str(ROOT / "policies")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert "internal error" not in done.stderr and "No space left" in done.stderr
    assert "Traceback" not in done.stderr


def test_jsonld_iris_can_be_written_again_by_rdflib(tmp_path: Path) -> None:
    import warnings

    from rdflib import Graph

    path = policy(tmp_path, "policy:\n  url: 'https://a/<x>\"{|}^`\\\\#y#z'\npurposes: [{id: p}]\n")
    done = run("export", "--format", "dpv-jsonld", str(path))
    assert done.returncode == 0, done.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph = Graph().parse(data=done.stdout, format="json-ld")
        for fmt in ("nt", "turtle"):
            assert len(Graph().parse(data=graph.serialize(format=fmt), format=fmt)) == len(graph)


def test_the_pre_commit_hook_runs_serially() -> None:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert all(hook.get("require_serial") is True for hook in hooks)
