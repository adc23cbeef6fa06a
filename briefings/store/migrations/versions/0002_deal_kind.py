"""deals.kind: what a deal supplies, so grouping compares a field, not the display subject

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 07:00:00

Only adds a column; rows tracked before it get their kind from the subject they were shown
with, once, here.
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='capacity',
                                      nullable=False))
    op.execute("UPDATE deals SET kind = CASE "
               "WHEN subject = 'memory supply' THEN 'memory' "
               "WHEN subject = 'chip manufacturing' THEN 'manufacturing' "
               "WHEN subject LIKE '% chips%' THEN 'chips' ELSE 'capacity' END")


def downgrade() -> None:
    with op.batch_alter_table('deals', schema=None) as batch_op:
        batch_op.drop_column('kind')
