"""installed catalogs: who published a catalog in the library, under which decision, and how it was checked

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_library", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("publisher", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("publisher_fingerprint", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("number", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("file_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("catalog_library", schema=None) as batch_op:
        for name in ("file_sha256", "published_at", "number", "publisher_fingerprint", "publisher", "status"):
            batch_op.drop_column(name)
