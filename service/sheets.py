"""The organizer's supplier sheet (contract section 1): headers, cells, row-level errors.

Validation collects every problem in the file before anything is stored: the organizer fixes
the sheet once, not once per error.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from matcher.errors import RowError, SheetError
from matcher.types import SupplierRecord
from models.numbers import parse_coordinate, parse_integer, parse_quantity
from models.supplier import (
    PhoneNumberError,
    SupplierCreate,
    in_scientific_notation,
    lost_leading_zero,
    phone_from_number,
    to_record,
)
from service.tabular import RawRow, read_table

REQUIRED = ("supplier_id", "name", "regency", "processes", "monthly_capacity", "capacity_unit")

# Header spellings an office types, compared with case, spaces, dots and underscores removed.
ALIASES: dict[str, tuple[str, ...]] = {
    "supplier_id": ("supplierid", "idpemasok", "id", "nib", "kodepemasok", "idsupplier", "idikm"),
    "name": ("name", "nama", "namausaha", "namaperusahaan", "namaikm", "supplier", "pemasok"),
    "regency": ("regency", "kabupaten", "kota", "kabkota", "kabupatenkota", "kab", "lokasi"),
    "lat": ("lat", "latitude", "lintang"),
    "lon": ("lon", "lng", "long", "longitude", "bujur"),
    "cluster": ("cluster", "sentra", "klaster", "kawasan"),
    "kbli": ("kbli", "kodekbli"),
    "processes": ("processes", "process", "proses", "prosesproduksi", "kemampuan"),
    "materials": ("materials", "material", "bahan", "bahanbaku"),
    "products": ("products", "product", "produk", "produkutama"),
    "certifications": ("certifications", "certification", "sertifikat", "sertifikasi"),
    "monthly_capacity": (
        "monthlycapacity",
        "capacity",
        "kapasitasbulanan",
        "kapasitas",
        "kapasitasperbulan",
    ),
    "capacity_unit": ("capacityunit", "unit", "satuan", "satuankapasitas"),
    "employees": ("employees", "tenagakerja", "karyawan", "jumlahkaryawan", "pekerja"),
    "machines": ("machines", "mesin", "jumlahmesin"),
    "partners": ("partners", "mitra", "pelanggan", "mitrausaha"),
    "tier": ("tier",),
    "cooperative": ("cooperative", "koperasi"),
    "contact_email": ("contactemail", "email", "surel", "surat elektronik"),
    "contact_phone": ("contactphone", "phone", "telepon", "telp", "hp", "nohp", "wa", "whatsapp"),
}
_LOOKUP = {alias: name for name, aliases in ALIASES.items() for alias in aliases}


def header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def map_headers(headers: list[str]) -> tuple[dict[str, str], list[RowError]]:
    """Original header → contract column; unknown headers map to themselves (kept as extras)."""
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    errors: list[RowError] = []
    for header in headers:
        if not header:
            continue
        column = _LOOKUP.get(header_key(header))
        if column is None:
            mapping[header] = header
            continue
        if column in seen:
            errors.append(
                RowError(
                    1, header, f"kolom ganda: '{seen[column]}' dan '{header}' sama-sama {column}"
                )
            )
            continue
        seen[column] = header
        mapping[header] = column
    unknown = [h for h in headers if h and mapping.get(h) == h]
    for column in REQUIRED:
        if column not in seen:
            reason = "kolom wajib tidak ada di baris judul"
            typo = _closest_header(unknown, column)
            if typo:
                reason += f"; apakah '{typo}' maksudnya {column}?"
            errors.append(RowError(1, column, reason))
    return mapping, errors


def _closest_header(unknown: list[str], column: str) -> str | None:
    """An unrecognised header that looks like a misspelling of one of `column`'s names."""
    names = list(ALIASES[column])
    for header in unknown:
        if difflib.get_close_matches(header_key(header), names, n=1, cutoff=0.8):
            return header
    return None


def _header_row_below(rows: list[RawRow]) -> int | None:
    """When a title sits above the column names, the row that really holds them."""
    for raw in rows[:5]:
        found = {_LOOKUP.get(header_key(cell)) for cell in raw.cells if cell}
        if all(column in found for column in REQUIRED):
            return raw.number
    return None


