"""Agendas from a schedule: who meets whom, when and where, for each participant and for the room.

The helpers here are pure and shared by every output (XLSX, PDF, iCalendar, terminal, web pages),
so a participant reads the same agenda on paper, in their calendar and on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from matcher.errors import EventError
from scheduler.agendas_check import check_schedule
from scheduler.event import Event, Participant, Slot, is_buyer
from scheduler.result import Schedule

log = logging.getLogger(__name__)

FORMATS = frozenset({"xlsx", "pdf", "ics"})
MEET_SEPARATOR = " ↔ "
ICS_SKIPPED = "calendar files skipped: slot(s) %s have no start and end time"


@dataclass(frozen=True)
class Counterpart:
    """Someone a participant meets, with what the organizer printed about them."""

    id: str
    name: str
    organization: str | None
    products: str | None
    regency: str | None

    @property
    def label(self) -> str:
        """Name, with the organization in brackets when it says something more."""
        if self.organization and self.organization != self.name:
            return f"{self.name} ({self.organization})"
        return self.name


@dataclass(frozen=True)
class AgendaRow:
    """One slot of one participant's day: a meeting, a free slot, or a slot they cannot attend."""

    slot_id: str
    start: datetime | None
    end: datetime | None
    session: str | None
    time_label: str
    table: str | None = None
    meeting_id: str | None = None
    counterparts: tuple[Counterpart, ...] = ()
    available: bool = True

    @property
    def is_free(self) -> bool:
        return self.meeting_id is None

    @property
    def counterpart_names(self) -> str:
        return ", ".join(c.label for c in self.counterparts)

    @property
    def product_lines(self) -> list[str]:
        """What the counterparts make; named per company when there are several."""
        if len(self.counterparts) == 1:
            return [self.counterparts[0].products] if self.counterparts[0].products else []
        return [f"{c.name}: {c.products}" for c in self.counterparts if c.products]

    @property
    def products(self) -> str:
        return "; ".join(self.product_lines)

    @property
    def regencies(self) -> str:
        return "; ".join(c.regency for c in self.counterparts if c.regency)

    @property
    def status(self) -> str:
        """What to print in place of a meeting."""
        if not self.is_free:
            return self.counterpart_names
        return "kosong (free)" if self.available else "tidak hadir (unavailable)"


def display_name(participant: Participant) -> str:
    """The name people recognise: name, else organization, else the id."""
    return participant.name or participant.organization or participant.id


def counterpart(participant: Participant) -> Counterpart:
    return Counterpart(
        id=participant.id,
        name=display_name(participant),
        organization=participant.organization,
        products=participant.products,
        regency=participant.regency,
    )


_ROLES = {"buyer": "Pembeli (buyer)", "supplier": "Pemasok (supplier)"}
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")  # fmt: skip


def about_line(participant: Participant) -> str:
    """'Pemasok (supplier) · UD Sinar Logam Adiwerna · Kab. Tegal · meja tetap T3'."""
    role = _ROLES.get(participant.role.strip().lower(), participant.role)
    parts = [role, participant.organization, participant.regency]
    if participant.table:
        parts.append(f"meja tetap {participant.table}")
    return " · ".join(p for p in parts if p and p != display_name(participant))


def event_days(event: Event) -> str:
    """The event's date(s) in Indonesian, e.g. 'Rabu, 10 Maret 2027'; empty without times."""
    days = sorted({slot.start.date() for slot in event.slots if slot.start is not None})
    return " & ".join(
        f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}" for day in days
    )


def slot_labels(slots: list[Slot]) -> dict[str, str]:
    """'09:00–09:20' per slot; with the date when the event spans several days; else the slot id."""
    days = {slot.start.date() for slot in slots if slot.start is not None}
    with_date = len(days) > 1
    labels: dict[str, str] = {}
    for slot in slots:
        if slot.start is None:
            labels[slot.id] = slot.id
            continue
        text = slot.start.strftime("%d/%m %H:%M" if with_date else "%H:%M")
        if slot.end is not None:
            text += "–" + slot.end.strftime("%H:%M")
        labels[slot.id] = text
    return labels


def _buyers_first(event: Event, participant_ids: Iterable[str]) -> list[Participant]:
    # Printed as "Buyer ↔ Supplier" because buyers usually stay at their table.
    by_id = {p.id: p for p in event.participants}
    people = [by_id[pid] for pid in participant_ids if pid in by_id]
    return sorted(people, key=lambda p: not is_buyer(p))


