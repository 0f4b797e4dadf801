"""Read the B2B scheduling benchmark's MiniZinc `.dzn` files (Bofill et al., JAIR 2022) as events.

Participants become P1..Pn, meetings M1..Mm (in file order; a repeated pair stays two meetings),
slots s1..sT with session "am" for the first nMorningSlots and "pm" after, tables T1..Tk.
"""

from __future__ import annotations

import re
from pathlib import Path

from matcher.errors import EventError
from scheduler.event import Event, Meeting, Participant, Slot

_ASSIGNMENT = re.compile(r"(\w+)\s*=\s*(.*?);", re.DOTALL)
_SET = re.compile(r"\{([^}]*)\}")
_SESSION_CODES = {1: "am", 2: "pm", 3: None}


def _ints(text: str) -> list[int]:
    return [int(v) for v in re.findall(r"-?\d+", text)]


def _set_values(body: str) -> set[int]:
    values: set[int] = set()
    for part in body.split(","):
        part = part.strip()
        if not part:
            continue
        if ".." in part:
            low, high = (int(v) for v in part.split(".."))
            values.update(range(low, high + 1))
        else:
            values.add(int(part))
    return values


def _sets(text: str) -> list[set[int]]:
    return [_set_values(body) for body in _SET.findall(text)]


def parse_dzn(text: str) -> dict[str, str]:
    """The raw `name = value;` assignments of a .dzn file, comments removed."""
    text = re.sub(r"%[^\n]*", "", text)
    return {name: value.strip() for name, value in _ASSIGNMENT.findall(text)}


def read_dzn(path: Path | str, *, fairness: int | None = 2) -> Event:
    """The event of one benchmark file; `fairness` is the cap d (the files do not hold it)."""
    path = Path(path)
    try:
        fields = parse_dzn(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EventError(f"cannot read benchmark file {path}: {error.strerror}") from None
    try:
        return _event_from_fields(path.stem, fields, fairness)
    except (KeyError, ValueError, IndexError) as error:
        raise EventError(f"{path.name} is not a B2B scheduling .dzn file: {error}") from None


def _event_from_fields(name: str, fields: dict[str, str], fairness: int | None) -> Event:
    n_people = int(fields["nBusiness"])
    n_meetings = int(fields["nMeetings"])
    n_slots = int(fields["nTotalSlots"])
    n_morning = int(fields["nMorningSlots"])
    requested = _ints(fields["requested"])
    if len(requested) != 3 * n_meetings:
        raise ValueError(f"requested has {len(requested) // 3} rows, expected {n_meetings}")
    forbidden = _sets(fields.get("forbidden", "[]")) or [set() for _ in range(n_people)]
    fixed = _ints(fields.get("fixed", "[]")) or [0] * n_meetings
    precedences = _sets(fields.get("precedences", "[]")) or [set() for _ in range(n_meetings)]

    slots = [
        Slot(id=f"s{t}", session="am" if t <= n_morning else "pm") for t in range(1, n_slots + 1)
    ]
    participants = [
        Participant(
            id=f"P{p}",
            unavailable=[f"s{t}" for t in sorted(forbidden[p - 1]) if 1 <= t <= n_slots],
        )
        for p in range(1, n_people + 1)
    ]
    meetings = []
    for m in range(1, n_meetings + 1):
        first, second, code = requested[3 * (m - 1) : 3 * m]
        meetings.append(
            Meeting(
                id=f"M{m}",
                participants=[f"P{first}", f"P{second}"],
                session=_SESSION_CODES[code],
                fixed_slot=f"s{fixed[m - 1]}" if fixed[m - 1] > 0 else None,
                after=[f"M{b}" for b in sorted(precedences[m - 1])],
            )
        )
    return Event(
        event_id=name,
        fairness=fairness,
        slots=slots,
        tables=[f"T{k}" for k in range(1, int(fields["nTables"]) + 1)],
        participants=participants,
        meetings=meetings,
    )
