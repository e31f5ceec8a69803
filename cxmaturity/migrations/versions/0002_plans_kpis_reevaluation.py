"""Initiatives plans, KPI values, and the link from a re-evaluation to the previous one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite cannot add a foreign key in place, so the table is copied
    # (rows included) into its new shape.
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("previous_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_assessments_previous", "assessments", ["previous_id"], ["id"], ondelete="SET NULL"
        )
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("capability", sa.String(100), nullable=False),
        sa.Column("suggestion", sa.Integer, nullable=True),
        sa.Column("initiative", sa.Text, nullable=True),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "kpis",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.UniqueConstraint("assessment_id", "name"),
    )


def downgrade() -> None:
    op.drop_table("kpis")
    op.drop_table("plan_items")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_constraint("fk_assessments_previous", type_="foreignkey")
        batch.drop_column("previous_id")
