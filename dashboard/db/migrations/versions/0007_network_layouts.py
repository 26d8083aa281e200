"""The network layout of the newest data version, computed by the command line

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A PostgreSQL backup made before this revision drops and restores only its own tables:
    # restored over a newer database it leaves this one in place under revision 0006.
    if sa.inspect(op.get_bind()).has_table("network_layouts"):
        return
    op.create_table(
        "network_layouts",
        sa.Column("data_version", sa.String(length=120), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("code_version", sa.String(length=16), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("data_version", "actor_id", name=op.f("pk_network_layouts")),
    )


def downgrade() -> None:
    op.drop_table("network_layouts")
