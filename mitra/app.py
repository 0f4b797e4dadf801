"""The Typer applications; command modules in `mitra.commands` attach to these."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="mitra",
    help="Mitra: match IKM suppliers with large-industry buyers and schedule temu bisnis meetings.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
import_app = typer.Typer(
    help="Import organizer files (supplier sheets, outcomes).", no_args_is_help=True
)
event_app = typer.Typer(help="Prepare a temu bisnis event: plan, agendas.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(event_app, name="event")

console = Console()
err_console = Console(stderr=True)
