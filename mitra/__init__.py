"""Mitra: B2B matchmaking for Indonesian IKM suppliers and large-industry buyers."""

from __future__ import annotations

import os
import sys


def _drop_shadowing_script_dir() -> None:
    # A console script runs with its bin/ folder first on sys.path. Some packages (python-sat)
    # install stray top-level scripts such as bin/models.py there, which would hide our
    # `models` package. Our code never imports from bin/, so drop it when it shadows us.
    if not sys.path or not sys.argv or not sys.argv[0]:
        return
    first = os.path.abspath(sys.path[0] or os.curdir)
    if first == os.path.dirname(os.path.abspath(sys.argv[0])) and any(
        os.path.exists(os.path.join(first, f"{name}.py"))
        for name in ("models", "service", "matcher", "scheduler")
    ):
        sys.path.pop(0)


_drop_shadowing_script_dir()

__version__ = "0.1.0"
