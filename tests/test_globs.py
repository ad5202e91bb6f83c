"""per-file-ignores globs: git's own answers (git check-ignore), in polynomial time."""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path

import pytest

from policyval.config.globs import compile_glob
from policyval.rules._evidence import matched_prefix

ALPHABET = list("ab/*?[]!-\\^")


def _paths(rng: random.Random) -> list[str]:
    found = set()
    for _ in range(200):
        segments = ["".join(rng.choice("ab.-!^") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        if not any(s in (".", "..") for s in segments):
            found.add("/".join(segments))
    return sorted(found)


def test_globs_match_as_git_check_ignore_does(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    rng = random.Random(7)
    paths = _paths(rng)
    wrong = []
    for _ in range(250):
        glob = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 9)))
        (tmp_path / ".gitignore").write_text(glob + "\n", encoding="utf-8")
        done = subprocess.run(
            ["git", "-C", str(tmp_path), "check-ignore", "--no-index", "--stdin", "-v", "-n"],
            input="\n".join(paths) + "\n",
            capture_output=True,
            text=True,
            check=False,
        )
        ignored = {
            line.split("\t")[1]
            for line in done.stdout.splitlines()
            if not line.startswith("::") and not line.split("\t")[0].split(":", 2)[2].startswith("!")
        }
        compiled = compile_glob(glob)
        wrong += [(glob, p) for p in paths if compiled.match(p) != (p in ignored)]
    assert wrong == []


@pytest.mark.parametrize("glob", ["*a*a*a*a*a*a*a*a*b", "**/" * 40 + "b", "*" + "?*" * 50 + "b"])
def test_hostile_globs_are_matched_in_polynomial_time(glob: str) -> None:
    path = "/".join(["a" * 200] * 20)
    start = time.perf_counter()
    assert compile_glob(glob).match(path) is False
    # Backtracking regular expressions take hours on these; a generous bound, not a benchmark.
    assert time.perf_counter() - start < 5


def test_matched_prefix_is_the_longest_prefix_that_occurs() -> None:
    rng = random.Random(1)
    for _ in range(2000):
        text = "".join(rng.choice("ab ") for _ in range(rng.randint(0, 40)))
        quote = "".join(rng.choice("ab ") for _ in range(rng.randint(0, 12)))
        want = max((n for n in range(len(quote) + 1) if quote[:n] in text), default=0)
        assert matched_prefix(quote, text) == quote[:want]
