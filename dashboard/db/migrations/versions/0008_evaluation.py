"""Feedback survey results, kept only as counts per event, session, question and option

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # As in 0007: a backup made before this revision, restored over a newer database,
    # leaves this table in place under an older revision.
    if sa.inspect(op.get_bind()).has_table("evaluation_results"):
        return
    op.create_table(
        "evaluation_results",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("question_key", sa.String(length=120), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("scale", sa.String(length=20), nullable=False),
        sa.Column("option", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "scale IN ('agree5', 'grade6', 'yesno', 'responses')",
            name=op.f("ck_evaluation_results_scale"),
        ),
        sa.CheckConstraint("count >= 0", name=op.f("ck_evaluation_results_count")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_evaluation_results_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_evaluation_results_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_results")),
    )
    op.create_index(
        "ix_evaluation_results_event_id", "evaluation_results", ["event_id"], unique=False
    )
    # A whole-event result has no session: coalesce makes it count once per question and option.
    op.create_index(
        "uq_evaluation_results_natural",
        "evaluation_results",
        ["event_id", sa.text("coalesce(session_id, '')"), "question_key", "option"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_evaluation_results_natural", table_name="evaluation_results")
    op.drop_index("ix_evaluation_results_event_id", table_name="evaluation_results")
    op.drop_table("evaluation_results")
