"""The outcomes sheet: columns, cells and row-level errors (same rules as the supplier sheet).

Columns: `requirement_id` or `buyer` (at least one per row), `supplier_id`, `outcome`,
`value_idr` (required for a purchase order), `date`, optional `event_id`. Every problem in the
file is collected before anything is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from matcher.errors import RowError
from models.numbers import parse_quantity
from models.outcome import OUTCOMES, OutcomeCreate
from service.sheets import header_key
from service.tabular import read_table

ALIASES: dict[str, tuple[str, ...]] = {
    "requirement_id": ("requirementid", "requirement", "idkebutuhan", "kebutuhan", "reqid"),
    "buyer": ("buyer", "pembeli", "industri", "perusahaanpembeli"),
    "supplier_id": ("supplierid", "idpemasok", "pemasok", "supplier", "idikm", "nib"),
    "outcome": ("outcome", "hasil", "status", "tahap"),
    "value_idr": ("valueidr", "value", "nilai", "nilaiidr", "nilairp", "nilaipo"),
    "date": ("date", "tanggal", "tgl"),
    "event_id": ("eventid", "event", "acara", "idacara", "temubisnis"),
}
REQUIRED = ("supplier_id", "outcome", "date")
_LOOKUP = {alias: name for name, aliases in ALIASES.items() for alias in aliases}

# Outcome words an office types, compared like headers (case, spaces, dashes ignored).
OUTCOME_ALIASES: dict[str, str] = {
    **{header_key(code): code for code in OUTCOMES},
    "diundang": "invited",
    "undangan": "invited",
    "bertemu": "met",
    "hadir": "met",
    "meeting": "met",
    "tidakhadir": "no_show",
    "noshow": "no_show",
    "absen": "no_show",
    "tertarik": "interested",
    "berminat": "interested",
    "mintasampel": "sample_requested",
    "sampel": "sample_requested",
    "sample": "sample_requested",
    "nota kesepahaman": "mou",
    "notakesepahaman": "mou",
    "po": "purchase_order",
    "pesanan": "purchase_order",
    "purchaseorder": "purchase_order",
}


@dataclass(frozen=True)
class KnownIds:
    """What a row may refer to: stored suppliers, requirements and buyers (case-folded)."""

    suppliers: dict[str, str]  # supplier_id (folded) → supplier_id as stored
    requirements: dict[str, str]  # requirement_id (folded) → requirement_id as stored
    requirement_buyers: dict[str, str]  # requirement_id (folded) → buyer
    buyers: dict[str, str]  # buyer (folded) → buyer as stored
    # requirement_id (folded) → every buyer using it, when several buyers chose the same id
    # (ids are unique per buyer); such a row must name its buyer.
    shared: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ParsedOutcomes:
    outcomes: list[OutcomeCreate] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _requirement_buyer(
    known: KnownIds,
    folded: str,
    requirement_id: str,
    given: str,
    err: Callable[[str, str], None],
) -> str:
    """The buyer of a requirement; where several buyers use the id, the one the row names."""
    sharing = known.shared.get(folded)
    if not sharing:
        return known.requirement_buyers.get(folded, "")
    named = {b.casefold(): b for b in sharing}.get(given.casefold())
    if named is None:
        err(
            "buyer",
            f"kebutuhan '{requirement_id}' dipakai oleh beberapa pembeli "
            f"({'; '.join(sharing)}); isi kolom buyer dengan salah satunya",
        )
        return given
    return named


def outcome_key(outcome: OutcomeCreate) -> tuple[str, str, str, str]:
    """What makes two outcomes the same fact (the table's unique key)."""
    return (
        outcome.requirement_id.casefold(),
        outcome.buyer.casefold(),
        outcome.supplier_id.casefold(),
        outcome.outcome,
    )


def parse_outcome_sheet(
    path: Path | str, known: KnownIds, data: bytes | None = None, today: date | None = None
) -> ParsedOutcomes:
    """Read and check an outcomes file against what the database knows; never raises for
    bad rows (see `.errors`)."""
    table = read_table(path, data)
    mapping, errors = _map_headers(table.headers)
    if errors:
        return ParsedOutcomes(errors=errors)
    cells_by_row = [
        (raw.number, {mapping[h]: v for h, v in raw.values.items() if h in mapping})
        for raw in table.rows
    ]
    return check_outcomes(cells_by_row, known, today or date.today())


def check_outcomes(
    cells_by_row: Iterable[tuple[int, dict[str, str]]], known: KnownIds, today: date
) -> ParsedOutcomes:
    """Validate rows of text cells (row number, column → text); also used by the API."""
    result = ParsedOutcomes()
    first_row_of: dict[tuple[str, str, str, str], int] = {}
    for row, cells in cells_by_row:
        row_errors: list[RowError] = []
        outcome = _check_row(row, cells, known, today, row_errors.append)
        if outcome is not None:
            key = outcome_key(outcome)
            if key in first_row_of:
                row_errors.append(
                    RowError(row, "supplier_id", f"sama dengan baris {first_row_of[key]}")
                )
            else:
                first_row_of[key] = row
        if row_errors or outcome is None:
            result.errors.extend(row_errors)
        else:
            result.outcomes.append(outcome)
            result.rows.append(row)
    return result


def _map_headers(headers: list[str]) -> tuple[dict[str, str], list[RowError]]:
    mapping: dict[str, str] = {}
    errors: list[RowError] = []
    for header in headers:
        column = _LOOKUP.get(header_key(header))
        if column is None:
            continue  # notes columns are allowed and ignored
        if column in mapping.values():
            errors.append(RowError(1, header, f"kolom ganda: lebih dari satu kolom {column}"))
            continue
        mapping[header] = column
    present = set(mapping.values())
    for column in REQUIRED:
        if column not in present:
            errors.append(RowError(1, column, "kolom wajib tidak ada di baris judul"))
    if not present & {"requirement_id", "buyer"}:
        errors.append(RowError(1, "requirement_id", "perlu kolom requirement_id atau buyer"))
    return mapping, errors


def _check_row(
    row: int,
    cells: dict[str, str],
    known: KnownIds,
    today: date,
    add: Callable[[RowError], None],
) -> OutcomeCreate | None:
    problems: list[RowError] = []

    def err(column: str, reason: str) -> None:
        problems.append(RowError(row, column, reason))

    requirement_id = cells.get("requirement_id", "").strip()
    buyer = cells.get("buyer", "").strip()
    supplier_id = cells.get("supplier_id", "").strip()
    if requirement_id:
        folded = requirement_id.casefold()
        if folded not in known.requirements:
            err("requirement_id", f"kebutuhan '{requirement_id}' tidak dikenal")
        else:
            # The stored spelling and buyer, so one fact always has one key.
            requirement_id = known.requirements[folded]
            buyer = _requirement_buyer(known, folded, requirement_id, buyer, err)
    elif buyer:
        if buyer.casefold() not in known.buyers:
            err("buyer", f"pembeli '{buyer}' tidak dikenal di kebutuhan yang tersimpan")
        else:
            buyer = known.buyers[buyer.casefold()]
    else:
        err("requirement_id", "isi requirement_id atau buyer")
    if not supplier_id:
        err("supplier_id", "wajib diisi (kosong)")
    elif supplier_id.casefold() not in known.suppliers:
        err("supplier_id", f"pemasok '{supplier_id}' tidak ada di katalog")

    outcome = _outcome_code(cells.get("outcome", ""), err)
    value = _value(cells.get("value_idr", ""), outcome, err)
    when = _date(cells.get("date", ""), today, err)
    for problem in problems:
        add(problem)
    if problems or outcome is None or when is None:
        return None
    return OutcomeCreate(
        requirement_id=requirement_id,
        buyer=buyer,
        supplier_id=known.suppliers[supplier_id.casefold()],
        outcome=outcome,
        value_idr=value,
        date=when,
        event_id=cells.get("event_id", "").strip() or None,
    )


def _outcome_code(text: str, err: Callable[[str, str], None]) -> str | None:
    text = text.strip()
    if not text:
        err("outcome", "wajib diisi (kosong)")
        return None
    code = OUTCOME_ALIASES.get(header_key(text))
    if code is None:
        err("outcome", f"hasil '{text}' tidak dikenal (pakai: {', '.join(OUTCOMES)})")
    return code


def _value(text: str, outcome: str | None, err: Callable[[str, str], None]) -> int | None:
    """Rupiah as a whole number; None when blank or wrong (wrong also reports an error)."""
    text = re.sub(r"(?i)^\s*(rp|idr)\.?\s*", "", text.strip())
    if not text:
        if outcome == "purchase_order":
            err("value_idr", "nilai PO wajib diisi untuk purchase_order (rupiah)")
            return None
        return None
    try:
        value = parse_quantity(text)
    except ValueError as exc:
        err("value_idr", str(exc))
        return None
    if value < 0:
        err("value_idr", "nilai tidak boleh negatif")
        return None
    return round(value)


def _date(text: str, today: date, err: Callable[[str, str], None]) -> date | None:
    text = text.strip()
    if not text:
        err("date", "wajib diisi (kosong)")
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            when = datetime.strptime(text, pattern).date()
            break
        except ValueError:
            continue
    else:
        err("date", f"tanggal '{text}' tidak valid (pakai YYYY-MM-DD, mis. 2026-09-16)")
        return None
    if when > today:
        err("date", f"tanggal {when.isoformat()} belum terjadi (hari ini {today.isoformat()})")
        return None
    return when
