"""The `mitra` command. Thin: parse arguments, call service/matcher code, print with rich."""

from __future__ import annotations

import importlib

from mitra.app import app

# Each module attaches its commands to the Typer apps in mitra.app.
for _name in ("core", "schedule", "agendas", "plan", "weights", "users", "serve"):
    try:
        importlib.import_module(f"mitra.commands.{_name}")
    except ModuleNotFoundError as exc:  # a command family not installed in this build
        if exc.name != f"mitra.commands.{_name}":
            raise

__all__ = ["app"]


if __name__ == "__main__":  # pragma: no cover
    app()
