"""Build docs/evaluation.md from the judgements in docs/evaluation/<seed>.yaml.

Each seed's file judges, against the seed's own text, every finding ``policyval check`` gives
on its policy under the profiles the text supports (``profiles``; none: the profiles the policy
declares), and lists the text's real gaps with the findings that cover each. This script runs
the check, matches every finding to its judgement by ``rule`` and JSON ``pointer``, and
computes precision and recall:

* precision: findings judged ``agree`` over all error and warning findings (info findings are
  notes that fail nothing; they are judged and counted apart);
* recall: gaps covered by at least one current finding over all gaps.

It refuses a stale judgement: a finding that no judgement names, a judgement or a gap naming a
finding that no longer occurs, or a quote that is not in the seed text (whitespace aside).
``python docs/evaluation/build.py`` writes docs/evaluation.md; ``--check`` writes nothing and
exits 1 when it is stale or a judgement is (tests/test_evaluation.py runs it).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
OUTPUT = ROOT / "docs" / "evaluation.md"
VERDICTS = ("agree", "false", "low-value")
COUNTED = ("error", "warning")


@dataclass(frozen=True)
class Judged:
    """One finding of the run with its judgement (None: not judged)."""

    key: str
    severity: str
    line: int
    message: str
    judgement: dict[str, Any] | None


def key(rule: str, pointer: str) -> str:
    return f"{rule}@{pointer}"


def flat(text: str) -> str:
    """Text with every run of white space made one space, for finding quotes."""
    return re.sub(r"\s+", " ", text).strip()


def findings(policy: str, profiles: list[str]) -> list[dict[str, Any]]:
    """The findings ``policyval check`` reports on ``policy`` under ``profiles`` (none: detected)."""
    from policyval.check.plan import Plan
    from policyval.check.run import collect

    plan = Plan(profiles=tuple(profiles) or None)
    found = collect([str(ROOT / policy)], plan).findings
    return [
        {"key": key(f.rule, f.path), "severity": f.severity.value, "line": f.line, "message": f.message} for f in found
    ]


def problems(seed: dict[str, Any], run: list[dict[str, Any]]) -> list[str]:
    """Everything stale in one seed's judgements."""
    name = seed["seed"]
    text = flat((ROOT / seed["text"]).read_text("utf-8"))
    judged = {key(j["rule"], j["pointer"]): j for j in seed.get("findings") or []}
    current = {f["key"] for f in run}
    out = [f"{name}: finding {k} is not judged" for k in sorted(current - set(judged))]
    out += [f"{name}: judgement {k} names no current finding" for k in sorted(set(judged) - current)]
    out += [
        f"{name}: {k}: verdict {j.get('verdict')!r} is not one of {VERDICTS}"
        for k, j in judged.items()
        if j.get("verdict") not in VERDICTS
    ]
    for where, item in [
        *(("finding " + k, j) for k, j in judged.items()),
        *(("gap " + g["id"], g) for g in seed.get("gaps") or []),
    ]:
        for quote in _quotes(item):
            if flat(quote) not in text:
                out.append(f"{name}: {where}: quote not in {seed['text']}: {quote[:80]!r}")
    for gap in seed.get("gaps") or []:
        out += [
            f"{name}: gap {gap['id']} is covered by {k}, which is no current finding"
            for k in gap.get("covered_by") or []
            if k not in current
        ]
    return out


def _quotes(item: dict[str, Any]) -> list[str]:
    quote = item.get("quote")
    return [quote] if isinstance(quote, str) else list(quote or [])


