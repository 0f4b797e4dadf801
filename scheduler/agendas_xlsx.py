"""The organizer's workbook: a master grid (slots × tables), one sheet per participant, and
the meetings that did not fit. Laid out to print: frozen headers, landscape, fit to width."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.agendas import (
    about_line,
    display_name,
    event_days,
    grid_cells,
    participant_agenda,
    slot_labels,
    unscheduled_rows,
)
from scheduler.event import Event
from scheduler.result import Schedule

MASTER_SHEET = "Master"
INDEX_SHEET = "Peserta"
UNSCHEDULED_SHEET = "Unscheduled"
AGENDA_HEADER = ("Waktu", "Sesi", "Meja", "Bertemu dengan", "Produk", "Kabupaten/Kota")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_LINK = Font(color="0563C1", underline="single")
_FREE_FONT = Font(italic=True, color="808080")
_THIN = Side(style="thin", color="A0A0A0")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A valid, unused Excel sheet name: ≤31 characters, none of []:*?/\\, unique ignoring case."""
    base = _FORBIDDEN.sub("-", wanted).strip().strip("'") or "Sheet"
    base = base[:31].rstrip()
    name, n = base, 2
    while name.lower() in taken or name.lower() == "history":  # "History" is reserved by Excel
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.lower())
    return name


def _header(ws: Worksheet, row: int, values: tuple[str, ...] | list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = _WRAP


def _print_setup(ws: Worksheet, landscape: bool, header_row: int) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False


def _master(ws: Worksheet, event: Event, schedule: Schedule) -> None:
    ws["A1"] = f"Jadwal temu bisnis — {event.event_id}"
    ws["A1"].font = _TITLE
    ws["A2"] = " · ".join(
        filter(None, (event_days(event), f"{len(schedule.assignments)} pertemuan",
                      f"status {schedule.status}"))
    )  # fmt: skip
    _header(ws, 3, ["Waktu", *event.tables])
    cells = grid_cells(event, schedule)
    labels = slot_labels(event.slots)
    for row, slot in enumerate(event.slots, start=4):
        time_cell = ws.cell(row=row, column=1, value=labels[slot.id])
        time_cell.font = _BOLD
        time_cell.border = _BOX
        time_cell.alignment = _WRAP
        for col, table in enumerate(event.tables, start=2):
            cell = ws.cell(row=row, column=col, value=cells.get((slot.id, table)))
            cell.border = _BOX
            cell.alignment = _WRAP
    ws.freeze_panes = "B4"
    ws.column_dimensions["A"].width = 14
    for col in range(2, len(event.tables) + 2):
        ws.column_dimensions[get_column_letter(col)].width = 30
    _print_setup(ws, landscape=True, header_row=3)


def _agenda(ws: Worksheet, event: Event, schedule: Schedule, participant_id: str) -> None:
    person = next(p for p in event.participants if p.id == participant_id)
    ws["A1"] = f"{display_name(person)} ({person.id})"
    ws["A1"].font = _TITLE
    ws["A2"] = about_line(person)
    ws["A3"] = " · ".join(
        filter(None, (f"Agenda temu bisnis — {event.event_id}", event_days(event)))
    )
    _header(ws, 5, AGENDA_HEADER)
    for row, line in enumerate(participant_agenda(event, schedule, participant_id), start=6):
        values = (
            line.time_label,
            line.session,
            line.table,
            line.status,
            line.products,
            line.regencies,
        )
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value or None)
            cell.border = _BOX
            cell.alignment = _WRAP
            if line.is_free:
                cell.font = _FREE_FONT
    ws.freeze_panes = "A6"
    for letter, width in zip("ABCDEF", (14, 8, 8, 36, 40, 18), strict=True):
        ws.column_dimensions[letter].width = width
    _print_setup(ws, landscape=True, header_row=5)


def _list_sheet(
    ws: Worksheet,
    title: str,
    header: tuple[str, ...],
    rows: list[tuple[str | int, ...]],
    widths: tuple[int, ...],
) -> None:
    ws["A1"] = title
    ws["A1"].font = _TITLE
    _header(ws, 3, header)
    for row, values in enumerate(rows, start=4):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = _BOX
            cell.alignment = _WRAP
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A4"
    _print_setup(ws, landscape=True, header_row=3)


def _index(ws: Worksheet, event: Event, schedule: Schedule, sheets: dict[str, str]) -> None:
    """Who is in the workbook, with a link to each agenda: 340 tabs are hard to scroll."""
    scheduled = {a.meeting for a in schedule.assignments}
    count = Counter(pid for m in event.meetings if m.id in scheduled for pid in m.participants)
    rows: list[tuple[str | int, ...]] = [
        (p.id, display_name(p), about_line(p), count[p.id]) for p in event.participants
    ]
    header = ("ID", "Peserta (klik untuk agenda)", "Keterangan", "Pertemuan")
    _list_sheet(ws, f"Peserta — {event.event_id}", header, rows, (10, 40, 50, 11))
    for row, person in enumerate(event.participants, start=4):
        link = ws.cell(row=row, column=2)
        quoted = sheets[person.id].replace("'", "''")  # Excel doubles quotes in sheet references
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1")
        link.font = _LINK


def participant_sheet_names(event: Event) -> dict[str, str]:
    """Participant id → its sheet name ("B01 PT Astra Otoparts", shortened to fit Excel)."""
    taken = {name.lower() for name in (MASTER_SHEET, INDEX_SHEET, UNSCHEDULED_SHEET)}
    return {p.id: sheet_title(f"{p.id} {display_name(p)}", taken) for p in event.participants}


def write_workbook(event: Event, schedule: Schedule, path: Path) -> Path:
    """Write the organizer's workbook to `path` and return it."""
    workbook = Workbook()
    master = workbook.active
    assert master is not None  # a new workbook always has one sheet
    master.title = MASTER_SHEET
    _master(master, event, schedule)
    sheets = participant_sheet_names(event)
    _index(workbook.create_sheet(INDEX_SHEET), event, schedule, sheets)
    if schedule.unscheduled:
        _list_sheet(
            workbook.create_sheet(UNSCHEDULED_SHEET),
            f"Pertemuan yang tidak terjadwal — {event.event_id}",
            ("Pertemuan", "Peserta", "Alasan"),
            list(unscheduled_rows(event, schedule)),
            (12, 50, 60),
        )
    for participant_id, name in sheets.items():
        _agenda(workbook.create_sheet(name), event, schedule, participant_id)
    workbook.save(path)
    return path
