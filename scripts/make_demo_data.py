"""Generate Mitra's bundled sample data (mitra/data/) or a synthetic supplier sheet of any size.

    python scripts/make_demo_data.py                      # rewrite mitra/data/demo_*.{csv,json}
    python scripts/make_demo_data.py --rows 10000 --out /tmp/s10k.csv
    python scripts/make_demo_data.py --rows 10000 --out /tmp/s10k.xlsx --indonesian-headers
    python scripts/make_demo_data.py --out /tmp/demo_id.csv --indonesian-headers   # demo sheet

The same seed always writes the same bytes (CSV and JSON; XLSX files carry a timestamp).
All names, e-mails and phone numbers are fictitious.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demodata.demo import demo_suppliers  # noqa: E402
from demodata.outcomes import outcome_rows  # noqa: E402
from demodata.requirements import REQUIREMENTS  # noqa: E402
from demodata.suppliers import SHEET_COLUMNS, DemoSupplier, random_suppliers  # noqa: E402

DEFAULT_SEED = 20261123
DATA_DIR = Path(__file__).resolve().parent.parent / "mitra" / "data"
OUTCOME_COLUMNS = ("requirement_id", "supplier_id", "outcome", "value_idr", "date")

# contract section 1 aliases an office would type
INDONESIAN_HEADERS: dict[str, str] = {
    "supplier_id": "id_pemasok",
    "name": "nama",
    "regency": "kabupaten",
    "cluster": "sentra",
    "processes": "proses",
    "materials": "bahan",
    "products": "produk",
    "certifications": "sertifikat",
    "monthly_capacity": "kapasitas_bulanan",
    "capacity_unit": "satuan",
    "employees": "tenaga_kerja",
    "machines": "mesin",
    "partners": "mitra",
    "cooperative": "koperasi",
    "contact_email": "email",
    "contact_phone": "telepon",
}
# sheet columns written as numbers in XLSX, as a spreadsheet user would type them
NUMERIC_COLUMNS = ("lat", "lon", "employees", "machines", "tier")


def header(indonesian: bool) -> list[str]:
    return [INDONESIAN_HEADERS.get(c, c) if indonesian else c for c in SHEET_COLUMNS]


def write_csv(path: Path, head: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(head)
        writer.writerows(rows)


def xlsx_cell(column: str, text: str) -> str | int | float:
    if text and (column in NUMERIC_COLUMNS or (column == "monthly_capacity" and text.isdigit())):
        return float(text) if "." in text else int(text)
    return text


def write_xlsx(path: Path, head: list[str], rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("pemasok")
    sheet.append(head)
    for row in rows:
        sheet.append([xlsx_cell(c, t) for c, t in zip(SHEET_COLUMNS, row, strict=True)])
    book.save(path)


def write_sheet(path: Path, suppliers: list[DemoSupplier], fmt: str, indonesian: bool) -> None:
    rows = [s.row() for s in suppliers]
    if fmt == "xlsx":
        write_xlsx(path, header(indonesian), rows)
    else:
        write_csv(path, header(indonesian), rows)


def write_demo(outdir: Path, seed: int) -> list[Path]:
    """The three bundled files; returns their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    suppliers = demo_suppliers(seed)
    sheet = outdir / "demo_suppliers.csv"
    write_sheet(sheet, suppliers, "csv", indonesian=False)
    requirements = outdir / "demo_requirements.json"
    text = json.dumps(list(REQUIREMENTS), indent=2, ensure_ascii=False)
    requirements.write_text(text + "\n", encoding="utf-8")
    outcomes = outdir / "demo_outcomes.csv"
    rows = outcome_rows(random.Random(seed + 1), suppliers, REQUIREMENTS)
    write_csv(outcomes, list(OUTCOME_COLUMNS), rows)
    return [sheet, requirements, outcomes]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--outdir", type=Path, default=DATA_DIR, help="where the demo files go")
    parser.add_argument("--rows", type=int, help="write a synthetic sheet of N suppliers to --out")
    parser.add_argument("--out", type=Path, help="file for a single supplier sheet")
    parser.add_argument("--format", choices=("csv", "xlsx"), help="default: from --out suffix")
    parser.add_argument(
        "--indonesian-headers", action="store_true", help="use nama, kabupaten, proses, …"
    )
    args = parser.parse_args(argv)
    if args.rows is not None and args.out is None:
        parser.error("--rows needs --out FILE (where to write the sheet)")
    if args.rows is not None and args.rows < 1:
        parser.error("--rows must be at least 1")
    if args.indonesian_headers and args.out is None:
        parser.error(
            "--indonesian-headers needs --out FILE; the bundled demo keeps English headers"
        )
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.out is None:
        for path in write_demo(args.outdir, args.seed):
            print(f"wrote {path}")
        return 0
    fmt = args.format or ("xlsx" if args.out.suffix.lower() == ".xlsx" else "csv")
    if args.rows is None:
        suppliers = demo_suppliers(args.seed)
    else:
        width = max(4, len(str(args.rows)))
        suppliers = random_suppliers(random.Random(args.seed), args.rows, 1, width)
    write_sheet(args.out, suppliers, fmt, args.indonesian_headers)
    print(f"wrote {len(suppliers)} suppliers to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
