"""Event file and schedule file must belong together; the documented commands work as pasted."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mitra.cli import app

runner = CliRunner()
SUPPLIERS = {
    "S0007": "UD Sinar Logam",
    "S0011": "CV Maju Jaya Teknik",
    "S0015": "Koperasi Logam Kebasen",
    "S0042": "PT Baja Utama Sejahtera",
}


def _slots() -> list[dict[str, Any]]:
    """Slot ids as `mitra event plan` writes them: am-01 … am-06, pm-01 … pm-04."""
    out = []
    for label, hour, count in (("am", 9, 6), ("pm", 13, 4)):
        for i in range(count):
            start = hour * 60 + 20 * i
            out.append(
                {
                    "id": f"{label}-{i + 1:02d}",
                    "start": f"2027-03-10T{start // 60:02d}:{start % 60:02d}",
                    "end": f"2027-03-10T{(start + 20) // 60:02d}:{(start + 20) % 60:02d}",
                    "session": label,
                }
            )
    return out


def tegal_event(buyers: list[str]) -> dict[str, Any]:
    """Default event id and meeting ids M001…, like every event `mitra event plan` writes."""
    participants = [
        {"id": f"B{i + 1:02d}", "name": b, "role": "buyer"} for i, b in enumerate(buyers)
    ]
    participants += [{"id": s, "name": n, "role": "supplier"} for s, n in SUPPLIERS.items()]
    meetings = []
    for b in range(len(buyers)):
        for supplier in SUPPLIERS:
            meetings.append(
                {"id": f"M{len(meetings) + 1:03d}", "participants": [f"B{b + 1:02d}", supplier]}
            )
    return {
        "event_id": "temu-bisnis",
        "fairness": 2,
        "slots": _slots(),
        "tables": 4,
        "participants": participants,
        "meetings": meetings,
    }


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture
def tegal(tmp_path: Path) -> tuple[Path, Path]:
    """acara.json and the jadwal.json made for it."""
    event = tmp_path / "acara.json"
    event.write_text(json.dumps(tegal_event(["PT Astra Otoparts", "PT Krakatau Steel"])))
    schedule = tmp_path / "jadwal.json"
    made = invoke("schedule", str(event), "--time-limit", "10", "--out", str(schedule))
    assert made.exit_code == 0, made.output
    return event, schedule


@pytest.fixture
def other_event(tmp_path: Path) -> Path:
    """Another organizer's event: same event id, same meeting ids, other buyers."""
    path = tmp_path / "acara-cirebon.json"
    path.write_text(json.dumps(tegal_event(["PT Indofood Cirebon", "PT Rajawali Nusindo"])))
    document = json.loads(path.read_text())
    document["meetings"] = document["meetings"][:5]  # a smaller event
    path.write_text(json.dumps(document))
    return path


def test_agendas_refuse_another_events_file(
    tegal: tuple[Path, Path], other_event: Path, tmp_path: Path
) -> None:
    _, schedule = tegal
    result = invoke(
        "event", "agendas", str(schedule), "--event", str(other_event), "--out", str(tmp_path / "a")
    )
    text = " ".join(result.output.split())
    assert result.exit_code != 0
    assert "made for a different event" in text
    assert schedule.name in text and other_event.name in text
    assert not (tmp_path / "a").exists()  # nothing half-written


def test_reschedule_refuses_another_events_file(
    tegal: tuple[Path, Path], other_event: Path
) -> None:
    _, schedule = tegal
    result = invoke("event", "reschedule", str(other_event), str(schedule), "--now", "pm-01")
    assert result.exit_code != 0
    assert "made for a different event" in " ".join(result.output.split())


def test_a_schedule_without_digest_still_works_with_a_warning(
    tegal: tuple[Path, Path], tmp_path: Path
) -> None:
    event, schedule = tegal
    old = json.loads(schedule.read_text())
    assert old["event_digest"].startswith("sha256:")
    del old["event_digest"]  # as written by an older mitra
    schedule.write_text(json.dumps(old))
    out = tmp_path / "agendas"
    result = invoke(
        "event",
        "agendas",
        str(schedule),
        "--event",
        str(event),
        "--out",
        str(out),
        "--format",
        "pdf",
    )
    assert result.exit_code == 0, result.output
    assert "no event digest" in " ".join(result.output.split())
    assert (out / "agendas.pdf").exists()


README = Path(__file__).resolve().parents[2] / "README.md"


def documented_examples() -> list[list[str]]:
    """The `mitra event reschedule` command lines shown in its --help and in the README."""
    shown = invoke("event", "reschedule", "--help").output
    lines = [line.strip() for line in shown.splitlines()]
    lines += [line.split("#")[0].strip() for line in README.read_text().splitlines()]
    examples = [
        shlex.split(line)[1:] for line in lines if line.startswith("mitra event reschedule ")
    ]
    assert len(examples) >= 3, shown  # two in --help, more in the README
    return examples


def test_the_documented_examples_work_when_pasted(tegal: tuple[Path, Path], tmp_path: Path) -> None:
    event, schedule = tegal
    for number, example in enumerate(documented_examples()):
        args = [str(event) if a == "acara.json" else str(schedule) if a == "jadwal.json" else a
                for a in example]  # fmt: skip
        new = tmp_path / f"baru-{number}.json"
        result = invoke(*args, "--out", str(new))
        assert result.exit_code == 0, f"{example}: {result.output}"
        # The new schedule holds the changed event, so agendas need no --event …
        agendas = tmp_path / f"agenda-{number}"
        made = invoke("event", "agendas", str(new), "--out", str(agendas), "--format", "pdf")
        assert made.exit_code == 0, made.output
        # … and the original event file no longer fits it.
        if "--cancel" in example:
            refused = invoke(
                "event", "agendas", str(new), "--event", str(event), "--out", str(agendas)
            )
            assert refused.exit_code != 0
            assert "leave out --event" in " ".join(refused.output.split())


def test_plan_needs_the_event_day(tmp_path: Path) -> None:
    requirement = tmp_path / "kebutuhan.json"
    requirement.write_text("{}")
    result = invoke("event", "plan", str(requirement), "--out", str(tmp_path / "acara.json"))
    assert result.exit_code != 0
    assert "--date" in result.output and "2027-03-10" in result.output
    assert not (tmp_path / "acara.json").exists()
