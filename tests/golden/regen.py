"""Rewrite tests/golden/<policy>.json from the current findings on policies/*.yaml.

    python tests/golden/regen.py

Run it only after reading every changed finding against the policy's seed text
(``git diff tests/golden``): a golden file records what policyval says about a real
policy, and each finding in it must be true of that text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
POLICIES = ROOT / "policies"


def policies() -> list[Path]:
    """The encoded seeds (dotfiles, such as a configuration file, are not policies)."""
    return sorted(p for p in POLICIES.glob("*.yaml") if not p.name.startswith("."))


def golden(policy: Path) -> dict[str, Any]:
    """What `policyval check` reports on one policy: the profiles that ran and every finding."""
    from policyval.check.plan import Plan
    from policyval.check.run import collect

    report = collect([str(policy)], Plan())
    return {
        "policy": f"policies/{policy.name}",
        "profiles": list(report.summary.profiles.get(str(policy), ())),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "line": f.line,
                "column": f.column,
                "path": f.path,
                "message": f.message,
            }
            for f in report.findings
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    for stale in GOLDEN.glob("*.json"):
        stale.unlink()
    for policy in policies():
        (GOLDEN / f"{policy.stem}.json").write_text(dumps(golden(policy)), encoding="utf-8")
        print(f"wrote tests/golden/{policy.stem}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
