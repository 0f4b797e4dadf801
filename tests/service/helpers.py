"""Small sheet builders for import tests."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import MetaData, select
from sqlalchemy.engine import Engine

HEADER = [
    "supplier_id",
    "name",
    "regency",
    "lat",
    "lon",
    "cluster",
    "kbli",
    "processes",
    "materials",
    "products",
    "certifications",
    "monthly_capacity",
    "capacity_unit",
    "employees",
]


def good_row(i: int) -> list[str]:
    return [
        f"TGL-{i:05d}",
        f"Bengkel Bubut Maju {i}",
        "Kab. Tegal",
        "-6.95",
        "109.14",
        "LIK Takaru",
        "25920",
        "bubut CNC; frais",
        "SPCC",
        "poros dan bushing",
        "ISO 9001|2027-08-31",
        "1.000",
        "pcs",
        "12",
    ]


def write_sheet(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to compare database content before and after."""
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {
            name: sorted(conn.execute(select(table)).all(), key=repr)
            for name, table in sorted(meta.tables.items())
        }
