"""Refuse an event file and a schedule file that do not belong together (`mitra event …`).

Event ids default to `temu-bisnis` and meeting ids to M001…, so two events' files can look alike;
the schedule's event digest (scheduler.digest) tells them apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.markup import escape

from mitra.app import err_console
from mitra.commands.common import fail


def check_belongs(
    event: Any,
    schedule: Any,
    *,
    event_label: str,
    schedule_file: Path,
    embedded: Any = None,
    embedded_hint: str = "leave out the event file to use that one",
) -> None:
    """Stop with a plain message when the schedule was made for another event; warn when the
    schedule is too old to carry a digest. `embedded` is the event the schedule holds, if any;
    when it is the right one, the message ends with `embedded_hint`."""
    from scheduler.digest import schedule_matches

    match = schedule_matches(event, schedule)
    if match == "unknown":
        err_console.print(
            f"[yellow]Warning:[/] {escape(str(schedule_file))} carries no event digest (made by "
            f"an older mitra), so it cannot be checked against {escape(event_label)}. Make sure "
            "they belong together, or run `mitra schedule` again.",
            highlight=False,
            soft_wrap=True,
        )
    elif match == "different":
        hint = ""
        if embedded is not None and schedule_matches(embedded, schedule) == "same":
            hint = f" ({schedule_file} holds the event it was made for: {embedded_hint})"
        fail(
            escape(
                f"this schedule was made for a different event: {schedule_file} does not match "
                f"{event_label}; run `mitra schedule` again or pass the event file it was made "
                f"from{hint}"
            )
        )
