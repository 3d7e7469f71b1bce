"""visit feedback: who responded (the conversation's pseudonym), one response per visit and responder

`visit_feedback.responder` holds the conversation's pseudonym (`anon:` + HMAC, bot/pseudonym.py), never
a platform id; a unique index on (visit_ref, responder) keeps one response per visit and conversation (a
second one replaces the first). Rows stored before have no responder (NULL) and never clash.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 20:00:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visit_feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responder', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_index('ux_visit_feedback_visit_responder', ['visit_ref', 'responder'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('visit_feedback', schema=None) as batch_op:
        batch_op.drop_index('ux_visit_feedback_visit_responder')
        batch_op.drop_column('responder')
