"""Shared option types and output helpers for the `mitra` commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table
from sqlalchemy.engine import Engine

from matcher.errors import RowError
from mitra.app import console, err_console

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite file (default: MITRA_DATABASE_URL, else ./mitra.db).",
        show_default=False,
    ),
]


def fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_db(url: str | None, *, quiet: bool = False) -> Engine:
    from service.db import describe, open_database, resolve_url

    resolved = resolve_url(url)
    if not quiet:
        err_console.print(f"[dim]Database: {describe(resolved)}[/]", highlight=False)
    try:
        return open_database(resolved)
    except Exception as exc:  # connection refused, bad URL, ...
        fail(f"cannot open database {describe(resolved)}: {exc}")


def load_json_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        fail(f"file not found: {path}")
    except json.JSONDecodeError as exc:
        fail(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}")


def print_row_errors(errors: list[RowError], limit: int = 200) -> None:
    table = Table(title=f"{len(errors)} masalah / problems", title_justify="left")
    table.add_column("Baris", justify="right")
    table.add_column("Kolom")
    table.add_column("Masalah")
    for error in errors[:limit]:
        table.add_row(str(error.row), error.column, error.reason)
    err_console.print(table)
    if len(errors) > limit:
        err_console.print(f"... and {len(errors) - limit} more")


# Table words per language; explanation sentences come already translated (see `mitra shortlist`).
TABLE_WORDS = {
    "en": {
        "supplier": "Supplier",
        "regency": "Regency",
        "score": "Score",
        "why": "Why",
        "excluded": "excluded",
        "matched": "matched",
        "gaps": "gaps",
    },
    "id": {
        "supplier": "Pemasok",
        "regency": "Kab/Kota",
        "score": "Skor",
        "why": "Alasan",
        "excluded": "tidak lolos",
        "matched": "cocok",
        "gaps": "kekurangan",
    },
}
FEATURE_WORDS_ID = {
    "capability": "proses",
    "material": "bahan",
    "certification": "sertifikat",
    "capacity": "kapasitas",
    "distance": "jarak",
    "track_record": "rekam jejak",
    "text": "teks",
}


def shortlist_table(document: dict[str, Any], title: str = "", lang: str = "en") -> Table:
    """Rank, supplier, regency, score and the reasons behind it, headed in `lang` (en, id)."""
    words = TABLE_WORDS[lang]
    table = Table(title=title or None, title_justify="left", show_lines=True, expand=False)
    table.add_column("#", justify="right")
    table.add_column(words["supplier"])
    table.add_column(words["regency"])
    table.add_column(words["score"], justify="right")
    table.add_column(words["why"], overflow="fold", max_width=70)
    for result in document.get("results", []):
        eligible = result.get("eligible", True)
        table.add_row(
            str(result["rank"]),
            f"{result['name']}\n[dim]{result['supplier_id']}[/]",
            str(result.get("regency", "")),
            f"{result['score']:.2f}" if eligible else f"[red]{words['excluded']}[/]",
            why_text(result, lang),
        )
    return table


def why_text(result: dict[str, Any], lang: str = "en") -> str:
    if not result.get("eligible", True):
        return "[red]" + "; ".join(result.get("excluded_because", [])) + "[/]"
    words = TABLE_WORDS[lang]
    named = FEATURE_WORDS_ID if lang == "id" else {}
    contributions = sorted(result.get("contributions", {}).items(), key=lambda kv: -kv[1])
    top = ", ".join(
        f"{named.get(name, name)} {value:.2f}" for name, value in contributions[:3] if value > 0
    )
    matched = ", ".join(
        f"{req} ← {own}" for req, own in list(result.get("matched", {}).items())[:4]
    )
    parts = [p for p in (top, matched and f"{words['matched']}: {matched}") if p]
    gaps = result.get("gaps", [])
    if gaps:
        parts.append(f"[yellow]{words['gaps']}: " + "; ".join(gaps[:3]) + "[/]")
    return "\n".join(parts)


def emit(text: str) -> None:
    console.print(text, highlight=False, soft_wrap=True, markup=False)
