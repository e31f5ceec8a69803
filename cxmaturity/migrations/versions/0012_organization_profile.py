"""An organisation's sector and size: the portfolio's filters and the benchmark's
peer group. Both optional (empty for every organisation stored before).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(sa.Column("sector", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("size", sa.String(20), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("organizations") as batch:
        batch.drop_column("size")
        batch.drop_column("sector")
