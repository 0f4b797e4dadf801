"""A schedule made before its event was edited: the grid, the agendas and the downloads say it
is out of date (in the reader's language) instead of showing meetings that no longer hold."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.digest import event_digest
from scheduler.event import Event
from scheduler.result import Schedule
from tests.web import test_event_pages as flow
from tests.web.conftest import SignedIn, Site

pytestmark = pytest.mark.db

planned = flow.planned  # the event with two buyers and four meetings
WARNING_ID = "Jadwal ini sudah usang"
WARNING_EN = "This schedule is out of date"


@pytest.fixture
def stamping_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Meetings in the first free slot, the schedule stamped with its event's digest as the
    real solver does (fast, and the same answer every run)."""

    def solve(event: Event, time_limit: float | None = None, progress: Any = None) -> Schedule:
        schedule = flow.first_fit(event)
        schedule.event_digest = event_digest(event)
        return schedule

    monkeypatch.setattr("service.crud.schedules.solver", lambda: solve)


def schedule(organizer: SignedIn, event_id: str) -> None:
    organizer.post(f"/acara/{event_id}/jadwal", {"time_limit": "5"})
    job = flow.wait_for_job(organizer, organizer.get(f"/acara/{event_id}").text)
    assert job["status"] == "done"


def test_grid_warns_when_the_event_changed_after_its_schedule(
    site: Site, organizer: SignedIn, planned: str, stamping_solver: None
) -> None:
    schedule(organizer, planned)
    assert WARNING_ID not in organizer.get(f"/acara/{planned}/jadwal").text

    flow.add_buyer(organizer, "PT Krakatau Posco", "krakatau")  # one more participant
    assert WARNING_ID in organizer.get(f"/acara/{planned}").text
    grid = organizer.get(f"/acara/{planned}/jadwal")
    assert grid.status_code == 409
    assert WARNING_ID in grid.text
    assert 'class="busy"' not in grid.text and "/unduh/xlsx" not in grid.text

    # A download link kept from before leads to the same explanation, not a failed file.
    download = organizer.get(f"/acara/{planned}/unduh/xlsx")
    assert download.status_code == 303
    assert download.headers["location"] == f"/acara/{planned}/jadwal"

    organizer.client.cookies.set("mitra_lang", "en")
    assert WARNING_EN in organizer.get(f"/acara/{planned}/jadwal").text

    # Scheduled again, the grid and the files are back.
    schedule(organizer, planned)
    again = organizer.get(f"/acara/{planned}/jadwal")
    assert again.status_code == 200 and WARNING_EN not in again.text
    assert WARNING_EN not in organizer.get(f"/acara/{planned}").text
    assert organizer.get(f"/acara/{planned}/unduh/xlsx").content[:2] == b"PK"


def test_buyer_agenda_warns_instead_of_showing_stale_meetings(
    site: Site, organizer: SignedIn, planned: str, stamping_solver: None
) -> None:
    schedule(organizer, planned)
    astra = site.signed_in("buyer-astra")
    assert "PT Presisi Bekasi" in astra.get(f"/acara/{planned}/agenda").text

    flow.add_buyer(organizer, "PT Krakatau Posco", "krakatau")
    agenda = astra.get(f"/acara/{planned}/agenda")
    assert agenda.status_code == 409
    assert WARNING_ID in agenda.text and "PT Presisi Bekasi" not in agenda.text
    calendar = astra.get(f"/acara/{planned}/agenda/B-PT-ASTRA-OTOPARTS.ics")
    assert calendar.headers["location"] == f"/acara/{planned}/agenda"
