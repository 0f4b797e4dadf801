"""`mitra demo`, `mitra import suppliers`, `mitra shortlist`, `mitra db`."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.engine import Engine

from matcher.errors import MitraError, RequirementError, SheetError
from mitra.app import app, console, err_console, import_app
from mitra.commands.common import (
    DbOption,
    emit,
    fail,
    load_json_file,
    open_db,
    print_row_errors,
    shortlist_table,
)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    )


@import_app.command("suppliers")
def import_suppliers(
    file: Annotated[
        Path, typer.Argument(help="Supplier sheet, .csv or .xlsx (contract section 1).")
    ],
    db: DbOption = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help=(
                "Import the good rows; write bad rows with reasons beside FILE, to "
                "FILE.rejected.csv (e.g. pemasok.xlsx.rejected.csv; an earlier one is kept "
                "and the new one numbered: pemasok.xlsx.rejected-2.csv)."
            ),
        ),
    ] = False,
) -> None:
    """Import (or update) suppliers from a CSV or XLSX sheet. All or nothing by default."""
    from service.importer import import_suppliers as run_import

    if not file.exists():
        fail(f"file not found: {file}")
    if file.suffix.lower() not in (".csv", ".txt", ".xlsx", ".xlsm"):
        fail(f"{file.name}: a supplier sheet is a .csv or .xlsx file")
    engine = open_db(db)
    with _progress() as progress:
        checking = progress.add_task("Checking rows", total=None)
        writing = progress.add_task("Writing suppliers", total=None, start=False)

        def checked(done: int, total: int) -> None:
            progress.update(checking, completed=done, total=total)

        def written(done: int, total: int) -> None:
            progress.start_task(writing)
            progress.update(writing, completed=done, total=total)

        try:
            report = run_import(
                engine, file, skip_invalid=skip_invalid, progress=written, check_progress=checked
            )
        except SheetError as exc:
            progress.stop()
            print_row_errors(exc.errors)
            header_only = all(e.row == 1 for e in exc.errors)
            hint = (
                "fix the column names in row 1"
                if header_only
                else "fix the rows above, or use --skip-invalid to import the good rows"
            )
            fail(f"{exc} — {hint}.")
        except MitraError as exc:
            progress.stop()
            fail(str(exc))
        except OSError as exc:  # the rejected-rows file could not be written beside the sheet
            progress.stop()
            fail(f"cannot write the rejected rows beside {file}: {exc.strerror}; nothing imported")
    console.print(
        f"[green]Imported {report.imported} suppliers[/] "
        f"({report.created} new, {report.updated} updated)."
    )
    if report.rejected:
        print_row_errors(report.rejected)
        console.print(
            f"[yellow]{len({e.row for e in report.rejected})} rows skipped[/]; "
            f"written with reasons to {report.rejected_file}"
        )


NO_ELIGIBLE = {
    "en": "[yellow]No supplier of the {stored} stored passes the hard gates "
    "(required certificates, distance).[/] See why with --include-ineligible.",
    "id": "[yellow]Tidak ada dari {stored} pemasok tersimpan yang lolos syarat wajib "
    "(sertifikat wajib, jarak).[/] Lihat alasannya dengan --include-ineligible.",
}
NO_CONSORTIUM = {
    "en": "No consortium proposed: one supplier can serve this alone, or no group of "
    "eligible suppliers covers every process and the volume.",
    "id": "Tidak ada usulan konsorsium: satu pemasok sanggup sendiri, atau tidak ada kelompok "
    "pemasok yang lolos yang mencakup semua proses dan volumenya.",
}


@app.command("shortlist")
def shortlist(
    requirement_file: Annotated[
        Path, typer.Argument(help="Requirement JSON (contract section 2).")
    ],
    db: DbOption = None,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="How many suppliers.")] = 10,
    output_format: Annotated[
        str, typer.Option("--format", help="table or json.", case_sensitive=False)
    ] = "table",
    include_ineligible: Annotated[
        bool, typer.Option("--include-ineligible", help="Also list excluded suppliers, with why.")
    ] = False,
    consortia: Annotated[
        int, typer.Option("--consortia", min=0, max=20, help="Also propose up to N groups.")
    ] = 0,
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help="Table and consortium explanations in en or id (JSON stays English)."
        ),
    ] = "en",
) -> None:
    """Rank suppliers for a buyer's requirement and explain every rank."""
    from models.requirement import parse_requirement
    from service.shortlists import run_shortlist

    if output_format not in ("table", "json"):
        fail("--format must be 'table' or 'json'")
    if lang not in ("en", "id"):
        fail("--lang must be 'en' or 'id'")
    data = load_json_file(requirement_file)
    try:
        requirement = parse_requirement(data)
    except RequirementError as exc:
        fail(f"{requirement_file}: {exc}")
    engine = open_db(db)
    stored = supplier_count(engine)
    if stored == 0:
        fail(
            "this database has no suppliers yet: import a sheet first "
            "(mitra import suppliers FILE), or check the --db path"
        )
    document = run_shortlist(
        engine, requirement, top=top, include_ineligible=include_ineligible, consortia=consortia
    )
    if output_format == "json":
        emit(json.dumps(document, ensure_ascii=False, indent=2))
        return
    title = (
        f"{requirement.requirement_id} — {requirement.title or ', '.join(requirement.processes)}"
    )
    shown = document
    if lang == "id":
        from service.web.reason_texts import in_language  # the pages' wording; loads them too

        shown = in_language(document, "id")
    console.print(shortlist_table(shown, title, lang))
    if not any(r.get("eligible", True) for r in document["results"]):
        console.print(NO_ELIGIBLE[lang].format(stored=stored), soft_wrap=True)
    if consortia and not document.get("consortia"):
        console.print(NO_CONSORTIUM[lang], soft_wrap=True)
    _print_consortia(shown, lang)


