"""`mitra schedule` and `mitra event reschedule`: meeting schedules for a temu bisnis event."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from matcher.errors import MitraError
from mitra.app import app, console, err_console, event_app
from mitra.commands.common import emit, fail, load_json_file
from mitra.commands.event_files import check_belongs


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


EventFile = Annotated[
    Path, typer.Argument(help="Event JSON (contract section 5).", metavar="EVENT.json")
]
TimeLimit = Annotated[
    float, typer.Option("--time-limit", help="Seconds the solver may search.", min=0.1)
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", help="json (the contract output) or a readable table.")
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Also write the schedule JSON to this file.", metavar="FILE"),
]
WorkersOption = Annotated[int, typer.Option("--workers", help="Solver threads.", min=1)]


def _load_event(path: Path) -> Any:
    from scheduler.event import load_event

    try:
        return load_event(load_json_file(path))
    except MitraError as error:
        fail(f"{path}: {escape(str(error))}")


def _solving(time_limit: float) -> tuple[Progress, Callable[[float, str], None]]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]Menyusun jadwal / scheduling[/]"),
        BarColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
        console=err_console,
        transient=True,
    )
    task = progress.add_task("solve", total=1.0, note=f"time limit {time_limit:g} s")

    def report(fraction: float, note: str) -> None:
        progress.update(task, completed=fraction, note=escape(note))

    return progress, report


def _output(
    schedule: Any, event: Any, fmt: OutputFormat, out: Path | None, embed: Any = None
) -> None:
    """Print (and with --out write) the schedule; `embed` is an event to include in the JSON."""
    document = schedule.model_dump(mode="json")
    for optional in ("breaks_bound", "changes", "event_digest"):
        if not document.get(optional):
            document.pop(optional, None)
    if embed is not None:
        document["event"] = embed.model_dump(mode="json")
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if out is not None:
        _write(out, text)
        err_console.print(f"[green]Schedule written to {escape(str(out))}[/]")
    if fmt is OutputFormat.json:
        emit(text)
    else:
        console.print(schedule_grid(schedule, event))
        console.print(schedule_summary(schedule))
    if schedule.status == "infeasible":
        raise typer.Exit(1)


@app.command("schedule")
def schedule_command(
    event_file: EventFile,
    time_limit: TimeLimit = 60.0,
    fmt: FormatOption = OutputFormat.json,
    out: OutOption = None,
    workers: WorkersOption = 2,
    embed_event: Annotated[
        bool, typer.Option("--embed-event", help="Include the event in the JSON (for agendas).")
    ] = False,
) -> None:
    """Schedule an event's meetings: no clashes, then fewest breaks. Exit 1 when infeasible."""
    from scheduler.solve import solve

    event = _load_event(event_file)
    progress, report = _solving(time_limit)
    with progress:
        result = solve(event, time_limit=time_limit, workers=workers, progress=report)
    _output(result, event, fmt, out, event if embed_event else None)


