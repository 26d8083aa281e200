"""Actor aliases and remembered list mappings for the registration-list import

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor_aliases",
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name=op.f("fk_actor_aliases_actor_id_actors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alias", name=op.f("pk_actor_aliases")),
    )
    op.create_index("ix_actor_aliases_actor_id", "actor_aliases", ["actor_id"], unique=False)
    op.create_table(
        "list_mappings",
        sa.Column("header_key", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("user_name", sa.String(length=120), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("header_key", name=op.f("pk_list_mappings")),
    )


def downgrade() -> None:
    op.drop_table("list_mappings")
    op.drop_index("ix_actor_aliases_actor_id", table_name="actor_aliases")
    op.drop_table("actor_aliases")
