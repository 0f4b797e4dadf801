"""The `mitra` command. Thin: parse arguments, call service/matcher code, print with rich."""

from __future__ import annotations

import importlib
import pkgutil

import mitra.commands
from mitra.app import app

# Each module in mitra.commands attaches its commands to the Typer apps in mitra.app.
for _module in sorted(m.name for m in pkgutil.iter_modules(mitra.commands.__path__)):
    if _module != "common":
        importlib.import_module(f"mitra.commands.{_module}")

__all__ = ["app"]


if __name__ == "__main__":  # pragma: no cover
    app()