@dataclass(frozen=True)
class Tally:
    """The figures of one seed (or of all)."""

    counted: int
    agree: int
    false: int
    low: int
    info: int
    info_agree: int
    gaps: int
    covered: int
    by_info: int  # covered gaps whose only current findings are info notes

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(self.__dict__.values(), other.__dict__.values(), strict=True)))

    @property
    def precision(self) -> float:
        return self.agree / self.counted if self.counted else 1.0

    @property
    def recall(self) -> float:
        return self.covered / self.gaps if self.gaps else 1.0

    @property
    def strict_recall(self) -> float:
        """Recall counting errors and warnings only, as a run with info notes hidden shows it."""
        return (self.covered - self.by_info) / self.gaps if self.gaps else 1.0


def tally(seed: dict[str, Any], run: list[dict[str, Any]]) -> Tally:
    judged = {key(j["rule"], j["pointer"]): j["verdict"] for j in seed.get("findings") or []}
    counted = [judged.get(f["key"]) for f in run if f["severity"] in COUNTED]
    info = [judged.get(f["key"]) for f in run if f["severity"] not in COUNTED]
    current = {f["key"] for f in run}
    counted_keys = {f["key"] for f in run if f["severity"] in COUNTED}
    gaps = seed.get("gaps") or []
    covered = [g for g in gaps if any(k in current for k in g.get("covered_by") or [])]
    by_info = [g for g in covered if not any(k in counted_keys for k in g.get("covered_by") or [])]
    return Tally(
        len(counted),
        counted.count("agree"),
        counted.count("false"),
        counted.count("low-value"),
        len(info),
        info.count("agree"),
        len(gaps),
        len(covered),
        len(by_info),
    )


def load() -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted(HERE.glob("*.yaml"))]


def _cell(text: Any) -> str:
    return flat(str(text or "")).replace("|", "\\|")


def _seed_section(seed: dict[str, Any], run: list[dict[str, Any]], figures: Tally) -> list[str]:
    judged = {key(j["rule"], j["pointer"]): j for j in seed.get("findings") or []}
    profiles = ", ".join(seed.get("profiles") or []) or "as declared by the policy"
    lines = [
        f"## {seed['seed']}",
        "",
        f"Text: `{seed['text']}`. Policy: `{seed['policy']}`. Law: {_cell(seed.get('law'))}",
        f"Run judged: `policyval check {seed['policy']}"
        + "".join(f" --profile {p}" for p in seed.get("profiles") or [])
        + "`"
        + f" (profiles: {profiles}).",
        "",
        f"Precision {figures.agree}/{figures.counted} ({figures.precision:.2f}); "
        f"recall {figures.covered}/{figures.gaps} ({figures.recall:.2f}; {figures.by_info} by info notes alone); "
        f"info notes {figures.info} ({figures.info_agree} agree).",
        "",
        "| Line | Severity | Finding | Verdict | The text that decides it |",
        "| ---: | --- | --- | --- | --- |",
    ]
    for f in sorted(run, key=lambda f: (f["line"], f["key"])):
        j = judged[f["key"]]
        quote = "; ".join(f'"{_cell(q)}"' for q in _quotes(j))
        reason = _cell(j.get("reason"))
        lines.append(f"| {f['line']} | {f['severity']} | `{f['key']}` | {j['verdict']} | {quote} {reason} |")
    lines += ["", "| Gap | Requirement | The text | Covered by |", "| --- | --- | --- | --- |"]
    for gap in seed.get("gaps") or []:
        covered = ", ".join(f"`{k}`" for k in gap.get("covered_by") or []) or "**none**"
        quote = "; ".join(f'"{_cell(q)}"' for q in _quotes(gap))
        head = f"| {gap['id']}: {_cell(gap['gap'])} | {_cell(gap['requirement'])}"
        lines.append(f"{head} | {quote} {_cell(gap.get('note'))} | {covered} |")
    return [*lines, ""]


