"""Schedules as rich tables for the terminal: the master grid and one participant's agenda."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from scheduler.agendas import display_name, grid_people, participant_agenda, slot_labels
from scheduler.event import Event
from scheduler.result import Schedule


def grid_table(event: Event, schedule: Schedule) -> Table:
    """Slots down, tables across; each cell names who meets there, buyer first."""
    table = Table(title=f"Jadwal induk — {event.event_id}", show_lines=True)
    table.add_column("Waktu", style="bold", no_wrap=True)
    for name in event.tables:
        table.add_column(name)
    people = grid_people(event, schedule)
    labels = slot_labels(event.slots)
    for slot in event.slots:
        # Text, not markup strings: a company called "CV [Baru]" must print as written.
        cells = [Text("\n↔ ".join(people.get((slot.id, name), []))) for name in event.tables]
        table.add_row(labels[slot.id], *cells)
    return table


def agenda_table(event: Event, schedule: Schedule, participant_id: str) -> Table:
    """One participant's day: time, table, who they meet, that company's products and regency."""
    agenda = participant_agenda(event, schedule, participant_id)  # refuses an unknown id
    person = event.participant(participant_id)
    table = Table(title=f"Agenda {display_name(person)} ({person.id}) — {event.event_id}")
    table.add_column("Waktu", no_wrap=True)
    for header in ("Meja", "Bertemu dengan", "Produk", "Kabupaten/Kota"):
        table.add_column(header)
    for line in agenda:
        if line.is_free:
            table.add_row(line.time_label, "", Text(line.status, style="dim"), "", "")
        else:
            # One line per company, so a group meeting reads name by name.
            table.add_row(
                line.time_label,
                line.table,
                Text("\n".join(c.label for c in line.counterparts), style="bold"),
                Text("\n".join(line.product_lines)),
                Text("\n".join(c.regency or "" for c in line.counterparts)),
            )
    return table
