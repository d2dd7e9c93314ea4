"""review and decisions: the review of received submissions, the files a commune sent, the decisions it
received

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="submitted", nullable=False)
        )
        batch_op.add_column(sa.Column("results", sa.Text(), nullable=True))
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("overall", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_reviews_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    op.create_index(op.f("ix_reviews_submission_id"), "reviews", ["submission_id"], unique=False)
    op.create_table(
        "sent_files",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_sent_files_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_files")),
        sa.UniqueConstraint("assessment_id", "revision", name="uq_sent_files_assessment_revision"),
    )
    op.create_index(op.f("ix_sent_files_assessment_id"), "sent_files", ["assessment_id"], unique=False)
    op.create_index(op.f("ix_sent_files_file_sha256"), "sent_files", ["file_sha256"], unique=False)
    _sent_files_from_the_audit_log()
    op.create_table(
        "received_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("signed_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=True),
        sa.Column("signer_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_received_decisions_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_decisions")),
        sa.UniqueConstraint("signed_sha256", name=op.f("uq_received_decisions_signed_sha256")),
    )
    op.create_index(
        op.f("ix_received_decisions_assessment_id"), "received_decisions", ["assessment_id"], unique=False
    )


def _sent_files_from_the_audit_log() -> None:
    """Files sent before this revision are known from the audit log's export lines ("2 nop.pdf
    sha256:<hex>"): a decision on one of them can still be matched."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT assessment_id, new_value, at FROM audit_log WHERE action = 'export' ORDER BY id")
    ).all()
    seen: set[tuple[int, int]] = set()
    for assessment_id, value, at in rows:
        revision, _sep, rest = (value or "").partition(" ")
        name, _sep, digest = rest.rpartition(" sha256:")
        exists = conn.execute(
            sa.text("SELECT 1 FROM assessments WHERE id = :id"), {"id": assessment_id}
        ).first()
        if not revision.isdigit() or len(digest) != 64 or exists is None:
            continue
        key = (assessment_id, int(revision))
        if key in seen:
            continue
        seen.add(key)
        conn.execute(
            sa.text(
                "INSERT INTO sent_files (assessment_id, revision, file_sha256, file_name, sent_at) "
                "VALUES (:a, :r, :s, :n, :t)"
            ),
            {"a": assessment_id, "r": int(revision), "s": digest, "n": name[:255], "t": at},
        )


def downgrade() -> None:
    op.drop_table("received_decisions")
    op.drop_table("sent_files")
    op.drop_table("reviews")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("results")
        batch_op.drop_column("status")
