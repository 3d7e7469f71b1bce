"""durable outbox: `outbox_message`, every reply request until the platform took it

One row per request a turn made (a reply, or one part of it), written before anything is sent; a
sender takes the oldest row of a conversation (`lease_until`), sends it and deletes it, or waits
(`not_before`: Retry-After or a back-off) and tries again (bot/outbox.py). A request whose fate is
unknown, rejected or given up keeps its row as a record, without payload or conversation. On a
SQLite file the table lives in the inbox's file (`bot.db.make_inbox_engine` creates it there); this
migration creates it in the main database (PostgreSQL, or a SQLite whose inbox file can't be used).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 00:45:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.models

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('conversation', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('batch', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', bot.models.UTCDateTime(), nullable=False),
    sa.Column('not_before', bot.models.UTCDateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('lease_until', bot.models.UTCDateTime(), nullable=True),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_conversation', ['conversation', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_conversation')
    op.drop_table('outbox_message')
