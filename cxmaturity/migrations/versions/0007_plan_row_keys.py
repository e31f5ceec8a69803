"""A stable key per plan row: each row is changed on its own (only the fields that
changed, if they still hold what the editor started from), instead of the whole plan
being replaced. Rows from before get their id as key.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_items") as batch:
        batch.add_column(sa.Column("row_key", sa.String(32), nullable=True))
    op.execute("UPDATE plan_items SET row_key = CAST(id AS VARCHAR(32))")
    with op.batch_alter_table("plan_items") as batch:
        batch.alter_column("row_key", existing_type=sa.String(32), nullable=False)
        batch.create_index(
            "ix_plan_items_assessment_key", ["assessment_id", "row_key"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_items") as batch:
        batch.drop_index("ix_plan_items_assessment_key")
        batch.drop_column("row_key")
