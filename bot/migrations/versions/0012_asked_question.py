"""asked question: a manager's last answered question per conversation, for follow-ups

"and last week?", "what about parking?", "same for October": a short follow-up is read against the
question answered just before (`bot.dialogs.ask.context`). One row per conversation, replaced by each
answered question, dropped by retention once `expires_at` has passed.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 15:10:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.models

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('asked_question',
                    sa.Column('conversation', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
                    sa.Column('question', sa.JSON(), nullable=False),
                    sa.Column('asked_at', bot.models.UTCDateTime(), nullable=False),
                    sa.Column('expires_at', bot.models.UTCDateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('conversation'))
    with op.batch_alter_table('asked_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asked_question_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('asked_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asked_question_expires_at'))
    op.drop_table('asked_question')
