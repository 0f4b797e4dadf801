"""`mitra weights list|show|create|copy|edit|diff|activate|learn`: versioned weights profiles.

A profile is named `NAME` (its newest version) or `NAME:VERSION`.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import Session

from matcher.errors import MitraError
from matcher.profile import FEATURE_NAMES, WeightsProfile
from mitra.app import app, console
from mitra.commands.common import DbOption, emit, fail, load_json_file, open_db

weights_app = typer.Typer(
    help="Weights profiles: list, show, create, copy, edit, diff, activate, learn from outcomes.",
    no_args_is_help=True,
)
app.add_typer(weights_app, name="weights")

SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="A weight as feature=number, e.g. --set capability=0.4 (repeat)."),
]
DescriptionOption = Annotated[str | None, typer.Option("--description", help="What it is for.")]


def actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in some containers
        return "cli"


def split_ref(ref: str) -> tuple[str, int | None]:
    """`dekat` → (dekat, None); `dekat:3` → (dekat, 3)."""
    name, sep, version = ref.rpartition(":")
    if not sep:
        return ref, None
    if not version.isdigit() or int(version) < 1:
        fail(f"'{ref}': write a profile as NAME or NAME:VERSION, e.g. default:1")
    return name, int(version)


@contextmanager
def profiles_session(db: str | None) -> Iterator[Session]:
    """A session on the database; any ProfileError or other user error becomes exit code 2."""
    engine = open_db(db, quiet=True)
    with Session(engine) as session:
        try:
            yield session
        except MitraError as exc:
            session.rollback()
            fail(str(exc))


def load_ref(session: Session, ref: str) -> WeightsProfile:
    from service.profiles import get_profile

    name, version = split_ref(ref)
    return get_profile(session, name, version)


def weights_table(profile: WeightsProfile, title: str = "") -> Table:
    total = sum(profile.weights.values())
    table = Table(title=title or f"{profile.name} v{profile.version}", title_justify="left")
    table.add_column("Feature")
    table.add_column("Weight", justify="right")
    table.add_column("Share", justify="right")
    for feature in FEATURE_NAMES:
        weight = profile.weight(feature)
        table.add_row(feature, f"{weight:.3f}", f"{weight / total:.0%}" if total else "-")
    table.add_row("[bold]sum[/]", f"[bold]{total:.3f}[/]", "")
    return table


def _settings(settings: list[str] | None) -> dict[str, float]:
    from service.profiles import parse_weight_settings

    return parse_weight_settings(settings or [])


@weights_app.command("list")
def list_command(db: DbOption = None) -> None:
    """Every stored profile version; the active one is marked."""
    from service.profiles import list_profiles

    with profiles_session(db) as session:
        rows = list_profiles(session)
    table = Table(title_justify="left")
    for column in ("Profile", "Version", "Active", "Sum", "Created by", "Description"):
        table.add_column(column)
    if not any(row.active for row in rows):
        default = WeightsProfile.load_default()
        table.add_row(
            default.name,
            str(default.version),
            "yes (bundled)",
            f"{sum(default.weights.values()):.3f}",
            "",
            default.description,
        )
    for row in rows:
        table.add_row(
            row.name,
            str(row.version),
            "yes" if row.active else "",
            f"{sum(row.weights.values()):.3f}",
            row.created_by,
            row.description,
        )
    console.print(table)


@weights_app.command("show")
def show_command(
    profile: Annotated[str, typer.Argument(help="NAME or NAME:VERSION.")],
    db: DbOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The weights of one profile version, with their sum."""
    with profiles_session(db) as session:
        chosen = load_ref(session, profile)
    if output_format == "json":
        emit(json.dumps(chosen.to_json(), indent=2, ensure_ascii=False))
    elif output_format == "table":
        console.print(weights_table(chosen))
        if chosen.description:
            console.print(chosen.description)
    else:
        fail("--format must be 'table' or 'json'")


