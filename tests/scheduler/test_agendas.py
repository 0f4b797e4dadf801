"""Agendas an organizer prints at 7 a.m.: workbook, PDF, calendars, terminal tables, CLI."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader
from rich.console import Console
from typer.testing import CliRunner

import mitra.commands.agendas  # noqa: F401  (attaches `mitra event agendas`)
from matcher.errors import EventError
from mitra.app import app
from scheduler.agendas import event_days, export_agendas, participant_agenda, slot_labels
from scheduler.agendas_xlsx import sheet_title
from scheduler.event import Event, load_event
from scheduler.render import agenda_table, grid_table
from scheduler.result import Schedule, load_schedule

WIB = ZoneInfo("Asia/Jakarta")
SLOTS = [  # two morning slots, lunch, two afternoon slots
    ("s1", "09:00", "09:20", "pagi"),
    ("s2", "09:20", "09:40", "pagi"),
    ("s3", "13:00", "13:20", "siang"),
    ("s4", "13:20", "13:40", "siang"),
]


def _supplier(pid: str, name: str, products: str, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "role": "supplier", "regency": "Kab. Tegal",
            "products": products, **extra}  # fmt: skip


@pytest.fixture
def event_data() -> dict[str, Any]:
    return {
        "event_id": "temu-bisnis-tegal-2027-03",
        "slots": [
            {"id": sid, "start": f"2027-03-10T{a}", "end": f"2027-03-10T{b}", "session": s}
            for sid, a, b, s in SLOTS
        ],
        "tables": ["T1", "T2"],
        "participants": [
            {"id": "B01", "name": "PT Astra Otoparts", "role": "buyer", "regency": "Kab. Bekasi"},
            {"id": "B02", "name": "PT Krakatau Steel", "role": "buyer", "regency": "Kota Cilegon"},
            {"id": "B03", "name": "PT Kendal Agro Pangan", "role": "buyer", "regency": "Kendal"},
            _supplier("S01", "UD Sinar Logam", "pengecoran besi cor, komponen rem"),
            _supplier("S02", "CV Maju Jaya Teknik", "pembubutan CNC", unavailable=["s4"]),
            _supplier("S03", "Koperasi Logam Kebasen", "pengecoran aluminium"),
            _supplier("S04", "UD Karya Mandiri", "suku cadang traktor tangan"),
            _supplier("S05", "CV Tegal Rasa", "keripik tempe, sambal kemasan"),
        ],
        "meetings": [
            {"id": "M1", "participants": ["S01", "B01"]},
            {"id": "M2", "participants": ["B01", "S02"]},
            {"id": "M3", "participants": ["B02", "S01"]},
            {"id": "M4", "participants": ["B02", "S03", "S04"]},  # supplier with its cooperative
            {"id": "M5", "participants": ["B03", "S05"]},
            {"id": "M6", "participants": ["B01", "S05"], "mandatory": False},
        ],
    }


@pytest.fixture
def schedule_data() -> dict[str, Any]:
    return {
        "event_id": "temu-bisnis-tegal-2027-03",
        "status": "optimal",
        "assignments": [
            {"meeting": "M1", "slot": "s1", "table": "T1"},
            {"meeting": "M4", "slot": "s1", "table": "T2"},
            {"meeting": "M2", "slot": "s2", "table": "T1"},
            {"meeting": "M3", "slot": "s3", "table": "T2"},
            {"meeting": "M5", "slot": "s4", "table": "T1"},
        ],
        "unscheduled": [{"meeting": "M6", "reason": "B01 and S05 share no free slot"}],
        "breaks": {"total": 0, "per_participant": {}},
        "solve_seconds": 0.2,
    }


@pytest.fixture
def event(event_data: dict[str, Any]) -> Event:
    return load_event(event_data)


@pytest.fixture
def schedule(schedule_data: dict[str, Any]) -> Schedule:
    return load_schedule(schedule_data)


def test_supplier_agenda_lists_every_slot_with_who_and_where(
    event: Event, schedule: Schedule
) -> None:
    agenda = participant_agenda(event, schedule, "S01")

    assert [row.time_label for row in agenda] == ["09:00–09:20", "09:20–09:40",
                                                  "13:00–13:20", "13:20–13:40"]  # fmt: skip
    met = [(row.slot_id, row.table, row.counterpart_names) for row in agenda if not row.is_free]
    assert met == [("s1", "T1", "PT Astra Otoparts"), ("s3", "T2", "PT Krakatau Steel")]
    assert agenda[2].regencies == "Kota Cilegon"


def test_a_two_day_event_labels_slots_with_their_date(event_data: dict[str, Any]) -> None:
    event_data["slots"][2].update(start="2027-03-11T09:00", end="2027-03-11T09:20")
    event_data["slots"][3].update(start="2027-03-11T09:20", end="2027-03-11T09:40")

    two_days = load_event(event_data)

    assert slot_labels(two_days.slots)["s3"] == "11/03 09:00–09:20"
    assert event_days(two_days) == "Rabu, 10 Maret 2027 & Kamis, 11 Maret 2027"


def test_agenda_tells_free_slots_from_slots_the_participant_cannot_attend(
    event: Event, schedule: Schedule
) -> None:
    agenda = participant_agenda(event, schedule, "S02")

    assert agenda[2].is_free and agenda[2].available
    assert agenda[3].is_free and not agenda[3].available


def test_group_meeting_shows_the_buyer_first_and_every_other_company(
    event: Event, schedule: Schedule
) -> None:
    (row,) = [r for r in participant_agenda(event, schedule, "S03") if not r.is_free]

    assert row.counterpart_names == "PT Krakatau Steel, UD Karya Mandiri"
    assert "UD Karya Mandiri: suku cadang traktor tangan" in row.products


def test_workbook_master_grid_has_each_meeting_in_its_slot_and_table(
    event: Event, schedule: Schedule, tmp_path: Path
) -> None:
    (path,) = export_agendas(event, schedule, tmp_path, {"xlsx"})
    master = load_workbook(path)["Master"]

    assert "temu-bisnis-tegal-2027-03" in str(master["A1"].value)
    assert [master.cell(3, c).value for c in (1, 2, 3)] == ["Waktu", "T1", "T2"]
    assert master["A4"].value == "09:00–09:20"
    assert master["B4"].value == "PT Astra Otoparts ↔ UD Sinar Logam"  # buyer first
    assert master["C4"].value == "PT Krakatau Steel ↔ Koperasi Logam Kebasen ↔ UD Karya Mandiri"
    assert master["C5"].value is None  # table 2 idle at 09:20
    assert master.freeze_panes == "B4"
    assert master.page_setup.orientation == "landscape"
    assert master.page_setup.fitToWidth == 1


def test_workbook_has_one_sheet_per_participant_and_the_unscheduled_meetings(
    event: Event, schedule: Schedule, tmp_path: Path
) -> None:
    (path,) = export_agendas(event, schedule, tmp_path, {"xlsx"})
    workbook = load_workbook(path)

    assert workbook.sheetnames[:3] == ["Master", "Peserta", "Unscheduled"]
    assert len(workbook.sheetnames) == 3 + len(event.participants)
    astra = workbook["B01 PT Astra Otoparts"]
    rows = [[c.value for c in row] for row in astra.iter_rows(min_row=6)]
    assert rows[0][:4] == ["09:00–09:20", "pagi", "T1", "UD Sinar Logam"]
    assert rows[0][4:] == ["pengecoran besi cor, komponen rem", "Kab. Tegal"]
    assert rows[1][3] == "CV Maju Jaya Teknik"
    assert rows[2][2] is None and "kosong" in str(rows[2][3])
    index = workbook["Peserta"]
    assert index["B4"].value == "PT Astra Otoparts"
    assert index["B4"].hyperlink.location == "'B01 PT Astra Otoparts'!A1"
    assert [index.cell(r, 4).value for r in range(4, 12)] == [2, 2, 1, 2, 1, 1, 1, 1]
    unscheduled = workbook["Unscheduled"]
    assert unscheduled["A4"].value == "M6"
    assert unscheduled["C4"].value == "B01 and S05 share no free slot"


def test_workbook_without_left_out_meetings_has_no_unscheduled_sheet(
    event: Event, schedule: Schedule, tmp_path: Path
) -> None:
    complete = schedule.model_copy(update={"unscheduled": []})
    (path,) = export_agendas(event, complete, tmp_path, {"xlsx"})

    assert "Unscheduled" not in load_workbook(path).sheetnames


def test_sheet_names_are_valid_for_excel_and_unique() -> None:
    taken: set[str] = set()
    long_name = "S100 CV Sumber Rejeki [Cabang: Slawi/Adiwerna] Teknik*Presisi?"
    first = sheet_title(long_name, taken)
    second = sheet_title(long_name, taken)

    for name in (first, second):
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
    assert first.startswith("S100 CV Sumber Rejeki")
    assert first.lower() != second.lower()


def test_pdf_has_the_master_grid_then_one_page_per_participant(
    event: Event, schedule: Schedule, tmp_path: Path
) -> None:
    (path,) = export_agendas(event, schedule, tmp_path, {"pdf"})
    pages = [page.extract_text() for page in PdfReader(path).pages]

    assert len(pages) == 1 + len(event.participants)
    assert "Jadwal induk" in pages[0] and "Koperasi Logam Kebasen" in pages[0]
    for text, person in zip(pages[1:], event.participants, strict=True):
        assert f"{person.name} ({person.id})" in text
    astra_page = pages[1]
    assert "UD Sinar Logam" in astra_page and "CV Maju Jaya Teknik" in astra_page
    assert "Kab. Tegal" in astra_page and "pembubutan CNC" in astra_page


def test_a_long_busy_agenda_still_prints_on_one_page(tmp_path: Path) -> None:
    buyers = [{"id": f"B{i:02d}", "name": f"PT Industri Besar Nusantara {i}", "role": "buyer"}
              for i in range(1, 25)]  # fmt: skip
    catalogue = "pengecoran logam, pembubutan CNC, fabrikasi plat, pengelasan, " * 4
    supplier = _supplier("S01", "CV Sumber Rejeki Logam Tegal", catalogue)
    event = load_event({
        "event_id": "temu-bisnis-besar",
        "slots": [{"id": f"s{i}", "start": f"2027-03-10T{8 + i // 3:02d}:{20 * (i % 3):02d}",
                   "end": f"2027-03-10T{8 + (i + 1) // 3:02d}:{20 * ((i + 1) % 3):02d}"}
                  for i in range(24)],
        "tables": 2,
        "participants": [*buyers, supplier],
        "meetings": [{"id": f"M{i}", "participants": [b["id"], "S01"]}
                     for i, b in enumerate(buyers)],
    })  # fmt: skip
    schedule = load_schedule({
        "event_id": "temu-bisnis-besar", "status": "optimal",
        "assignments": [{"meeting": f"M{i}", "slot": f"s{i}", "table": f"T{i % 2 + 1}"}
                        for i in range(24)],
        "breaks": {"total": 0, "per_participant": {}}, "solve_seconds": 1.0,
    })  # fmt: skip
    (path,) = export_agendas(event, schedule, tmp_path, {"pdf"})
    pages = [page.extract_text() for page in PdfReader(path).pages]

    participant_pages = pages[-len(event.participants) :]
    for text, person in zip(participant_pages, event.participants, strict=True):
        assert f"({person.id})" in text
    assert "PT Industri Besar Nusantara 24" in participant_pages[-1]  # last meeting kept
    assert not any("(S01)" in text for text in pages[: -len(event.participants)])


def test_each_participant_gets_a_calendar_with_their_meetings_in_wib(
    event: Event, schedule: Schedule, tmp_path: Path
) -> None:
    written = export_agendas(event, schedule, tmp_path, {"ics"})

    assert {path.name for path in written} == {
        "B01.ics", "B02.ics", "B03.ics", "S01.ics", "S02.ics", "S03.ics", "S04.ics", "S05.ics"
    }  # fmt: skip
    calendar = Calendar.from_ical((tmp_path / "ics" / "S01.ics").read_bytes())
    meetings = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(meetings) == 2
    first, second = meetings
    assert first.decoded("dtstart") == datetime(2027, 3, 10, 9, 0, tzinfo=WIB)
    assert first.decoded("dtend") == datetime(2027, 3, 10, 9, 20, tzinfo=WIB)
    assert "PT Astra Otoparts" in str(first["summary"])
    assert "T1" in str(first["location"])
    assert second.decoded("dtstart") == datetime(2027, 3, 10, 13, 0, tzinfo=WIB)
    assert "Kota Cilegon" in str(second["description"])
    for entry in meetings:
        assert entry.get("uid") and entry.get("dtstamp")
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]


def test_calendars_are_skipped_with_a_warning_when_slots_have_no_times(
    event_data: dict[str, Any],
    schedule: Schedule,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for slot in event_data["slots"]:
        del slot["start"], slot["end"]
    untimed = load_event(event_data)

    with caplog.at_level(logging.WARNING):
        written = export_agendas(untimed, schedule, tmp_path)

    assert [p.suffix for p in written] == [".xlsx", ".pdf"]
    assert "no start and end time" in caplog.text
    assert load_workbook(written[0])["Master"]["A4"].value == "s1"  # the slot id stands in


def test_a_schedule_for_unknown_meetings_and_slots_is_refused_naming_them(
    event: Event, schedule_data: dict[str, Any], tmp_path: Path
) -> None:
    schedule_data["assignments"].append({"meeting": "M99", "slot": "s9", "table": "T1"})

    with pytest.raises(EventError) as caught:
        export_agendas(event, load_schedule(schedule_data), tmp_path)

    assert "'M99'" in str(caught.value) and "'s9'" in str(caught.value)
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_a_double_booked_schedule_is_refused_instead_of_losing_a_meeting(
    event: Event, schedule_data: dict[str, Any], tmp_path: Path
) -> None:
    # S01 is already with PT Astra Otoparts in s1; a hand edit puts M3 there too.
    schedule_data["assignments"][3] = {"meeting": "M3", "slot": "s1", "table": "T2"}

    with pytest.raises(EventError) as caught:
        export_agendas(event, load_schedule(schedule_data), tmp_path)

    assert "S01 has 2 meetings at once in slot 's1'" in str(caught.value)
    assert "table 'T2' holds 2 meetings in slot 's1'" in str(caught.value)


def test_terminal_tables_show_the_grid_and_one_agenda(event: Event, schedule: Schedule) -> None:
    console = Console(record=True, width=200)
    console.print(grid_table(event, schedule))
    console.print(agenda_table(event, schedule, "S05"))
    text = console.export_text()

    assert "PT Krakatau Steel" in text and "Koperasi Logam Kebasen" in text
    assert "PT Kendal Agro Pangan" in text and "kosong" in text


runner = CliRunner()


def test_cli_writes_every_format_from_a_schedule_that_embeds_its_event(
    event_data: dict[str, Any], schedule_data: dict[str, Any], tmp_path: Path
) -> None:
    schedule_file = tmp_path / "schedule.json"
    schedule_file.write_text(json.dumps({**schedule_data, "event": event_data}))

    result = runner.invoke(
        app, ["event", "agendas", str(schedule_file), "--out", str(tmp_path / "out")]
    )

    assert result.exit_code == 0, result.output
    assert "temu-bisnis-tegal-2027-03.xlsx" in result.output
    assert (tmp_path / "out" / "agendas.pdf").exists()
    assert len(list((tmp_path / "out" / "ics").glob("*.ics"))) == 8


def test_cli_with_separate_event_file_and_one_format(
    event_data: dict[str, Any], schedule_data: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "event.json").write_text(json.dumps(event_data))
    (tmp_path / "schedule.json").write_text(json.dumps(schedule_data))
    args = ["event", "agendas", str(tmp_path / "schedule.json"), "--format", "pdf",
            "--event", str(tmp_path / "event.json"), "--out", str(tmp_path / "out")]  # fmt: skip

    result = runner.invoke(app, args)

    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["agendas.pdf"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"assignments": [{"meeting": "M42", "slot": "s1", "table": "T1"}]}, "M42"),
        ({"assignments": [{"meeting": "M1", "slot": "s1", "table": "T7"}]}, "T7"),
        ({"event_id": "temu-bisnis-kendal"}, "another event"),
        (
            {"status": "infeasible", "assignments": [], "reason": "S01 has no free slot"},
            "infeasible",
        ),
    ],
)
def test_cli_refuses_a_schedule_that_does_not_match_the_event(
    event_data: dict[str, Any],
    schedule_data: dict[str, Any],
    tmp_path: Path,
    change: dict[str, Any],
    message: str,
) -> None:
    (tmp_path / "event.json").write_text(json.dumps(event_data))
    (tmp_path / "schedule.json").write_text(json.dumps({**schedule_data, **change}))
    args = ["event", "agendas", str(tmp_path / "schedule.json"), "--event",
            str(tmp_path / "event.json"), "--out", str(tmp_path / "out")]  # fmt: skip

    result = runner.invoke(app, args)

    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_asks_for_the_event_when_the_schedule_lacks_it(
    schedule_data: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "schedule.json").write_text(json.dumps(schedule_data))

    result = runner.invoke(app, ["event", "agendas", str(tmp_path / "schedule.json"),
                                 "--out", str(tmp_path / "out")])  # fmt: skip

    assert result.exit_code == 2
    assert "--event" in result.output


def test_cli_explains_why_calendars_are_missing_when_slots_have_no_times(
    event_data: dict[str, Any], schedule_data: dict[str, Any], tmp_path: Path
) -> None:
    for slot in event_data["slots"]:
        del slot["start"], slot["end"]
    (tmp_path / "schedule.json").write_text(json.dumps({**schedule_data, "event": event_data}))
    out = tmp_path / "out"

    result = runner.invoke(app, ["event", "agendas", str(tmp_path / "schedule.json"),
                                 "--out", str(out)])  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Calendar files skipped" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "agendas.pdf",
        "temu-bisnis-tegal-2027-03.xlsx",
    ]


def test_solver_output_becomes_agendas_where_every_meeting_appears_for_everyone_in_it(
    event: Event, tmp_path: Path
) -> None:
    solve = pytest.importorskip("scheduler.solve").solve
    from scheduler.validate import validate

    schedule = solve(event, time_limit=10)
    assert validate(event, schedule) == []

    export_agendas(event, schedule, tmp_path)

    meetings = {m.id: m for m in event.meetings}
    expected: dict[str, int] = {}
    for a in schedule.assignments:
        for person in meetings[a.meeting].participants:
            expected[person] = expected.get(person, 0) + 1
    for person, count in expected.items():
        calendar = Calendar.from_ical((tmp_path / "ics" / f"{person}.ics").read_bytes())
        assert len(calendar.walk("VEVENT")) == count
        agenda = participant_agenda(event, schedule, person)
        assert sum(not row.is_free for row in agenda) == count
