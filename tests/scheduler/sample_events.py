"""Builders for small hand-made temu bisnis events used by the scheduler tests."""

from __future__ import annotations

from typing import Any


def slots(count: int, morning: int | None = None) -> list[dict[str, Any]]:
    """Twenty-minute slots from 09:00; the first `morning` are "am", the rest "pm"."""
    morning = count if morning is None else morning
    out = []
    for i in range(count):
        minutes = 9 * 60 + 20 * i + (60 if i >= morning else 0)
        hour, minute = divmod(minutes, 60)
        start = f"2027-03-10T{hour:02d}:{minute:02d}"
        hour2, minute2 = divmod(minutes + 20, 60)
        end = f"2027-03-10T{hour2:02d}:{minute2:02d}"
        session = "am" if i < morning else "pm"
        out.append({"id": f"s{i + 1}", "start": start, "end": end, "session": session})
    return out


def person(pid: str, name: str, role: str, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "role": role, **extra}


def meeting(mid: str, *people: str, **extra: Any) -> dict[str, Any]:
    return {"id": mid, "participants": list(people), **extra}
