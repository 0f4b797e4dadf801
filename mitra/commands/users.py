"""`mitra users create` and `mitra users list`: accounts for the HTTP service."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select
from sqlmodel import Session

from mitra.app import app, console, err_console
from mitra.commands.common import DbOption, fail, open_db

users_app = typer.Typer(help="Accounts for `mitra serve` (organizers, buyers, analysts).")
app.add_typer(users_app, name="users")


@users_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Account name, e.g. 'panitia-tegal' or 'astra'.")],
    role: Annotated[str, typer.Option("--role", help="organizer, buyer or analyst (required).")],
    organization: Annotated[
        str, typer.Option("--organization", "-o", help="Company or office, e.g. 'PT Astra'.")
    ] = "",
    db: DbOption = None,
) -> None:
    """Make an account and print its API key (shown this once only; keep it safe)."""
    from service.auth import AccountError, create_user

    engine = open_db(db)
    with Session(engine) as session:
        try:
            user, key = create_user(session, name, role, organization=organization, actor="cli")
        except AccountError as exc:
            fail(str(exc))
        session.commit()
        err_console.print(
            f"[green]Created {user.role} account '{user.name}' (id {user.id}).[/] "
            "Its API key, shown only now:"
        )
    # The key alone on stdout, so scripts can capture it: KEY=$(mitra users create ...)
    typer.echo(key)


@users_app.command("list")
def list_users(db: DbOption = None) -> None:
    """Every account: id, name, role, organization, whether it is active."""
    from models.user import User

    engine = open_db(db)
    with Session(engine) as session:
        users = list(session.execute(select(User).order_by(User.id)).scalars())  # type: ignore[arg-type]
    table = Table(title=f"{len(users)} accounts", title_justify="left")
    for column in ("id", "name", "role", "organization", "active"):
        table.add_column(column)
    for user in users:
        table.add_row(
            str(user.id),
            user.name,
            str(user.role),
            user.organization,
            "yes" if user.active else "no",
        )
    console.print(table)