@weights_app.command("create")
def create_command(
    name: Annotated[str, typer.Argument(help="New profile name.")],
    db: DbOption = None,
    settings: SetOption = None,
    from_file: Annotated[
        Path | None, typer.Option("--file", help="Profile JSON with a 'weights' object.")
    ] = None,
    description: DescriptionOption = None,
) -> None:
    """Create a profile (version 1) from --set weights or a JSON file."""
    from service.profiles import create_profile

    weights: dict[str, float] = {}
    if from_file is not None:
        data = load_json_file(from_file)
        if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
            fail(f"{from_file}: expected a JSON object with a 'weights' object")
        weights = dict(data["weights"])
        description = description or str(data.get("description", ""))
    with profiles_session(db) as session:
        weights |= _settings(settings)
        if not weights:
            fail("give the weights with --set feature=number (or --file profile.json)")
        saved = create_profile(session, name, weights, description=description or "", actor=actor())
    console.print(weights_table(saved, f"Saved {saved.name} v{saved.version}"))


@weights_app.command("copy")
def copy_command(
    source: Annotated[str, typer.Argument(help="NAME or NAME:VERSION to copy.")],
    new_name: Annotated[str, typer.Argument(help="Name of the new profile.")],
    db: DbOption = None,
) -> None:
    """Start a new profile from an existing one's weights."""
    from service.profiles import copy_profile

    name, version = split_ref(source)
    with profiles_session(db) as session:
        saved = copy_profile(session, name, new_name, version=version, actor=actor())
    console.print(f"[green]Saved {saved.name} v{saved.version}[/] (copy of {source}).")


@weights_app.command("edit")
def edit_command(
    name: Annotated[str, typer.Argument(help="Profile to change (a new version is saved).")],
    db: DbOption = None,
    settings: SetOption = None,
    description: DescriptionOption = None,
) -> None:
    """Change some weights; saved as the next version, earlier versions stay as they were."""
    from service.profiles import diff_profiles, edit_profile, get_profile

    with profiles_session(db) as session:
        changes = _settings(settings)
        if not changes and description is None:
            fail("nothing to change: give --set feature=number or --description")
        before = get_profile(session, name)
        saved = edit_profile(session, name, changes, description=description, actor=actor())
    console.print(_diff_table(before, saved, diff_profiles(before, saved)))


def _diff_table(a: WeightsProfile, b: WeightsProfile, changes: list) -> Table:  # type: ignore[type-arg]
    table = Table(title=f"{a.name} v{a.version} → {b.name} v{b.version}", title_justify="left")
    for column in ("Feature", f"{a.name} v{a.version}", f"{b.name} v{b.version}", "Change"):
        table.add_column(column, justify="left" if column == "Feature" else "right")
    for change in changes:
        delta = round(change.change, 3) + 0.0  # + 0.0 turns -0.0 into 0.0
        style = "green" if delta > 0 else "red" if delta < 0 else "dim"
        table.add_row(
            change.feature,
            f"{change.before:.3f}",
            f"{change.after:.3f}",
            f"[{style}]{delta:+.3f}[/]",
        )
    return table


@weights_app.command("diff")
def diff_command(
    first: Annotated[str, typer.Argument(help="NAME or NAME:VERSION.")],
    second: Annotated[str, typer.Argument(help="NAME or NAME:VERSION.")],
    db: DbOption = None,
) -> None:
    """Weights of two profile versions side by side."""
    from service.profiles import diff_profiles

    with profiles_session(db) as session:
        a, b = load_ref(session, first), load_ref(session, second)
    console.print(_diff_table(a, b, diff_profiles(a, b)))


@weights_app.command("activate")
def activate_command(
    profile: Annotated[str, typer.Argument(help="NAME or NAME:VERSION.")],
    db: DbOption = None,
) -> None:
    """Make this version the one every new shortlist uses."""
    from service.profiles import activate_profile

    name, version = split_ref(profile)
    with profiles_session(db) as session:
        chosen = activate_profile(session, name, version, actor=actor())
    console.print(f"[green]Active profile: {chosen.name} v{chosen.version}[/]")


from mitra.commands import evaluation as _evaluation  # noqa: E402,F401  (registers its commands)
