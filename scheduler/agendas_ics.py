"""One iCalendar file per participant, so each meeting lands in their phone's calendar.

Slot times are local event time; times without a zone are read as WIB (Asia/Jakarta).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from scheduler.agendas import Counterpart, participant_agenda, safe_file_stem
from scheduler.event import Event, Participant
from scheduler.result import Schedule

EVENT_TIMEZONE = ZoneInfo("Asia/Jakarta")


@cache
def _event_vtimezone() -> Timezone:
    # Built once: deriving it from the tz database takes a noticeable moment per file.
    return Timezone.from_tzinfo(EVENT_TIMEZONE, EVENT_TIMEZONE.key)


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=EVENT_TIMEZONE)
    return moment.astimezone(EVENT_TIMEZONE)


def participant_calendar(
    event: Event, schedule: Schedule, person: Participant, stamp: datetime
) -> Calendar:
    """A calendar with one VEVENT per meeting of `person`; needs start and end on each slot."""
    calendar = Calendar()
    calendar.add("prodid", "-//Mitra//temu bisnis agendas//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Temu bisnis {event.event_id}")
    calendar.add_component(_event_vtimezone())  # RFC 5545: every TZID used needs a VTIMEZONE
    for line in participant_agenda(event, schedule, person.id):
        if line.is_free:
            continue
        if line.start is None or line.end is None:
            raise ValueError(f"slot {line.slot_id} has no start or end time")
        entry = CalendarEvent()
        # The same meeting keeps its UID in every participant's file and after re-scheduling,
        # so importing a new file moves the meeting instead of duplicating it.
        entry.add("uid", f"{event.event_id}.{line.meeting_id}@mitra")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", _local(line.start))
        entry.add("dtend", _local(line.end))
        entry.add("summary", f"Temu bisnis: {line.counterpart_names}")
        entry.add("location", f"Meja {line.table}")
        entry.add("description", _description(line.counterparts, event.event_id))
        calendar.add_component(entry)
    return calendar


def _description(counterparts: tuple[Counterpart, ...], event_id: str) -> str:
    lines = []
    for person in counterparts:
        lines.append(person.label)
        if person.products:
            lines.append(f"  Produk: {person.products}")
        if person.regency:
            lines.append(f"  Kabupaten/Kota: {person.regency}")
    lines.append(f"Acara: {event_id}")
    return "\n".join(lines)


def write_calendars(
    event: Event, schedule: Schedule, folder: Path, stamp: datetime | None = None
) -> list[Path]:
    """Write `<participant id>.ics` for every participant with at least one meeting."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    scheduled = {a.meeting for a in schedule.assignments}
    busy = {pid for m in event.meetings if m.id in scheduled for pid in m.participants}
    written = []
    for person in event.participants:
        if person.id not in busy:
            continue
        path = folder / f"{safe_file_stem(person.id)}.ics"
        path.write_bytes(participant_calendar(event, schedule, person, stamp).to_ical())
        written.append(path)
    return written
