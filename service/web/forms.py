"""Form fields as typed in the browser → the contract's JSON documents.

The engine's own validation (`parse_requirement`, the scheduler's `load_event`) stays the
judge; this module only turns text boxes into lists, numbers and dates.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

LIST_SPLIT = re.compile(r"[;,\n]")


def split_terms(text: str) -> list[str]:
    """`stamping; spot welding, las MIG` → three entries (`;`, `,` or new lines)."""
    return [part.strip() for part in LIST_SPLIT.split(text) if part.strip()]


class RequirementForm(BaseModel):
    requirement_id: str = Field(default="", max_length=120)
    owner: int | None = Field(default=None, ge=1, le=2_147_483_647)
    buyer: str = Field(default="", max_length=300)
    title: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=5000)
    processes: str = Field(default="", max_length=2000)
    materials: str = Field(default="", max_length=2000)
    certifications_required: str = Field(default="", max_length=1000)
    certifications_preferred: str = Field(default="", max_length=1000)
    monthly_volume: str = Field(default="", max_length=30)
    volume_unit: str = Field(default="", max_length=40)
    delivery_regency: str = Field(default="", max_length=120)
    max_distance_km: str = Field(default="", max_length=30)
    needed_by: str = Field(default="", max_length=30)


def _number(text: str) -> float | str | None:
    """A number typed as `20000`, `20.000` or `20,000`; the text itself when it is not one,
    so the requirement's own validation names the field."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", "")
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return text


def requirement_document(form: RequirementForm, default_buyer: str = "") -> dict[str, Any]:
    """The contract's requirement JSON (section 2) from the form's text fields."""
    document: dict[str, Any] = {
        "requirement_id": form.requirement_id.strip(),
        "buyer": form.buyer.strip() or default_buyer,
        "title": form.title.strip(),
        "description": form.description.strip(),
        "processes": split_terms(form.processes),
        "materials": split_terms(form.materials),
        "certifications_required": split_terms(form.certifications_required),
        "certifications_preferred": split_terms(form.certifications_preferred),
    }
    volume = _number(form.monthly_volume)
    if volume is not None:
        document["monthly_volume"] = volume
        document["volume_unit"] = form.volume_unit.strip() or None
    distance = _number(form.max_distance_km)
    if form.delivery_regency.strip() or distance is not None:
        document["delivery"] = {
            "regency": form.delivery_regency.strip() or None,
            "max_distance_km": distance,
        }
    if form.needed_by.strip():
        document["needed_by"] = form.needed_by.strip()
    return document


def requirement_values(document: dict[str, Any]) -> dict[str, Any]:
    """A stored requirement (contract JSON) as the form's text fields, for editing."""
    delivery = document.get("delivery") or {}
    volume = document.get("monthly_volume")
    distance = delivery.get("max_distance_km")
    return {
        "requirement_id": document.get("requirement_id", ""),
        "buyer": document.get("buyer", ""),
        "title": document.get("title", ""),
        "description": document.get("description", ""),
        **{
            key: "; ".join(document.get(key) or [])
            for key in (
                "processes",
                "materials",
                "certifications_required",
                "certifications_preferred",
            )
        },
        "monthly_volume": f"{volume:g}" if volume is not None else "",
        "volume_unit": document.get("volume_unit") or "",
        "delivery_regency": delivery.get("regency") or "",
        "max_distance_km": f"{distance:g}" if distance is not None else "",
        "needed_by": document.get("needed_by") or "",
    }


class EventForm(BaseModel):
    event_id: str = Field(default="", max_length=120)
    title: str = Field(default="", max_length=300)
    day: str = Field(default="", max_length=20)
    am_start: str = Field(default="09:00", max_length=40)
    am_slots: int = Field(default=6, ge=0, le=100)
    pm_start: str = Field(default="13:00", max_length=40)
    pm_slots: int = Field(default=0, ge=0, le=100)
    slot_minutes: int = Field(default=20, ge=5, le=240)
    tables: int = Field(default=5, ge=1, le=500)
    fairness: int | None = Field(default=2, ge=0, le=100)


class EventFormError(ValueError):
    def __init__(self, field: str, key: str) -> None:
        self.field, self.key = field, key
        super().__init__(f"{field}: {key}")


def event_sessions(form: EventForm) -> list[tuple[str, datetime, int]]:
    """(label, first slot start, number of slots) per session of the day."""
    try:
        day = date.fromisoformat(form.day)
    except ValueError:
        raise EventFormError("day", "event_err_day") from None
    sessions = []
    for label, field, start, count in (
        ("pagi", "am_start", form.am_start, form.am_slots),
        ("siang", "pm_start", form.pm_start, form.pm_slots),
    ):
        if count == 0:
            continue
        try:
            clock = datetime.strptime(start.strip(), "%H:%M").time()
        except ValueError:
            raise EventFormError(field, "event_err_time") from None
        sessions.append((label, datetime.combine(day, clock), count))
    if not sessions:
        raise EventFormError("am_slots", "event_err_slots")
    return sessions
