"""the reviewer's trust list (roots, officers registered for units) and catalog library

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


def downgrade() -> None:
    op.drop_table("catalog_library")
    op.drop_table("certificate_units")
    op.drop_table("trusted_certificates")
