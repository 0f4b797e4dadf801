"""requirement ids are unique per buyer, not across buyers; merges 0002 and 0003

Revision ID: 0004
Revises: 0002, 0003
Create Date: 2026-11-23 16:30:00

A buyer choosing an id another buyer already uses must get the same answer as for a fresh id
(a 409 would tell it the id exists). So `requirement` is unique on (owner_id, requirement_id),
and an organizer's forced entries belong to one buyer's requirement (`owner_id` added to
`shortlist_override`, filled from the requirement it was made for).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None

OVERRIDE_COLUMNS = "requirement_id, supplier_id, mode, reason, actor, at"
PER_BUYER_CONSTRAINT = "uq_shortlist_override_owner_requirement_supplier"
ACROSS_CONSTRAINT = "uq_shortlist_override_requirement_supplier"


def _override_table(name: str, *, per_buyer: bool) -> None:
    if per_buyer:
        unique = sa.UniqueConstraint(
            "owner_id", "requirement_id", "supplier_id", name=PER_BUYER_CONSTRAINT
        )
    else:
        unique = sa.UniqueConstraint("requirement_id", "supplier_id", name=ACROSS_CONSTRAINT)
    columns = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requirement_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("supplier_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    ]
    if per_buyer:
        columns.append(sa.Column("owner_id", sa.Integer(), nullable=True))
    op.create_table(
        name,
        *columns,
        sa.PrimaryKeyConstraint("id"),
        unique,
    )


def upgrade() -> None:
    op.drop_index("ix_requirement_requirement_id", table_name="requirement")
    op.create_index("ix_requirement_requirement_id", "requirement", ["requirement_id"])
    op.create_index(
        "uq_requirement_owner_requirement",
        "requirement",
        ["owner_id", "requirement_id"],
        unique=True,
    )
    # The old table's unique constraint has no name SQLite could drop, so the table is rebuilt.
    _override_table("shortlist_override_next", per_buyer=True)
    op.execute(
        f"INSERT INTO shortlist_override_next (id, {OVERRIDE_COLUMNS}, owner_id) "
        f"SELECT o.id, {', '.join('o.' + c.strip() for c in OVERRIDE_COLUMNS.split(','))}, "
        "(SELECT r.owner_id FROM requirement r WHERE r.requirement_id = o.requirement_id) "
        "FROM shortlist_override o"
    )
    op.drop_index("ix_shortlist_override_requirement_id", table_name="shortlist_override")
    op.drop_table("shortlist_override")
    op.rename_table("shortlist_override_next", "shortlist_override")
    op.create_index(
        "ix_shortlist_override_requirement_id", "shortlist_override", ["requirement_id"]
    )
    op.create_index("ix_shortlist_override_owner_id", "shortlist_override", ["owner_id"])
    _restart_ids("shortlist_override")


def _restart_ids(table: str) -> None:
    """PostgreSQL: the id sequence keeps counting after the rows copied into the new table."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
    )


def downgrade() -> None:
    """Back to one id across buyers; fails if two buyers now share an id (rename one first)."""
    op.drop_index("ix_shortlist_override_owner_id", table_name="shortlist_override")
    op.drop_index("ix_shortlist_override_requirement_id", table_name="shortlist_override")
    _override_table("shortlist_override_prev", per_buyer=False)
    op.execute(
        f"INSERT INTO shortlist_override_prev (id, {OVERRIDE_COLUMNS}) "
        f"SELECT id, {OVERRIDE_COLUMNS} FROM shortlist_override"
    )
    op.drop_table("shortlist_override")
    op.rename_table("shortlist_override_prev", "shortlist_override")
    op.create_index(
        "ix_shortlist_override_requirement_id", "shortlist_override", ["requirement_id"]
    )
    _restart_ids("shortlist_override")
    op.drop_index("uq_requirement_owner_requirement", table_name="requirement")
    op.drop_index("ix_requirement_requirement_id", table_name="requirement")
    op.create_index("ix_requirement_requirement_id", "requirement", ["requirement_id"], unique=True)