@dataclass
class ParsedSheet:
    suppliers: list[SupplierCreate] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # spreadsheet row of each supplier
    errors: list[RowError] = field(default_factory=list)
    rejected: list[tuple[RawRow, list[RowError]]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def records(self) -> list[SupplierRecord]:
        return [to_record(s) for s in self.suppliers]


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def parse_sheet(
    path: Path | str,
    data: bytes | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ParsedSheet:
    """Read and validate a supplier sheet; never raises for bad rows (see `.errors`)."""
    table = read_table(path, data)
    mapping, header_errors = map_headers(table.headers)
    result = ParsedSheet(headers=table.headers)
    if header_errors:
        below = _header_row_below(table.rows)
        if below is not None:
            header_errors = [
                RowError(
                    1,
                    "header",
                    f"nama kolom tampaknya ada di baris {below}: "
                    f"hapus baris di atasnya, lalu impor lagi",
                )
            ]
        result.errors = header_errors
        return result
    first_row_of: dict[str, int] = {}
    for position, raw in enumerate(table.rows, start=1):
        if progress is not None and (position % 500 == 0 or position == len(table.rows)):
            progress(position, len(table.rows))
        cells: dict[str, str] = {}
        extra: dict[str, str] = {}
        for header, value in raw.values.items():
            column = mapping.get(header, header)
            if column in ALIASES:
                cells[column] = value
            elif value:
                extra[header] = value
        row_errors: list[RowError] = []
        numeric = {mapping.get(header, header) for header in raw.numeric}
        supplier = _validate_row(raw.number, cells, extra, row_errors, numeric)
        sid = cells.get("supplier_id", "")
        if sid:
            key = sid.casefold()
            if key in first_row_of:
                row_errors.append(
                    RowError(
                        raw.number,
                        "supplier_id",
                        f"'{sid}' sudah dipakai di baris {first_row_of[key]}",
                    )
                )
            else:
                first_row_of[key] = raw.number
        if row_errors or supplier is None:
            result.errors.extend(row_errors)
            result.rejected.append((raw, row_errors))
        else:
            result.suppliers.append(supplier)
            result.rows.append(raw.number)
    return result


def _validate_row(
    row: int,
    cells: dict[str, str],
    extra: dict[str, str],
    errors: list[RowError],
    numeric: set[str] | frozenset[str] = frozenset(),
) -> SupplierCreate | None:
    """`numeric`: the columns whose cell the spreadsheet stored as a number."""
    from matcher.kbli import is_known_kbli
    from matcher.units import normalise_unit

    def err(column: str, reason: str) -> None:
        errors.append(RowError(row, column, reason))

    for column in REQUIRED:
        if not cells.get(column, "").strip():
            err(column, "wajib diisi (kosong)")

    capacity = _checked(cells, "monthly_capacity", parse_quantity, err)
    if capacity is not None and capacity < 0:
        err("monthly_capacity", "tidak boleh negatif")
    unit = cells.get("capacity_unit", "")
    if unit and normalise_unit(unit) is None:
        err("capacity_unit", f"satuan '{unit}' tidak dikenal (contoh: pcs, set, unit, kg, ton, m2)")

    employees = _checked(cells, "employees", parse_integer, err)
    machines = _checked(cells, "machines", parse_integer, err)
    tier = _checked(cells, "tier", parse_integer, err)
    if tier is not None and tier not in (1, 2, 3):
        err("tier", f"tier harus 1, 2 atau 3, bukan {tier}")

    lat = _checked(cells, "lat", parse_coordinate, err)
    lon = _checked(cells, "lon", parse_coordinate, err)
    _check_location(lat, lon, err)

    kbli = split_list(cells.get("kbli", "").replace(",", ";"))
    if "kbli" in numeric:
        kbli = [_kbli_from_number(code) for code in kbli]
    for code in kbli:
        if not (len(code) == 5 and code.isdigit()):
            hint = (
                " (sel angka di Excel membuang angka 0 di depan: format kolom sebagai Teks)"
                if "kbli" in numeric
                else ""
            )
            err("kbli", f"'{code}' bukan kode KBLI 5 digit{hint}")
        elif not is_known_kbli(code):
            err("kbli", f"kode KBLI '{code}' tidak ada di KBLI 2020")

    phone = _phone(cells.get("contact_phone", "").strip(), "contact_phone" in numeric, err)
    certifications = _certifications(cells.get("certifications", ""), err)
    if errors:
        return None
    assert capacity is not None  # required and parsed, else errors above
    return SupplierCreate(
        supplier_id=cells["supplier_id"],
        name=cells["name"],
        regency=cells["regency"],
        lat=lat,
        lon=lon,
        cluster=cells.get("cluster") or None,
        kbli=kbli,
        processes=split_list(cells["processes"]),
        materials=split_list(cells.get("materials", "")),
        products=cells.get("products", ""),
        certifications=certifications,
        monthly_capacity=capacity,
        capacity_unit=unit,
        employees=employees,
        machines=machines,
        partners=split_list(cells.get("partners", "")),
        tier=tier,
        cooperative=cells.get("cooperative") or None,
        contact_email=cells.get("contact_email") or None,
        contact_phone=phone,
        extra=extra,
    )


def _kbli_from_number(code: str) -> str:
    """A KBLI code typed into a number cell loses its leading 0 (`01111` → `1111`); put it back
    when that gives a real 5-digit code."""
    from matcher.kbli import is_known_kbli

    padded = code.zfill(5)
    if code.isdigit() and len(code) < 5 and is_known_kbli(padded):
        return padded
    return code


def _phone(text: str, numeric: bool, err: Callable[[str, str], None]) -> str | None:
    """The phone as dialled; a number cell (or Excel's 8,12E+10 in a CSV) is turned back into
    one, or refused, since its leading 0 is gone."""
    if not text:
        return None
    if numeric or in_scientific_notation(text):
        try:
            return phone_from_number(text)
        except PhoneNumberError as exc:
            err("contact_phone", str(exc))
            return None
    # A CSV saved by Excel carries the same loss as text; fix it only when it is certain.
    return lost_leading_zero(text) or text


def _checked(cells: dict[str, str], column: str, parse: Any, err: Any) -> Any:
    text = cells.get(column, "").strip()
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        err(column, str(exc))
        return None


def _check_location(lat: float | None, lon: float | None, err: Any) -> None:
    if (lat is None) != (lon is None):
        err("lat" if lat is None else "lon", "isi lat dan lon berdua, atau kosongkan keduanya")
        return
    if lat is None or lon is None:
        return
    in_indonesia = -11.5 <= lat <= 6.5 and 94.0 <= lon <= 141.5
    swapped = -11.5 <= lon <= 6.5 and 94.0 <= lat <= 141.5
    if swapped:
        err("lat", f"lat {lat} dan lon {lon} tampaknya tertukar")
    elif not -90 <= lat <= 90:
        err("lat", f"lat {lat} di luar rentang -90..90")
    elif not -180 <= lon <= 180:
        err("lon", f"lon {lon} di luar rentang -180..180")
    elif not in_indonesia:
        err("lat", f"titik ({lat}, {lon}) di luar Indonesia")


def _certifications(text: str, err: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for part in split_list(text):
        name, _, until = (p.strip() for p in part.partition("|"))
        if not name:
            err("certifications", f"'{part}': nama sertifikat kosong")
            continue
        valid_until: str | None = None
        if until:
            try:
                valid_until = date.fromisoformat(until).isoformat()
            except ValueError:
                err("certifications", f"{name}: tanggal '{until}' tidak valid (pakai YYYY-MM-DD)")
                continue
        out.append({"name": name, "valid_until": valid_until})
    return out


def read_supplier_sheet(path: Path | str) -> list[SupplierRecord]:
    """The engine's records from a sheet; raises `SheetError` listing every bad row."""
    parsed = parse_sheet(path)
    if parsed.errors:
        raise SheetError(parsed.errors, str(path))
    return parsed.records


def write_rejected(parsed: ParsedSheet, source: Path) -> Path:
    """Rejected rows with their reasons, beside the input: `<file name>.rejected.csv`.

    Named after the whole file name, so `pemasok.csv` and `pemasok.xlsx` do not share one; an
    earlier import's file is never overwritten: the next free `<file name>.rejected-2.csv`, … is
    used instead.
    """
    headers = [h for h in parsed.headers if h]
    handle, target = _new_rejected_file(source)
    with handle:
        writer = csv.writer(handle)
        writer.writerow(["baris", *headers, "alasan"])
        for raw, errors in parsed.rejected:
            reasons = "; ".join(f"{e.column}: {e.reason}" for e in errors)
            writer.writerow([raw.number, *(raw.values.get(h, "") for h in headers), reasons])
    return target


def _new_rejected_file(source: Path) -> tuple[TextIO, Path]:
    for attempt in range(1, 10_000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        target = source.with_name(f"{source.name}.rejected{suffix}.csv")
        try:
            # Exclusive creation: two imports at once cannot pick the same name either.
            return target.open("x", newline="", encoding="utf-8-sig"), target
        except FileExistsError:
            continue
    raise FileExistsError(f"too many rejected-row files beside {source}; remove old ones")
