from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Inside the fresh clone that tests/test_setup.py makes, leave that test out: it would
    clone and run the suite again, forever. Deselected, and counted as such, never skipped."""
    if not os.environ.get("POLICYVAL_FRESH_CLONE"):
        return
    kept = [item for item in items if item.path.name != "test_setup.py"]
    config.hook.pytest_deselected(items=[item for item in items if item.path.name == "test_setup.py"])
    items[:] = kept
