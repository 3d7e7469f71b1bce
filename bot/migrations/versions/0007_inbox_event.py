"""durable inbox: `inbox_event`, every acknowledged platform event until a worker has processed it

One row per accepted event (unique per platform and event id: the INSERT is the de-duplication claim),
written before the platform gets its 200; workers take the oldest row of a conversation
(`lease_until`), process it and delete it (bot/inbox.py). The raw payload holds personal data and
platform ids: it stays only until the event is processed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:40:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.models

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inbox_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('event_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('conversation', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('received_at', bot.models.UTCDateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('lease_until', bot.models.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('platform', 'event_id', name='uq_inbox_event')
    )
    with op.batch_alter_table('inbox_event', schema=None) as batch_op:
        batch_op.create_index('ix_inbox_event_conversation', ['conversation', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbox_event', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_event_conversation')
    op.drop_table('inbox_event')