def _late_pairs(values: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        person, sep, slot = value.partition("=")
        if not sep or not person or not slot:
            fail(f"--late expects PARTICIPANT=SLOT (for example S0042=pm-03), not {value!r}")
        pairs[person.strip()] = slot.strip()
    return pairs


@event_app.command("reschedule")
def reschedule_command(
    event_file: EventFile,
    schedule_file: Annotated[
        Path, typer.Argument(help="The schedule made before the event.", metavar="SCHEDULE.json")
    ],
    now: Annotated[
        str,
        typer.Option(
            "--now",
            help="First slot not yet held, as the event file names it (`mitra event plan` "
            "names slots am-01, am-02 …, pm-01 …).",
            metavar="SLOT",
        ),
    ],
    cancel: Annotated[
        list[str] | None, typer.Option("--cancel", help="Participant who cancelled (repeatable).")
    ] = None,
    late: Annotated[
        list[str] | None,
        typer.Option(
            "--late",
            help="PARTICIPANT=SLOT: arrives in time for SLOT, e.g. S0007=pm-03 (repeatable).",
        ),
    ] = None,
    time_limit: TimeLimit = 30.0,
    fmt: FormatOption = OutputFormat.json,
    out: OutOption = None,
    workers: WorkersOption = 2,
    event_out: Annotated[
        Path | None,
        typer.Option(
            "--event-out",
            help="Also write the event as changed today (for a later re-schedule).",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Re-plan the rest of the day: held meetings stay, as few agendas change as possible.

    Examples, with slot ids as `mitra event plan` writes them (am-01 …, pm-01 …):

    mitra event reschedule acara.json jadwal.json --now pm-01 --cancel S0042

    mitra event reschedule acara.json jadwal.json --now am-04 --late S0007=am-06

    Add --out FILE to save the new schedule. It holds the event as changed today,
    so `mitra event agendas FILE --out DIR` needs no --event.
    """
    from scheduler.reschedule import event_after, reschedule
    from scheduler.result import load_schedule

    event = _load_event(event_file)
    document = load_json_file(schedule_file)
    try:
        previous = load_schedule(document)
    except MitraError as error:
        fail(f"{schedule_file}: {escape(str(error))}")
    check_belongs(
        event,
        previous,
        event_label=str(event_file),
        schedule_file=schedule_file,
        embedded=_embedded_event(document),
        embedded_hint="it was re-scheduled before; pass the event file written then by --event-out",
    )
    progress, report = _solving(time_limit)
    try:
        with progress:
            report(0.0, "re-planning")
            result, changes = reschedule(
                event,
                previous,
                now_slot=now,
                cancelled=set(cancel or []),
                late_until=_late_pairs(late or []),
                time_limit=time_limit,
                workers=workers,
            )
    except MitraError as error:
        fail(escape(str(error)))
    for change in changes:
        err_console.print(f"• {escape(change.description)}", highlight=False)
    if not changes:
        err_console.print("No agenda changes.")
    changed = event_after(
        event,
        previous,
        result,
        now_slot=now,
        cancelled=set(cancel or []),
        late_until=_late_pairs(late or []),
    )
    if event_out is not None:
        _write(event_out, json.dumps(changed.model_dump(mode="json"), indent=2, ensure_ascii=False))
        err_console.print(f"[green]Changed event written to {escape(str(event_out))}[/]")
    _output(result, event, fmt, out, changed)


def _embedded_event(document: Any) -> Any:
    """The event a schedule file holds (--embed-event, or a re-schedule), if usable."""
    from scheduler.event import load_event

    if not isinstance(document, dict) or not isinstance(document.get("event"), dict):
        return None
    try:
        return load_event(document["event"])
    except MitraError:
        return None


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror}")


def schedule_grid(schedule: Any, event: Any) -> Table:
    """Slots down, tables across (only tables in use); each cell names the meeting and who sits
    there. With more tables than fit a terminal, one line per meeting instead."""
    names = {p.id: p.name or p.id for p in event.participants}
    members = {m.id: m.participants for m in event.meetings}
    cell = {(a.slot, a.table): a.meeting for a in schedule.assignments}
    used = [name for name in event.tables if any(a.table == name for a in schedule.assignments)]

    def who(meeting: str) -> str:
        return " · ".join(escape(names.get(p, p)) for p in members.get(meeting, []))

    table = Table(title=f"{schedule.event_id}", title_justify="left", show_lines=len(used) <= 6)
    table.add_column("Slot", no_wrap=True)
    if len(used) > 6:
        for header in ("Table", "Meeting", "Who"):
            table.add_column(header, overflow="fold")
        for slot in event.slots:
            when = slot.start.strftime("%H:%M") if slot.start else ""
            for name in used:
                meeting = cell.get((slot.id, name))
                if meeting:
                    table.add_row(f"{slot.id} {when}", name, meeting, who(meeting))
        return table
    for name in used:
        table.add_column(name, overflow="fold")
    for slot in event.slots:
        when = slot.start.strftime("%H:%M") if slot.start else ""
        row = [f"{slot.id}\n[dim]{when}[/]"]
        for name in used:
            meeting = cell.get((slot.id, name))
            row.append(f"[bold]{meeting}[/]\n{who(meeting)}" if meeting else "")
        table.add_row(*row)
    return table


def schedule_summary(schedule: Any) -> str:
    colour = {"optimal": "green", "feasible": "yellow", "infeasible": "red"}[schedule.status]
    lines = [
        f"Status: [{colour}]{schedule.status}[/]  meetings: {len(schedule.assignments)}"
        f"  breaks: {schedule.breaks.total}  solved in {schedule.solve_seconds:.1f} s"
    ]
    if schedule.reason:
        lines.append(f"Why: {escape(schedule.reason)}")
    for item in schedule.unscheduled:
        lines.append(f"Not scheduled {item.meeting}: {escape(item.reason)}")
    return "\n".join(lines)
