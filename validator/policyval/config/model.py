"""The settings model of a configuration file, validated with pydantic.

Its own module so that pydantic is imported only when a configuration file is actually
read (``policyval.config.load``): a run without one starts about 13 ms sooner.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from policyval.policy.laws import PROFILE_IDS

Level = Literal["error", "warning", "info", "off"]


class Config(BaseModel):
    """``[tool.policyval]`` / ``.policyval.yaml``. Unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    select: list[str] | None = None  # semantic rules to run (ids or 'namespace/'); default all
    # Rules to run on top of select (or of the default rules): how opt-in rules are chosen.
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Level] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    profiles: list[str] | None = None  # rule profiles (policy.laws.PROFILE_IDS), checked below
    # evidence/low-coverage: the share (percent) of the source text evidence quotes must cover.
    min_coverage: float | None = Field(default=None, alias="min-coverage", ge=0, le=100)

    @field_validator("profiles")
    @classmethod
    def _known_profiles(cls, value: list[str] | None) -> list[str] | None:
        unknown = [p for p in value or [] if p not in PROFILE_IDS]
        if unknown:
            raise ValueError(f"unknown profile {unknown[0]!r}; known: {', '.join(PROFILE_IDS)}")
        return value
