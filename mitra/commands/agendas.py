"""`mitra event agendas`: print-ready agendas (XLSX, PDF, iCalendar) from a schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from matcher.errors import MitraError
from mitra.app import err_console, event_app
from mitra.commands.common import emit, fail, load_json_file
from mitra.commands.event_files import check_belongs


def _formats(text: str) -> set[str]:
    from scheduler.agendas import FORMATS

    chosen = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = chosen - FORMATS
    if unknown or not chosen:
        fail(
            f"unknown format {', '.join(sorted(unknown)) or '(none)'}; "
            "use a comma-separated list of xlsx, pdf, ics"
        )
    return chosen


def _event_source(document: dict[str, Any], event_file: Path | None) -> Any:
    if event_file is not None:
        return load_json_file(event_file)
    if isinstance(document.get("event"), dict):
        return document["event"]
    fail("the schedule does not include its event; give the event file with --event EVENT.json")


def _embedded_event(document: dict[str, Any]) -> Any:
    """The event a schedule written with --embed-event (or by a reschedule) holds, if usable."""
    from scheduler.event import load_event

    if not isinstance(document.get("event"), dict):
        return None
    try:
        return load_event(document["event"])
    except MitraError:
        return None


@event_app.command("agendas")
def agendas(
    schedule_file: Annotated[
        Path,
        typer.Argument(
            help="Schedule JSON written by `mitra schedule`.",
            metavar="SCHEDULE.json",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the agendas into.", metavar="DIR")
    ],
    event_file: Annotated[
        Path | None,
        typer.Option(
            "--event",
            help="Event JSON the schedule was made from (optional if the schedule embeds it).",
            metavar="EVENT.json",
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: xlsx, pdf, ics.", metavar="FORMATS")
    ] = "xlsx,pdf,ics",
) -> None:
    """Write the master grid and one agenda per participant: workbook, printable PDF, calendars."""
    from scheduler.agendas import export_agendas, missing_times
    from scheduler.event import load_event
    from scheduler.result import load_schedule

    chosen = _formats(formats)
    document = load_json_file(schedule_file)
    if not isinstance(document, dict):
        fail(f"{schedule_file} must hold a JSON object (a schedule), not a list or a value")
    try:
        event = load_event(_event_source(document, event_file))
        schedule = load_schedule({k: v for k, v in document.items() if k != "event"})
        check_belongs(
            event,
            schedule,
            event_label=str(event_file) if event_file else f"the event stored in {schedule_file}",
            schedule_file=schedule_file,
            embedded=_embedded_event(document) if event_file else None,
            embedded_hint="leave out --event to use that one",
        )
        if "ics" in chosen and missing_times(event, schedule):
            untimed = escape(", ".join(missing_times(event, schedule)))
            err_console.print(
                f"[yellow]Calendar files skipped:[/] slot(s) {untimed} have no start and end "
                "time. Add times to the event's slots to get .ics files.",
                highlight=False,
            )
            chosen.discard("ics")
            if not chosen:
                fail("nothing to write: calendar files need slot times")
        written = export_agendas(event, schedule, out, chosen)
    except MitraError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write to {out}: {exc.strerror}")
    calendars = [path for path in written if path.suffix == ".ics"]
    for path in written:
        if path.suffix != ".ics":
            emit(str(path))
    if calendars:
        emit(f"{calendars[0].parent}/ ({len(calendars)} calendar files, one per participant)")
