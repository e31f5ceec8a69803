"""Workshop modes: ``anonymous`` (nobody, not even the facilitator, sees one person's
answers; replaces ``allow_anonymous``, which only made the name optional: a workshop
that allowed anonymous names becomes anonymous, the more private reading) and
``hide_results`` with the items already ``revealed`` on the presenter view.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.alter_column("allow_anonymous", new_column_name="anonymous", existing_type=sa.Boolean)
        batch.add_column(
            sa.Column("hide_results", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("revealed", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("revealed")
        batch.drop_column("hide_results")
        batch.alter_column("anonymous", new_column_name="allow_anonymous", existing_type=sa.Boolean)