HEAD = """# Evaluation: each finding on the five seeds, judged against its text

Generated by `python docs/evaluation/build.py` from the judgements in `docs/evaluation/<seed>.yaml`;
`tests/test_evaluation.py` fails when a finding is not judged, a judgement names a finding that no
longer occurs, a quote is not in the seed text, or this page is stale. The golden findings
(`tests/golden/`) are the test; this page is the argument for them.

Verdicts: **agree** (the text shows the gap the finding names, under the law the text supports);
**false** (the text contradicts it, or the law does not ask it); **low-value** (true, but a DPO would
not act on it, or it repeats another finding). Precision counts errors and warnings, the findings
that fail a check or `--strict`; info notes are judged and shown apart. Recall counts the real gaps of
each text that at least one current finding covers, an info note included (it is printed, and points
at the gap); "By info alone" counts the gaps only an info note covers, and the recall of errors and
warnings alone, what a run that hides info notes shows, is beside it.
"""


def run_of(seed: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings of the run a seed's judgements are about."""
    return findings(seed["policy"], seed.get("profiles") or [])


def document(seeds: list[dict[str, Any]], runs: list[list[dict[str, Any]]]) -> str:
    figures = [tally(s, r) for s, r in zip(seeds, runs, strict=True)]
    total = sum(figures[1:], figures[0]) if figures else Tally(0, 0, 0, 0, 0, 0, 0, 0, 0)
    lines = [
        HEAD,
        "## Totals",
        "",
        "| Seed | Findings | agree | false | low-value | Precision | Gaps | Covered | Recall | By info alone "
        "| Recall, errors and warnings | Info |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for seed, t in [*zip((s["seed"] for s in seeds), figures, strict=True), ("**all**", total)]:
        lines.append(
            f"| {seed} | {t.counted} | {t.agree} | {t.false} | {t.low} | {t.precision:.2f} | {t.gaps} | "
            f"{t.covered} | {t.recall:.2f} | {t.by_info} | {t.strict_recall:.2f} | {t.info} |"
        )
    lines.append("")
    for seed, run, t in zip(seeds, runs, figures, strict=True):
        lines += _seed_section(seed, run, t)
    return "\n".join(lines).rstrip("\n") + "\n"


def skeleton(name: str) -> str:
    """A judgement file to fill in for seed ``name``: its current findings, unjudged."""
    policy = f"policies/{name}.yaml"
    entries = [
        {
            "rule": f["key"].split("@", 1)[0],
            "pointer": f["key"].split("@", 1)[1],
            "line": f["line"],
            "severity": f["severity"],
            "message": f["message"],
            "verdict": "TODO",
            "quote": [],
            "reason": "",
        }
        for f in findings(policy, [])
    ]
    head = {"seed": name, "text": "seeds/TODO.txt", "policy": policy, "law": "TODO", "profiles": []}
    return yaml.safe_dump({**head, "findings": entries, "gaps": []}, sort_keys=False, allow_unicode=True, width=110)


def main(argv: list[str]) -> int:
    """``build.py`` writes the page; ``--check`` compares; ``--seed NAME`` checks one seed's file
    only (while it is being written); ``--skeleton NAME`` prints a file to fill in."""
    sys.path.insert(0, str(ROOT / "validator"))
    if "--skeleton" in argv:
        print(skeleton(argv[argv.index("--skeleton") + 1]), end="")
        return 0
    seeds = load()
    if "--seed" in argv:
        seeds = [s for s in seeds if s["seed"] == argv[argv.index("--seed") + 1]]
    runs = [run_of(s) for s in seeds]  # each seed checked once, for the checks and for the page
    stale = [p for s, run in zip(seeds, runs, strict=True) for p in problems(s, run)]
    if stale:
        print("\n".join(stale), file=sys.stderr)
        return 1
    if "--seed" in argv:
        t = tally(seeds[0], runs[0])
        print(f"{seeds[0]['seed']}: precision {t.agree}/{t.counted}, recall {t.covered}/{t.gaps}, info {t.info}")
        return 0
    text = document(seeds, runs)
    if "--check" in argv:
        current = OUTPUT.read_text("utf-8") if OUTPUT.is_file() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run python docs/evaluation/build.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
