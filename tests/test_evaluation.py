"""docs/evaluation.md is the project's own judge (issue 12): every finding on the seeds judged
against its text, and the real gaps with the findings that cover them. It is generated from
docs/evaluation/<seed>.yaml by docs/evaluation/build.py; these tests fail when a finding is not
judged, a judgement or a gap names a finding that no longer occurs, a quote is not in the seed
text, or the page is stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "docs" / "evaluation" / "build.py"
SEEDS = sorted(p.stem for p in (ROOT / "policies").glob("*.yaml"))


def test_every_seed_is_judged() -> None:
    assert sorted(p.stem for p in BUILD.parent.glob("*.yaml")) == SEEDS


def test_evaluation_is_current() -> None:
    done = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_stale_judgement_is_refused(tmp_path: Path) -> None:
    # A judgement of a finding that does not occur, and a quote not in the text: both named.
    sys.path.insert(0, str(BUILD.parent))
    import build

    seed = {
        "seed": "photo-cdm",
        "text": "seeds/000_5fd74c2bd781bc23.txt",
        "policy": "policies/photo-cdm.yaml",
        "findings": [{"rule": "no/such", "pointer": "/x", "verdict": "agree", "quote": ["not in the text at all"]}],
        "gaps": [{"id": "G01", "gap": "g", "requirement": "r", "covered_by": ["no/such@/y"]}],
    }
    found = build.problems(seed, [])
    assert any("names no current finding" in p for p in found)
    assert any("quote not in" in p for p in found)
    assert any("gap G01 is covered by no/such@/y" in p for p in found)
    unjudged = build.problems({**seed, "findings": [], "gaps": []}, [{"key": "a/b@/c"}])
    assert unjudged == ["photo-cdm: finding a/b@/c is not judged"]


def test_gaps_covered_by_info_notes_alone_are_counted_apart() -> None:
    # Recall counts an info note; the strict figure, a run with info notes hidden, does not.
    sys.path.insert(0, str(BUILD.parent))
    import build

    seed = {
        "findings": [],
        "gaps": [
            {"id": "G01", "covered_by": ["a/warn@/x"]},
            {"id": "G02", "covered_by": ["a/note@/y"]},
            {"id": "G03", "covered_by": ["a/note@/y", "a/warn@/x"]},
            {"id": "G04", "covered_by": []},
        ],
    }
    run = [{"key": "a/warn@/x", "severity": "warning"}, {"key": "a/note@/y", "severity": "info"}]
    t = build.tally(seed, run)
    assert (t.gaps, t.covered, t.by_info) == (4, 3, 1)
    assert (t.recall, t.strict_recall) == (0.75, 0.5)
