"""The consensus of a workshop: the organisation's assessment agreed from a live one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite cannot add a foreign key in place (the table is copied).
    with op.batch_alter_table("workshop_assessments") as batch:
        batch.add_column(sa.Column("consensus_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_workshop_assessments_consensus",
            "assessments",
            ["consensus_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("workshop_assessments") as batch:
        batch.drop_constraint("fk_workshop_assessments_consensus", type_="foreignkey")
        batch.drop_column("consensus_id")
