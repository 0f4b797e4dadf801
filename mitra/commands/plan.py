"""`mitra event plan`: shortlists → meeting requests → event JSON (contract section 5)."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import select
from sqlmodel import Session

from matcher.errors import MitraError, RequirementError
from mitra.app import console, event_app
from mitra.commands.common import DbOption, fail, load_json_file, open_db


def parse_sessions(text: str, day: date) -> list[Any]:
    """`am=09:00x9,pm=13:00x9` → sessions of 9 slots starting 09:00 and 13:00."""
    from scheduler.plan import SessionSpec

    sessions = []
    for part in text.split(","):
        try:
            label, rest = part.strip().split("=")
            start, count = rest.split("x")
            hour, minute = (int(x) for x in start.split(":"))
            begin = datetime(day.year, day.month, day.day, hour, minute)
            sessions.append(SessionSpec(label.strip(), begin, int(count)))
        except ValueError:
            fail(f"--sessions: cannot read {part!r}; write it like am=09:00x9,pm=13:00x9")
    return sessions


def read_decisions(path: Path) -> list[Any]:
    """CSV with buyer,supplier_id,action,by,why[,priority]; action is request|force_in|force_out."""
    from scheduler.plan import Decision

    decisions = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            action = (row.get("action") or "request").strip()
            if action not in ("request", "force_in", "force_out"):
                fail(
                    f"{path} row {number}, column action: {action!r} is not "
                    "request, force_in or force_out"
                )
            if not (row.get("buyer") and row.get("supplier_id") and row.get("by")):
                fail(f"{path} row {number}: buyer, supplier_id and by are required")
            try:
                priority = float(row.get("priority") or 1.0)
            except ValueError:
                fail(f"{path} row {number}, column priority: {row['priority']!r} is not a number")
            decisions.append(
                Decision(
                    row["buyer"].strip(),
                    row["supplier_id"].strip(),
                    row["by"].strip(),
                    (row.get("why") or "").strip(),
                    action,
                    priority,
                )
            )
    return decisions


def load_requirements(paths: list[Path]) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for path in paths:
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for file in files:
            data = load_json_file(file)
            documents.extend(data if isinstance(data, list) else [data])
    return documents


@event_app.command("plan")
def plan(
    requirements: Annotated[
        list[Path],
        typer.Argument(help="Requirement JSON files or folders (a file may hold a list)."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the event JSON.")],
    db: DbOption = None,
    event_id: Annotated[str, typer.Option("--event-id")] = "temu-bisnis",
    day: Annotated[
        str,
        typer.Option(
            "--date",
            help="Event day, YYYY-MM-DD (required: every agenda prints it).",
            metavar="YYYY-MM-DD",
            show_default=False,
        ),
    ] = "",
    sessions: Annotated[
        str, typer.Option("--sessions", help="label=HH:MMxSLOTS, comma-separated.")
    ] = "am=09:00x9,pm=13:00x9",
    slot_minutes: Annotated[int, typer.Option("--slot-minutes", min=5, max=240)] = 20,
    tables: Annotated[int, typer.Option("--tables", min=1, max=1000)] = 25,
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=100)] = 5,
    max_per_supplier: Annotated[int, typer.Option("--max-per-supplier", min=1)] = 6,
    max_per_buyer: Annotated[int, typer.Option("--max-per-buyer", min=0, help="0: no cap")] = 0,
    fairness: Annotated[int, typer.Option("--fairness", min=0)] = 2,
    one_table_per_buyer: Annotated[bool, typer.Option("--one-table-per-buyer")] = False,
    decisions: Annotated[
        Path | None, typer.Option("--decisions", help="CSV of requests added or forced by hand.")
    ] = None,
    consortia: Annotated[
        int,
        typer.Option(
            "--consortia",
            min=0,
            max=10,
            help="Invite up to N consortium proposals per requirement, each as one meeting of "
            "the buyer and every member (only where no single supplier can serve it).",
        ),
    ] = 0,
) -> None:
    """Build meeting requests from each buyer's shortlist and write the event JSON."""
    from models import Supplier
    from models.requirement import parse_requirement
    from scheduler.plan import BuyerShortlist, PlanSettings, build_event
    from service.shortlists import run_shortlist

    # No default: today's date would end up on the agendas of an event planned days ahead, and
    # requirement files carry no event day (needed_by is a delivery date).
    if not day:
        fail("give the event day with --date, for example --date 2027-03-10")
    try:
        event_day = date.fromisoformat(day)
    except ValueError:
        fail(f"--date: {day!r} is not a date; write it as YYYY-MM-DD, for example 2027-03-10")
    settings = PlanSettings(
        event_id=event_id,
        sessions=tuple(parse_sessions(sessions, event_day)),
        slot_minutes=slot_minutes,
        tables=tables,
        top_k=top_k,
        max_per_supplier=max_per_supplier,
        max_per_buyer=max_per_buyer or None,
        fairness=fairness,
        one_table_per_buyer=one_table_per_buyer,
    )
    engine = open_db(db)
    shortlists = []
    for data in load_requirements(requirements):
        try:
            requirement = parse_requirement(data)
        except RequirementError as exc:
            fail(f"requirement {data.get('requirement_id', '?')}: {exc}")
        document = run_shortlist(engine, requirement, top=top_k, consortia=consortia)
        buyer = requirement.buyer or requirement.requirement_id
        shortlists.append(BuyerShortlist(buyer, requirement.requirement_id, document))
    with Session(engine) as session:
        suppliers = {
            s.supplier_id: {"name": s.name, "regency": s.regency, "products": s.products}
            for s in session.execute(select(Supplier)).scalars()
        }
    try:
        event = build_event(
            settings,
            shortlists,
            suppliers,
            read_decisions(decisions) if decisions else [],
            consortia=consortia,
        )
    except MitraError as exc:
        fail(str(exc))
    out.write_text(json.dumps(event, ensure_ascii=False, indent=2), encoding="utf-8")
    buyers = sum(1 for p in event["participants"] if p["role"] == "buyer")
    groups = sum(1 for m in event["meetings"] if len(m["participants"]) > 2)
    console.print(
        f"[green]Wrote {out}[/]: {buyers} buyers, {len(event['participants']) - buyers} suppliers, "
        f"{len(event['meetings'])} meeting requests"
        + (f" ({groups} with a consortium)" if groups else "")
        + f", {len(event['slots'])} slots × {tables} tables."
    )
