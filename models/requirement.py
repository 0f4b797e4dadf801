"""A buyer's requirement (contract section 2): validation of the JSON a buyer sends.

Pydantic checks types and dates; the taxonomy checks certification names and units.
Every problem is reported with the field it concerns, and the result is the engine's
plain `matcher.types.Requirement`.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from matcher.errors import RequirementError
from matcher.types import Delivery, Requirement
from models.numbers import parse_quantity


class DeliveryIn(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=False)

    regency: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    max_distance_km: float | None = Field(default=None, gt=0)


class RequirementIn(BaseModel):
    """The requirement document as received; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    requirement_id: str = Field(min_length=1, max_length=120)
    buyer: str = ""
    title: str = ""
    description: str = ""
    processes: list[str] = Field(min_length=1)
    materials: list[str] = Field(default_factory=list)
    kbli: list[str] = Field(default_factory=list)
    certifications_required: list[str] = Field(default_factory=list)
    certifications_preferred: list[str] = Field(default_factory=list)
    monthly_volume: float | None = Field(default=None, gt=0)
    volume_unit: str | None = None
    delivery: DeliveryIn | None = None
    needed_by: date | None = None

    @field_validator("monthly_volume", mode="before")
    @classmethod
    def _volume_as_offices_write_it(cls, value: Any) -> Any:
        # "5.000" is five thousand here, as in the supplier sheet, not five.
        if isinstance(value, str):
            return parse_quantity(value)
        return value

    @field_validator("processes")
    @classmethod
    def _processes_not_blank(cls, value: list[str]) -> list[str]:
        cleaned = [v.strip() for v in value if v.strip()]
        if not cleaned:
            raise ValueError("list at least one process, e.g. 'stamping'")
        return cleaned

    @field_validator("kbli")
    @classmethod
    def _kbli_codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not (len(code) == 5 and code.isdigit()):
                raise ValueError(f"'{code}' is not a 5-digit KBLI 2020 code")
        return value


def _refuse_misspelled_fields(data: dict[str, Any]) -> None:
    """Unknown fields are ignored (contract section 2), but one that is a near miss of a known
    field is almost surely a typo, and ignoring `certifications_requried` would drop a gate."""
    _refuse_near_misses(data, RequirementIn, "")
    delivery = data.get("delivery")
    if isinstance(delivery, dict):
        _refuse_near_misses(delivery, DeliveryIn, "delivery.")


def _refuse_near_misses(data: dict[str, Any], model: type[BaseModel], prefix: str) -> None:
    known = list(model.model_fields)
    for key in data:
        if key in known or not isinstance(key, str):
            continue
        close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.8)
        if close:
            raise RequirementError(f"{prefix}{key}", f"unknown field; did you mean '{close[0]}'?")


def _field_name(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "requirement"


def parse_requirement(data: Any, *, today: date | None = None) -> Requirement:
    """Validate a requirement document and return the engine's `Requirement`.

    Raises `RequirementError` naming the first bad field (all problems are in the message).
    """
    from matcher.certs import canonical_certification
    from matcher.kbli import is_known_kbli
    from matcher.units import normalise_unit

    if not isinstance(data, dict):
        raise RequirementError("requirement", "expected a JSON object")
    _refuse_misspelled_fields(data)
    try:
        parsed = RequirementIn.model_validate(data)
    except ValidationError as exc:
        problems = [(_field_name(err["loc"]), _plain(err)) for err in exc.errors()]
        field, reason = problems[0]
        if len(problems) > 1:
            reason += "; " + "; ".join(f"{f}: {r}" for f, r in problems[1:])
        raise RequirementError(field, reason) from None

    for key in ("certifications_required", "certifications_preferred"):
        for name in getattr(parsed, key):
            if canonical_certification(name) is None:
                raise RequirementError(key, f"unknown certification '{name}'")
    for code in parsed.kbli:
        if not is_known_kbli(code):
            raise RequirementError("kbli", f"'{code}' is not in the KBLI 2020 codebook")
    if parsed.volume_unit is not None and normalise_unit(parsed.volume_unit) is None:
        raise RequirementError("volume_unit", f"unknown unit '{parsed.volume_unit}'")
    if parsed.monthly_volume is not None and parsed.volume_unit is None:
        raise RequirementError("volume_unit", "give the unit of monthly_volume, e.g. 'pcs'")

    delivery = None
    if parsed.delivery is not None:
        d = parsed.delivery
        if (d.lat is None) != (d.lon is None):
            raise RequirementError("delivery", "give both lat and lon, or neither")
        delivery = Delivery(d.regency, d.lat, d.lon, d.max_distance_km)

    return Requirement(
        requirement_id=parsed.requirement_id.strip(),
        processes=tuple(parsed.processes),
        needed_by=parsed.needed_by or today or date.today(),
        buyer=parsed.buyer,
        title=parsed.title,
        description=parsed.description,
        materials=tuple(m.strip() for m in parsed.materials if m.strip()),
        kbli=tuple(parsed.kbli),
        certifications_required=tuple(parsed.certifications_required),
        certifications_preferred=tuple(parsed.certifications_preferred),
        monthly_volume=parsed.monthly_volume,
        volume_unit=parsed.volume_unit,
        delivery=delivery,
    )


def _plain(err: Any) -> str:
    """Pydantic's message, shortened to what a buyer needs to read."""
    kind = str(err.get("type", ""))
    if kind == "missing":
        return "this field is required"
    if kind.startswith("date"):
        return f"'{err.get('input')}' is not a valid date (use YYYY-MM-DD)"
    if kind == "value_error":
        return str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return str(err.get("msg", "invalid value"))


def requirement_to_json(req: Requirement) -> dict[str, Any]:
    """The contract form of a validated requirement (for storage and audit)."""
    out: dict[str, Any] = {
        "requirement_id": req.requirement_id,
        "buyer": req.buyer,
        "title": req.title,
        "description": req.description,
        "processes": list(req.processes),
        "materials": list(req.materials),
        "kbli": list(req.kbli),
        "certifications_required": list(req.certifications_required),
        "certifications_preferred": list(req.certifications_preferred),
        "monthly_volume": req.monthly_volume,
        "volume_unit": req.volume_unit,
        "needed_by": req.needed_by.isoformat(),
    }
    if req.delivery is not None:
        out["delivery"] = {
            "regency": req.delivery.regency,
            "lat": req.delivery.lat,
            "lon": req.delivery.lon,
            "max_distance_km": req.delivery.max_distance_km,
        }
    return out
