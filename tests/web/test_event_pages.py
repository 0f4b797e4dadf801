"""An event from the pages: buyers with accounts, meetings from shortlists, the schedule job,
the grid, downloads, and each buyer's own agenda."""

from __future__ import annotations

import importlib.util
import io
import re
import time
import zipfile
from typing import Any

import pytest

from scheduler.event import Event
from scheduler.result import Schedule
from tests.web.conftest import SignedIn, Site, requirement_form

pytestmark = pytest.mark.db

EVENT_FORM = {
    "event_id": "temu-bisnis-tegal-2027",
    "title": "Temu Bisnis IKM Logam Tegal",
    "day": "2027-03-10",
    "am_start": "09:00",
    "am_slots": "4",
    "pm_start": "13:00",
    "pm_slots": "2",
    "slot_minutes": "20",
    "tables": "2",
    "fairness": "2",
}


def first_fit(event: Event, time_limit: float | None = None, progress: Any = None) -> Schedule:
    """Stand-in while `scheduler.solve` is not installed: meetings in order, first free slot."""
    busy: set[tuple[str, str]] = set()
    used: dict[str, list[str]] = {}
    assignments = []
    for meeting in event.meetings:
        for slot in event.slots:
            tables = [t for t in event.tables if t not in used.get(slot.id, [])]
            if tables and not any((p, slot.id) in busy for p in meeting.participants):
                busy.update((p, slot.id) for p in meeting.participants)
                used.setdefault(slot.id, []).append(tables[0])
                assignments.append({"meeting": meeting.id, "slot": slot.id, "table": tables[0]})
                break
    return Schedule.model_validate(
        {
            "event_id": event.event_id,
            "status": "feasible",
            "assignments": assignments,
            "unscheduled": [],
            "breaks": {"total": 0, "per_participant": {}},
            "solve_seconds": 0.0,
        }
    )


