"""the certificate each submission's trust rested on when it was received (the root its signer's chain
ended at, or the signer's own registered certificate), so that removing a trusted certificate later flags
only the lines that rested on it

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trust_anchor", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("trust_anchor")
