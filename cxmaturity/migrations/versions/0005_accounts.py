"""Accounts and access: accounts, memberships (rights per organisation), server-side
sign-in sessions and their single-use tickets, server secrets shared by every app
process, the first admin (one row), the audit log, attempt limits (counted atomically; they replace
join_attempts), organisation names unique per owner instead of per server, and random
public ids for the rows that appear in links.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PUBLIC = ("organizations", "assessments", "workshops")


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "organization_id",
            sa.Integer,
            sa.ForeignKey("organizations.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("access", sa.String(10), nullable=False),
        sa.UniqueConstraint("organization_id", "account_id"),
    )
    op.create_table(
        "sign_in_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "sign_in_tickets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ticket_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.create_table(
        "first_admin",
        sa.Column("id", sa.Integer, primary_key=True),  # always 1: "first" is one row
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=True,
        ),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("target", sa.String(400), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_table(
        "attempt_limits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("key", sa.String(320), nullable=False),
        sa.Column("window_start", sa.DateTime, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.UniqueConstraint("scope", "key"),
    )
    op.drop_table("join_attempts")  # replaced by attempt_limits (atomic counting)
    _names_unique_per_owner()
    for table in PUBLIC:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("public_id", sa.String(32), nullable=True))
        rows = sa.table(table, sa.column("id", sa.Integer), sa.column("public_id", sa.String))
        connection = op.get_bind()
        for (row_id,) in connection.execute(sa.select(rows.c.id)).all():
            connection.execute(
                rows.update().where(rows.c.id == row_id).values(public_id=secrets.token_hex(16))
            )
        with op.batch_alter_table(table) as batch:
            batch.alter_column("public_id", existing_type=sa.String(32), nullable=False)
            batch.create_unique_constraint(f"uq_{table}_public_id", ["public_id"])


def _names_unique_per_owner() -> None:
    """Organisation names were unique on the whole server; now two owners may each have
    an "Acme" (and neither learns that the other exists)."""
    if op.get_bind().dialect.name == "sqlite":
        convention = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
        with op.batch_alter_table("organizations", naming_convention=convention) as batch:
            batch.drop_constraint("uq_organizations_name", type_="unique")
    else:
        op.drop_constraint("organizations_name_key", "organizations", type_="unique")
    op.create_index("ix_organizations_name", "organizations", ["name"])


def downgrade() -> None:
    for table in PUBLIC:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_public_id", type_="unique")
            batch.drop_column("public_id")
    for table in ("attempt_limits", "audit_log", "first_admin", "server_secrets",
                  "sign_in_tickets", "sign_in_sessions", "memberships", "accounts"):  # fmt: skip
        op.drop_table(table)
    op.create_table(
        "join_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("client", sa.String(100), nullable=False, index=True),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
    )
    op.drop_index("ix_organizations_name", "organizations")
    with op.batch_alter_table("organizations") as batch:
        batch.create_unique_constraint("organizations_name_key", ["name"])
