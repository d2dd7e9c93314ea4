"""the reviewer's side: trust list, catalog library, received submissions and their evidence

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_certificates",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_trusted_certificates")),
    )
    op.create_table(
        "certificate_units",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("unit_code", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["fingerprint"],
            ["trusted_certificates.fingerprint"],
            name=op.f("fk_certificate_units_fingerprint_trusted_certificates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fingerprint", "unit_code", name=op.f("pk_certificate_units")),
    )
    op.create_table(
        "catalog_library",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["catalogs.sha256"], name=op.f("fk_catalog_library_sha256_catalogs")
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_catalog_library")),
    )

    op.create_table(
        "submission_slots",
        sa.Column("unit_scheme", sa.String(length=8), nullable=False),
        sa.Column("unit_code", sa.String(length=16), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("catalog_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("signed_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint(
            "unit_scheme", "unit_code", "period", "catalog_id", "revision", name=op.f("pk_submission_slots")
        ),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("signed_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_size", sa.BigInteger(), nullable=False),
        sa.Column("unit_scheme", sa.String(length=8), nullable=False),
        sa.Column("unit_code", sa.String(length=16), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("catalog_id", sa.String(length=64), nullable=False),
        sa.Column("catalog_sha256", sa.String(length=64), nullable=False),
        sa.Column("horizon", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("conflict", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=True),
        sa.Column("signer_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("score_matches", sa.Boolean(), nullable=False),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("sent_percent", sa.Float(), nullable=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_sha256"], ["catalogs.sha256"], name=op.f("fk_submissions_catalog_sha256_catalogs")
        ),
        sa.ForeignKeyConstraint(
            ["unit_scheme", "unit_code"], ["units.scheme", "units.code"], name="fk_submissions_unit_units"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions")),
        sa.UniqueConstraint("signed_sha256", name=op.f("uq_submissions_signed_sha256")),
    )
    op.create_index(op.f("ix_submissions_file_sha256"), "submissions", ["file_sha256"], unique=False)
    op.create_index(
        "ix_submissions_filed",
        "submissions",
        ["unit_scheme", "unit_code", "period", "catalog_id", "revision"],
        unique=False,
    )
    op.create_table(
        "submission_evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=32), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_sha256"],
            ["evidence_files.sha256"],
            name=op.f("fk_submission_evidence_file_sha256_evidence_files"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submission_evidence_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_evidence")),
    )
    op.create_index(
        op.f("ix_submission_evidence_submission_id"), "submission_evidence", ["submission_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("submission_evidence")
    op.drop_index("ix_submissions_filed", table_name="submissions")
    op.drop_index(op.f("ix_submissions_file_sha256"), table_name="submissions")
    op.drop_table("submissions")
    op.drop_table("submission_slots")
    op.drop_table("catalog_library")
    op.drop_table("certificate_units")
    op.drop_table("trusted_certificates")
