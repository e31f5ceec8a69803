"""Workshops open for days, second votes and groups.

``closes_on``: a workshop open for a chosen period (asynchronous, for people who were
not in the room) until the end of that day; empty for a live session that stays open
until the facilitator closes it (every workshop before this revision).

``second_vote``: the items the facilitator opened for a second vote after the
discussion (item keys, as ``revealed``); ``first_votes`` keeps each participant's
answer to those items as it was when the second vote opened (the same columns as
``responses``), for the report's first and second vote.

``groups``: the groups a workshop's participants belong to (a JSON list of names,
``[]`` for none), and each participant's ``group_name`` (``""``: none chosen).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("closes_on", sa.Date, nullable=True))
        batch.add_column(sa.Column("second_vote", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("groups", sa.Text, nullable=False, server_default="[]"))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("group_name", sa.String(60), nullable=False, server_default=""))
    op.create_table(
        "first_votes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("respondent", sa.String(300), nullable=False),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("choice", sa.String(100), nullable=True),
        sa.Column("current", sa.String(10), nullable=True),
        sa.Column("ideal", sa.String(10), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.UniqueConstraint("assessment_id", "respondent", "item_id"),
    )


def downgrade() -> None:
    op.drop_table("first_votes")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("group_name")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("groups")
        batch.drop_column("second_vote")
        batch.drop_column("closes_on")