@pytest.fixture
def solver(monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("scheduler.solve") is None:
        monkeypatch.setattr("service.crud.schedules.solver", lambda: first_fit)


def add_buyer(organizer: SignedIn, company: str, account: str) -> str:
    page = organizer.post(
        f"/acara/{EVENT_FORM['event_id']}/pembeli", {"company": company, "account": account}
    )
    assert page.status_code == 200, page.text
    return page.text


def wait_for_job(organizer: SignedIn, event_page: str) -> dict[str, Any]:
    url = re.search(r'data-status-url="([^"]+)"', event_page)
    assert url is not None
    for _ in range(200):
        job: dict[str, Any] = organizer.get(url.group(1)).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError("the schedule job did not finish")


@pytest.fixture
def planned(site: Site, organizer: SignedIn, catalogue: None) -> str:
    """An event with two buyers, one requirement each, and meetings planned from them."""
    made = organizer.post("/acara", EVENT_FORM)
    assert made.headers["location"] == f"/acara/{EVENT_FORM['event_id']}"
    add_buyer(organizer, "PT Astra Otoparts", "buyer-astra")
    add_buyer(organizer, "PT Astra Honda Motor", "buyer-ahm")
    site.signed_in("buyer-astra").post("/kebutuhan/baru", requirement_form("REQ-ASTRA-1"))
    organizer.post(
        "/kebutuhan/baru",
        requirement_form(
            "REQ-AHM-1",
            owner=str(site.ids["buyer-ahm"]),
            title="Poros bubut CNC",
            processes="bubut CNC",
            materials="S45C",
            delivery_regency="Kab. Karawang",
        ),
    )
    plan = organizer.post(f"/acara/{EVENT_FORM['event_id']}/rencana", {"top_k": "2"})
    assert plan.headers["location"].startswith(f"/acara/{EVENT_FORM['event_id']}?msg=msg_planned")
    return str(EVENT_FORM["event_id"])


def test_new_buyer_account_key_is_shown_once_and_signs_in(site: Site, organizer: SignedIn) -> None:
    organizer.post("/acara", EVENT_FORM)
    page = add_buyer(organizer, "PT Krakatau Posco", "krakatau")
    key = re.search(r'<code id="new-key">([^<]+)</code>', page)
    assert key is not None and key.group(1).startswith("mitra_")
    site.keys["krakatau"] = key.group(1)
    assert site.signed_in("krakatau").get("/kebutuhan").status_code == 200
    event = organizer.get(f"/acara/{EVENT_FORM['event_id']}").text
    assert "PT Krakatau Posco" in event and key.group(1) not in event


def test_event_form_names_a_bad_start_time(site: Site, organizer: SignedIn) -> None:
    answer = organizer.post("/acara", {**EVENT_FORM, "am_start": "jam sembilan"})
    assert answer.status_code == 422
    assert "JJ:MM" in answer.text
    assert "Temu Bisnis IKM Logam Tegal" not in organizer.get("/acara").text.split("<form")[0]


def test_meetings_are_planned_from_each_buyers_shortlist(
    site: Site, organizer: SignedIn, planned: str
) -> None:
    page = organizer.get(f"/acara/{planned}").text
    meetings = re.findall(r"<td>(M\d{3})</td><td>([^<]+)</td>", page)
    pairs = {who for _, who in meetings}
    assert "PT Astra Otoparts ↔ PT Presisi Bekasi" in pairs
    assert "PT Astra Honda Motor ↔ UD Sinar Logam" in pairs
    assert len(meetings) == 4  # two suppliers for each of the two requirements
    again = organizer.post(f"/acara/{planned}/rencana", {"top_k": "2"})
    assert again.headers["location"].startswith(f"/acara/{planned}?msg=msg_planned&n=0")


def test_schedule_runs_in_the_background_and_fills_the_grid(
    site: Site, organizer: SignedIn, planned: str, solver: None
) -> None:
    started = organizer.post(f"/acara/{planned}/jadwal", {"time_limit": "5"})
    assert started.status_code == 303
    job = wait_for_job(organizer, organizer.get(f"/acara/{planned}").text)
    assert job["status"] == "done" and job["label"] == "Selesai"
    grid = organizer.get(f"/acara/{planned}/jadwal").text
    cells = re.findall(r'<td class="busy"><span>([^<]+)</span><span>([^<]+)</span></td>', grid)
    assert len(cells) == 4
    assert ("PT Astra Otoparts", "PT Presisi Bekasi") in cells

    workbook = organizer.get(f"/acara/{planned}/unduh/xlsx")
    pdf = organizer.get(f"/acara/{planned}/unduh/pdf")
    calendars = organizer.get(f"/acara/{planned}/unduh/ics")
    assert workbook.content[:2] == b"PK" and pdf.content[:5] == b"%PDF-"
    names = zipfile.ZipFile(io.BytesIO(calendars.content)).namelist()
    assert "B-PT-ASTRA-OTOPARTS.ics" in names and "BKS-001.ics" in names


def test_buyer_sees_its_own_agenda_only(
    site: Site, organizer: SignedIn, planned: str, solver: None
) -> None:
    organizer.post(f"/acara/{planned}/jadwal", {"time_limit": "5"})
    wait_for_job(organizer, organizer.get(f"/acara/{planned}").text)
    astra = site.signed_in("buyer-astra")
    assert astra.get(f"/acara/{planned}").headers["location"] == f"/acara/{planned}/agenda"
    agenda = astra.get(f"/acara/{planned}/agenda").text
    assert "PT Presisi Bekasi" in agenda
    assert "PT Astra Honda Motor" not in agenda and "UD Sinar Logam" not in agenda
    calendar = astra.get(f"/acara/{planned}/agenda/B-PT-ASTRA-OTOPARTS.ics")
    assert calendar.status_code == 200 and b"BEGIN:VEVENT" in calendar.content
    assert astra.get(f"/acara/{planned}/agenda/B-PT-ASTRA-HONDA-MOTOR.ics").status_code == 404
    assert astra.get(f"/acara/{planned}/jadwal").status_code == 403
    assert astra.get(f"/acara/{planned}/unduh/xlsx").status_code == 403


def test_staff_read_any_participants_agenda(
    site: Site, organizer: SignedIn, planned: str, solver: None
) -> None:
    organizer.post(f"/acara/{planned}/jadwal", {"time_limit": "5"})
    wait_for_job(organizer, organizer.get(f"/acara/{planned}").text)
    supplier = organizer.get(f"/acara/{planned}/agenda", params={"peserta": "BKS-001"}).text
    assert "PT Presisi Bekasi</h2>" in supplier and "PT Astra Otoparts" in supplier
    analyst = site.signed_in("analis")
    assert analyst.get(f"/acara/{planned}/agenda", params={"peserta": "BKS-001"}).status_code == 200
    assert analyst.post(f"/acara/{planned}/jadwal", {"time_limit": "5"}).status_code == 403
    unknown = organizer.get(f"/acara/{planned}/agenda", params={"peserta": "TIDAK-ADA"})
    assert unknown.status_code == 404


def test_buyer_sees_supplier_contacts_only_after_the_organizer_shares_them(
    site: Site, organizer: SignedIn, planned: str, solver: None
) -> None:
    organizer.post(f"/acara/{planned}/jadwal", {"time_limit": "5"})
    event_page = organizer.get(f"/acara/{planned}").text
    wait_for_job(organizer, event_page)
    astra = site.signed_in("buyer-astra")
    assert "presisi@example.net" not in astra.get(f"/acara/{planned}/agenda").text
    meeting = re.search(r"<td>(M\d{3})</td><td>PT Astra Otoparts ↔ PT Presisi Bekasi", event_page)
    assert meeting is not None
    shared = organizer.post(f"/acara/{planned}/pertemuan/{meeting.group(1)}/kontak")
    assert shared.headers["location"].startswith(f"/acara/{planned}?msg=msg_contacts_released")
    agenda = astra.get(f"/acara/{planned}/agenda").text
    assert 'href="mailto:presisi@example.net"' in agenda
    assert "CV Karya Teknik Tegal" in agenda and "karya@example.net" not in agenda  # not shared
    other = site.signed_in("buyer-ahm").get(f"/acara/{planned}/agenda").text
    assert "presisi@example.net" not in other
    assert astra.post(f"/acara/{planned}/pertemuan/{meeting.group(1)}/kontak").status_code == 403


def test_two_buyers_with_look_alike_names_stay_two_participants(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    organizer.post("/acara", EVENT_FORM)
    add_buyer(organizer, "PT Astra Otoparts", "buyer-astra")
    add_buyer(organizer, "PT. Astra Otoparts", "astra-cabang-cikarang")
    add_buyer(organizer, "PT Astra Otoparts", "buyer-astra")  # added twice: still one
    page = organizer.get(f"/acara/{EVENT_FORM['event_id']}").text
    assert sorted(re.findall(r"<small>(B-[A-Z0-9-]+)</small>", page)) == [
        "B-PT-ASTRA-OTOPARTS",
        "B-PT-ASTRA-OTOPARTS-2",
    ]


def test_a_consortium_is_planned_as_one_meeting_and_scheduled(
    site: Site, organizer: SignedIn, catalogue: None, solver: None
) -> None:
    organizer.post("/acara", EVENT_FORM)
    add_buyer(organizer, "PT Astra Otoparts", "buyer-astra")
    # Stamping and turning, 4,000 pcs: only the two LIK Takaru shops together can do it.
    stamp_and_turn = requirement_form(
        "REQ-ASTRA-PIN", processes="stamping; bubut", materials="", monthly_volume="4.000"
    )
    site.signed_in("buyer-astra").post("/kebutuhan/baru", stamp_and_turn)
    event_id = EVENT_FORM["event_id"]
    planned = organizer.post(f"/acara/{event_id}/rencana", {"top_k": "1", "consortia": "1"})
    assert planned.headers["location"].startswith(f"/acara/{event_id}?msg=msg_planned&n=2")
    page = organizer.get(f"/acara/{event_id}").text
    meetings = dict(re.findall(r"<td>(M\d{3})</td><td>([^<]+)</td>", page))
    group = [m for m, who in meetings.items() if who.count("↔") == 2]
    assert len(group) == 1
    assert set(meetings[group[0]].split(" ↔ ")) == {
        "PT Astra Otoparts",
        "CV Karya Teknik Tegal",
        "UD Sinar Logam",
    }
    organizer.post(f"/acara/{event_id}/jadwal", {"time_limit": "5"})
    job = wait_for_job(organizer, organizer.get(f"/acara/{event_id}").text)
    assert job["status"] == "done"
    grid = organizer.get(f"/acara/{event_id}/jadwal").text
    cells = [
        re.findall(r"<span>([^<]+)</span>", c) for c in re.findall(r'class="busy">(.*?)</td>', grid)
    ]
    # The group sits at one table in one slot: the buyer with both members.
    assert ["PT Astra Otoparts", "CV Karya Teknik Tegal", "UD Sinar Logam"] in cells
