"""The KPI catalogue's ids and plans that name initiatives by id.

KPI values were stored under five fixed names; the KPI catalogue
(``assessments/kpis.yaml``) names them with slugs, so two stored names change:
``fcr`` -> ``first-contact-resolution`` and ``cost_per_contact`` ->
``cost-per-contact``.

A plan item's ``suggestion`` was the position (1-based) of a suggested initiative in
its capability; it is now the initiative's id (text). A stored position ``n`` becomes
``<capability>-<n>``, the id the questionnaire format gives an initiative by position,
which the grid still resolves to the n-th suggestion (``Capability.initiative``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

RENAMED = {"fcr": "first-contact-resolution", "cost_per_contact": "cost-per-contact"}


def upgrade() -> None:
    kpis = sa.table("kpis", sa.column("name", sa.String))
    for old, new in RENAMED.items():
        op.execute(kpis.update().where(kpis.c.name == old).values(name=new))
    with op.batch_alter_table("plan_items") as batch:
        batch.add_column(sa.Column("suggestion_id", sa.String(100), nullable=True))
    items = sa.table(
        "plan_items",
        sa.column("capability", sa.String),
        sa.column("suggestion", sa.Integer),
        sa.column("suggestion_id", sa.String),
    )
    op.execute(
        items.update()
        .where(items.c.suggestion.is_not(None))
        .values(suggestion_id=items.c.capability + "-" + sa.cast(items.c.suggestion, sa.String))
    )
    with op.batch_alter_table("plan_items") as batch:
        batch.drop_column("suggestion")
        batch.alter_column("suggestion_id", new_column_name="suggestion")


def downgrade() -> None:
    kpis = sa.table("kpis", sa.column("name", sa.String))
    for old, new in RENAMED.items():
        op.execute(kpis.update().where(kpis.c.name == new).values(name=old))
    # A position cannot be recovered from an id in portable SQL: the linked items keep
    # the initiative's id as their own text (JSON, as the initiative column holds it),
    # so that nothing a team planned is lost.
    items = sa.table(
        "plan_items", sa.column("suggestion", sa.String), sa.column("initiative", sa.Text)
    )
    op.execute(
        items.update()
        .where(items.c.suggestion.is_not(None))
        .values(initiative='"' + items.c.suggestion + '"')
    )
    with op.batch_alter_table("plan_items") as batch:
        batch.drop_column("suggestion")
        batch.add_column(sa.Column("suggestion", sa.Integer, nullable=True))
