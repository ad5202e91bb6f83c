"""Configuration: which rules run, at what severity, for which files.

``Resolver`` finds the configuration file that governs each checked file and answers the
engine's question, ``settings_for(file)``, with a :class:`policyval.check.plan.Settings`.
"""

from __future__ import annotations

from policyval.config.files import Loaded, load
from policyval.config.resolve import Resolver, settings

__all__ = ["Loaded", "Resolver", "load", "settings"]
