"""Who created an organisation, and its name unique per creator in the database: two
sessions creating the same organisation at once get one organisation (the second
finds the first's). Rows from before have no creator and keep their names.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(sa.Column("created_by", sa.Integer, nullable=True))
        batch.create_index("ix_organizations_creator_name", ["created_by", "name"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("organizations") as batch:
        batch.drop_index("ix_organizations_creator_name")
        batch.drop_column("created_by")
