"""policyval: privacy policies as code, validated against a versioned JSON Schema and semantic rules."""

from __future__ import annotations

__version__ = "0.1.0"