def participant_agenda(event: Event, schedule: Schedule, participant_id: str) -> list[AgendaRow]:
    """One row per slot of the event, in time order, for one participant."""
    by_id = {p.id: p for p in event.participants}
    if participant_id not in by_id:
        raise EventError(f"participant {participant_id!r} is not in the event")
    me = by_id[participant_id]
    meetings = {m.id: m for m in event.meetings if participant_id in m.participants}
    mine = {a.slot: a for a in schedule.assignments if a.meeting in meetings}
    labels = slot_labels(event.slots)
    unavailable = set(me.unavailable)
    rows: list[AgendaRow] = []
    for slot in event.slots:
        base = AgendaRow(
            slot_id=slot.id,
            start=slot.start,
            end=slot.end,
            session=slot.session,
            time_label=labels[slot.id],
            available=slot.id not in unavailable,
        )
        assignment = mine.get(slot.id)
        if assignment is None:
            rows.append(base)
            continue
        others = [pid for pid in meetings[assignment.meeting].participants if pid != participant_id]
        rows.append(
            replace(
                base,
                available=True,
                table=assignment.table,
                meeting_id=assignment.meeting,
                counterparts=tuple(counterpart(p) for p in _buyers_first(event, others)),
            )
        )
    return rows


def grid_people(event: Event, schedule: Schedule) -> dict[tuple[str, str], list[str]]:
    """(slot id, table) → names of who meets there, buyers first, for every assignment."""
    meetings = {m.id: m for m in event.meetings}
    return {
        (a.slot, a.table): [
            display_name(p) for p in _buyers_first(event, meetings[a.meeting].participants)
        ]
        for a in schedule.assignments
    }


def grid_cells(event: Event, schedule: Schedule) -> dict[tuple[str, str], str]:
    """(slot id, table) → 'Buyer ↔ Supplier' for every assignment of the schedule."""
    return {key: MEET_SEPARATOR.join(names) for key, names in grid_people(event, schedule).items()}


def unscheduled_rows(event: Event, schedule: Schedule) -> list[tuple[str, str, str]]:
    """(meeting id, who, why) for every meeting the schedule left out."""
    meetings = {m.id: m for m in event.meetings}
    rows = []
    for left_out in schedule.unscheduled:
        people = _buyers_first(event, meetings[left_out.meeting].participants)
        who = MEET_SEPARATOR.join(display_name(p) for p in people)
        rows.append((left_out.meeting, who, left_out.reason))
    return rows


def safe_file_stem(name: str) -> str:
    """Ids come from organizers' spreadsheets; keep file names safe on every OS."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip(".") or "_"


def missing_times(event: Event, schedule: Schedule) -> list[str]:
    """Ids of scheduled slots without a start or end time (a calendar needs both)."""
    used = {a.slot for a in schedule.assignments}
    return [s.id for s in event.slots if s.id in used and (s.start is None or s.end is None)]


def export_agendas(
    event: Event,
    schedule: Schedule,
    out_dir: Path,
    formats: set[str] | frozenset[str] = FORMATS,
) -> list[Path]:
    """Write the workbook, the printable PDF and one calendar file per participant.

    Returns the files written. Calendars are skipped (with a logged warning) when the slots
    have no times; `missing_times` tells the caller beforehand.
    """
    # Imported here so the terminal and web code can use the helpers above without
    # loading reportlab and openpyxl.
    from scheduler.agendas_ics import write_calendars
    from scheduler.agendas_pdf import write_pdf
    from scheduler.agendas_xlsx import write_workbook

    unknown = set(formats) - FORMATS
    if unknown:
        raise EventError(
            f"unknown agenda format {', '.join(sorted(unknown))}; choose from xlsx, pdf, ics"
        )
    check_schedule(event, schedule)  # before writing anything: no half-written folder
    if schedule.status == "infeasible":
        raise EventError(
            "the schedule is infeasible, so there are no agendas to print: "
            + (schedule.reason or "no reason given")
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if "xlsx" in formats:
        workbook = out_dir / f"{safe_file_stem(event.event_id)}.xlsx"
        written.append(write_workbook(event, schedule, workbook))
    if "pdf" in formats:
        written.append(write_pdf(event, schedule, out_dir / "agendas.pdf"))
    if "ics" in formats:
        untimed = missing_times(event, schedule)
        if untimed:
            log.warning(ICS_SKIPPED, ", ".join(untimed))
        else:
            written.extend(write_calendars(event, schedule, out_dir / "ics"))
    return written
