"""`mitra users create|list|password|deactivate|activate`: accounts for the HTTP service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from sqlalchemy import select
from sqlmodel import Session, col

from mitra.app import app, console, err_console
from mitra.commands.common import DbOption, fail, open_db

if TYPE_CHECKING:
    from models.user import User

users_app = typer.Typer(help="Accounts for `mitra serve` (organizers, buyers, analysts).")
app.add_typer(users_app, name="users")


@users_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="Account name, e.g. 'panitia-tegal' or 'astra'.")],
    role: Annotated[str, typer.Option("--role", help="organizer, buyer or analyst (required).")],
    organization: Annotated[
        str, typer.Option("--organization", "-o", help="Company or office, e.g. 'PT Astra'.")
    ] = "",
    password: Annotated[
        bool,
        typer.Option(
            "--password", help="Also ask for a password, to sign in by name and password."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Make an account and print its API key (shown this once only; keep it safe)."""
    from service.auth import AccountError, create_user

    chosen = _ask_password(name) if password else None
    engine = open_db(db)
    with Session(engine) as session:
        try:
            user, key = create_user(
                session, name, role, organization=organization, actor="cli", password=chosen
            )
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
    for column in ("id", "name", "role", "organization", "active", "password"):
        table.add_column(column)
    for user in users:
        table.add_row(
            str(user.id),
            user.name,
            str(user.role),
            user.organization,
            "yes" if user.active else "no",
            "yes" if user.has_password else "no",
        )
    console.print(table)


@users_app.command("password")
def password(
    name: Annotated[str, typer.Argument(help="The account whose password to set.")],
    remove: Annotated[
        bool, typer.Option("--remove", help="Remove the password: API keys only from now on.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Set (or remove) an account's password; the account's sign-in tokens stop working."""
    from service.auth import AccountError, set_password

    chosen = None if remove else _ask_password(name)
    engine = open_db(db)
    with Session(engine) as session:
        user = _find(session, name)
        try:
            set_password(session, user, chosen, actor="cli")
        except AccountError as exc:
            fail(str(exc))
        session.commit()
    done = "removed" if remove else "set"
    err_console.print(f"[green]Password {done} for '{name}'.[/] Its sign-in tokens were ended.")


@users_app.command("deactivate")
def deactivate(
    name: Annotated[str, typer.Argument(help="The account to switch off.")],
    db: DbOption = None,
) -> None:
    """Switch an account off: its API keys and sign-in tokens stop working, its data stays."""
    _switch(name, False, db)


@users_app.command("activate")
def activate(
    name: Annotated[str, typer.Argument(help="The account to switch back on.")],
    db: DbOption = None,
) -> None:
    """Switch an account back on (its API keys work again; tokens need a new sign-in)."""
    _switch(name, True, db)


def _switch(name: str, active: bool, db: str | None) -> None:
    from service.auth import set_active

    engine = open_db(db)
    with Session(engine) as session:
        set_active(session, _find(session, name), active, actor="cli")
        session.commit()
    err_console.print(f"[green]Account '{name}' is now {'on' if active else 'off'}.[/]")


def _find(session: Session, name: str) -> User:
    from models.user import User

    user: User | None = session.execute(select(User).where(col(User.name) == name.strip())).scalar()
    if user is None:
        fail(f"no account named '{name}'; see `mitra users list`")
    return user


def _ask_password(name: str) -> str:
    """A password typed twice without showing it, checked before anything is stored."""
    from models.user import password_problem

    # Prompts go to stderr: stdout carries only the new API key, for scripts to capture.
    chosen: str = typer.prompt(
        f"Password for '{name}'", hide_input=True, confirmation_prompt=True, err=True
    )
    if problem := password_problem(chosen, name):
        fail(problem)
    return chosen
