"""The organizer's morning from the CLI: demo data → plan → schedule → printable agendas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from mitra.cli import app
from scheduler.digest import event_digest
from scheduler.event import load_event
from scheduler.result import load_schedule
from scheduler.validate import validate
from service.db import open_database
from service.importer import import_suppliers

DATA = Path(__file__).resolve().parents[2] / "mitra" / "data"
runner = CliRunner()


@pytest.mark.slow
def test_plan_schedule_agendas_on_demo_data(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'event.db'}"
    import_suppliers(open_database(db), DATA / "demo_suppliers.csv")
    event_path, schedule_path, out = (
        tmp_path / "event.json",
        tmp_path / "schedule.json",
        tmp_path / "agendas",
    )

    planned = runner.invoke(
        app,
        [
            "event",
            "plan",
            str(DATA / "demo_requirements.json"),
            "--db",
            db,
            "--out",
            str(event_path),
            "--date",
            "2027-03-10",
            "--sessions",
            "am=09:00x6,pm=13:00x6",
            "--tables",
            "8",
            "--top-k",
            "3",
            "--max-per-supplier",
            "3",
        ],
    )
    assert planned.exit_code == 0, planned.output
    event = load_event(event_path)
    buyers = [p for p in event.participants if p.role == "buyer"]
    assert len(buyers) >= 10 and all(len(m.participants) == 2 for m in event.meetings)

    scheduled = runner.invoke(
        app,
        [
            "schedule",
            str(event_path),
            "--time-limit",
            "20",
            "--out",
            str(schedule_path),
        ],
    )
    assert scheduled.exit_code == 0, scheduled.output
    schedule = load_schedule(schedule_path)
    assert schedule.status in ("optimal", "feasible")
    assert validate(event, schedule) == []  # the independent checker agrees
    assert schedule.event_digest == event_digest(event)  # agendas can tell it is this event's
    assert len(schedule.assignments) + len(schedule.unscheduled) == len(event.meetings)

    agendas = runner.invoke(
        app,
        [
            "event",
            "agendas",
            str(schedule_path),
            "--event",
            str(event_path),
            "--out",
            str(out),
        ],
    )
    assert agendas.exit_code == 0, agendas.output
    pdf = PdfReader(out / "agendas.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    people_with_meetings = {
        p for a in schedule.assignments for p in event.meeting(a.meeting).participants
    }
    for person in people_with_meetings:
        assert event.participant(person).name.split()[0] in text
    assert len(list((out / "ics").glob("*.ics"))) >= len(people_with_meetings)
    assert json.loads(schedule_path.read_text())["event_id"] == "temu-bisnis"
