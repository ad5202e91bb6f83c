"""The settings model of a configuration file, validated with pydantic.

Its own module so that pydantic is imported only when a configuration file is actually
read (``policyval.config.load``): a run without one starts about 13 ms sooner.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["error", "warning", "info", "off"]


class Config(BaseModel):
    """``[tool.policyval]`` / ``.policyval.yaml``. Unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    select: list[str] | None = None  # semantic rules to run (ids or 'namespace/'); default all
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Level] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    profiles: list[Literal["baseline", "eu-gdpr", "ca-pipeda"]] | None = None
    # evidence/low-coverage: the share (percent) of the source text evidence quotes must cover.
    min_coverage: float | None = Field(default=None, alias="min-coverage", ge=0, le=100)
