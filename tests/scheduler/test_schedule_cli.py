"""`mitra schedule` and `mitra event reschedule` as an organizer runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mitra.commands.schedule  # noqa: F401  (attaches the commands)
from mitra.app import app
from scheduler.event import load_event
from scheduler.result import load_schedule
from scheduler.validate import validate

runner = CliRunner()


@pytest.fixture
def event_file(tmp_path: Path, tegal_event: dict[str, Any]) -> Path:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(tegal_event), encoding="utf-8")
    return path


def test_schedule_prints_contract_json(event_file: Path) -> None:
    result = runner.invoke(app, ["schedule", str(event_file), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["status"] == "optimal"
    event = load_event(event_file)
    assert validate(event, load_schedule(document)) == []


def test_table_format_shows_the_grid_and_writes_json(event_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "schedule.json"
    result = runner.invoke(
        app, ["schedule", str(event_file), "--format", "table", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "PT Astra Otoparts" in result.stdout and "Status: optimal" in result.stdout
    assert load_schedule(out).status == "optimal"


def test_bad_event_exits_2_with_the_item_named(tmp_path: Path, tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"][0]["participants"] = ["B01", "S99"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(tegal_event), encoding="utf-8")
    result = runner.invoke(app, ["schedule", str(path)])
    assert result.exit_code == 2
    assert "S99" in result.output and "Traceback" not in result.output


def test_reschedule_reports_what_moved(event_file: Path, tmp_path: Path) -> None:
    plan = tmp_path / "schedule.json"
    assert runner.invoke(app, ["schedule", str(event_file), "--out", str(plan)]).exit_code == 0
    result = runner.invoke(
        app,
        ["event", "reschedule", str(event_file), str(plan), "--now", "s1", "--cancel", "S03"],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [c["meeting"] for c in document["changes"] if c["kind"] == "dropped"] == ["M4"]
    assert "M4 B02–S03 dropped" in result.output


def test_reschedule_rejects_a_malformed_late_option(event_file: Path, tmp_path: Path) -> None:
    plan = tmp_path / "schedule.json"
    runner.invoke(app, ["schedule", str(event_file), "--out", str(plan)])
    result = runner.invoke(
        app, ["event", "reschedule", str(event_file), str(plan), "--now", "s1", "--late", "S01"]
    )
    assert result.exit_code == 2
    assert "PARTICIPANT=SLOT" in result.output
