"""slack_notices: what the clock found wrong on the Slack side (a token Slack refuses, a channel
the bot cannot read), so `status`, `/healthz` and App Home in other processes can say so; and
outbox.uncertain_since, where the lookup of an uncertain send starts searching

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'slack_notices',
        sa.Column('subject', sa.String(length=100), nullable=False),
        sa.Column('problem', sa.Text(), nullable=False),
        sa.Column('since', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('subject'),
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uncertain_since', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('uncertain_since')
    op.drop_table('slack_notices')
