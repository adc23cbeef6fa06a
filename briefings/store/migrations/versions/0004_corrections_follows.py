"""Analysts in the loop: who set a deal's status and why (deals.set_by_*, hidden, merged_into;
deal_status_history.kind, by_*, reason, other_deal), follows, the companies and deals people
follow, and outbox.rolled_up_in, the flood-cap roll-up that listed a held-back post

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 14:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('set_by_id', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('set_by_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('hidden', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('merged_into', sa.String(length=200), nullable=True))
    with op.batch_alter_table('deal_status_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='story',
                                      nullable=False))
        batch_op.add_column(sa.Column('by_id', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('by_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('other_deal', sa.String(length=200), nullable=True))
        batch_op.create_index('ix_deal_status_history_kind', ['kind', 'id'], unique=False)
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rolled_up_in', sa.String(length=500), nullable=True))
    # Posts held back before roll-ups existed stay out of the first roll-up after the upgrade.
    op.execute("UPDATE outbox SET rolled_up_in = 'before roll-ups' WHERE state = 'skipped'")
    op.create_table(
        'follows',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('user_id', sa.String(length=40), nullable=False),
        sa.Column('target_kind', sa.String(length=10), nullable=False),
        sa.Column('target', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'target_kind', 'target'),
    )
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follows_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_target'), ['target'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follows_target'))
        batch_op.drop_index(batch_op.f('ix_follows_user_id'))
    op.drop_table('follows')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('rolled_up_in')
    with op.batch_alter_table('deal_status_history', schema=None) as batch_op:
        batch_op.drop_index('ix_deal_status_history_kind')
        for column in ('other_deal', 'reason', 'by_name', 'by_id', 'kind'):
            batch_op.drop_column(column)
    with op.batch_alter_table('deals', schema=None) as batch_op:
        for column in ('merged_into', 'hidden', 'set_by_name', 'set_by_id'):
            batch_op.drop_column(column)