def _volume(value: object, lang: str) -> str:
    if not isinstance(value, int | float):
        return "volume tidak disebutkan" if lang == "id" else "volume not given"
    if lang == "id":
        return f"{value:,.0f}/bulan".replace(",", ".")
    return f"{value:,.0f}/month"


def _print_consortia(document: dict[str, Any], lang: str = "en") -> None:
    """Each proposal on one line, then its `why` lines (already in `lang` in `document`)."""
    proposals = document.get("consortia") or []
    assert isinstance(proposals, list)
    heading, score = ("Konsorsium", "skor") if lang == "id" else ("Consortium", "score")
    for proposal in proposals:
        members = ", ".join(
            f"{m['supplier_id']} ({'/'.join(m['processes'])}, "
            f"{_volume(m.get('monthly_volume'), lang)})"
            for m in proposal["members"]
        )
        console.print(
            f"[bold]{heading} {proposal['rank']}[/] {score} {proposal['score']:.2f}: {members}"
        )
        for line in proposal.get("why", []):
            console.print(f"   • {line}")


def supplier_count(engine: Engine) -> int:
    from sqlalchemy import func, select
    from sqlmodel import Session

    from models import Supplier

    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(Supplier)).scalar() or 0)


DemoDbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="An EMPTY database to fill (default: a fresh ./mitra-demo.db, recreated each run).",
        show_default=False,
    ),
]


@app.command("demo")
def demo(
    db: DemoDbOption = None,
    top: Annotated[int, typer.Option("--top", min=1, max=50)] = 5,
) -> None:
    """Load the bundled sample suppliers into a fresh database; shortlist sample requirements."""
    from models.requirement import parse_requirement
    from service.db import forget_engines, resolve_url
    from service.importer import import_suppliers as run_import
    from service.shortlists import run_shortlist

    url = resolve_url(db or "mitra-demo.db")
    if url.startswith("sqlite:///") and db is None:
        forget_engines()
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    engine = open_db(url)
    if db is not None and supplier_count(engine) > 0:
        # The sample suppliers are fictitious: never mix them into an office's real data.
        fail(
            f"mitra demo needs an empty database, and {db} already holds suppliers; "
            "leave out --db to use a fresh ./mitra-demo.db"
        )
    data_dir = resources.files("mitra") / "data"
    sheet = Path(str(data_dir / "demo_suppliers.csv"))
    with _progress() as progress:
        task = progress.add_task("Importing sample suppliers", total=None)
        report = run_import(
            engine,
            sheet,
            actor="demo",
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    console.print(f"[green]{report.imported} sample suppliers loaded.[/]")
    requirements = json.loads((data_dir / "demo_requirements.json").read_text(encoding="utf-8"))
    for data in requirements:
        requirement = parse_requirement(data)
        document = run_shortlist(engine, requirement, top=top, consortia=2)
        title = f"{requirement.requirement_id} · {requirement.buyer} — {requirement.title}"
        console.print(shortlist_table(document, title))
        _print_consortia(document)
    console.print(
        "Next: [bold]mitra shortlist REQ.json --db mitra-demo.db[/], "
        "[bold]mitra serve --db mitra-demo.db[/]"
    )


db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the database or bring its schema to the newest version."""
    open_db(db)
    console.print("[green]Schema is up to date.[/]")
