"""a turn's replies kept with its `processed_event` claim

The router keeps a turn's replies (`bot.events.to_record`) with the claim of its platform event, in the
same transaction: an inbox event replayed after its process died between the router's commit and the
outbox's gets them back and stores them then (bot/turn_source.py). Nullable: rows of earlier turns
have none.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 04:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('processed_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replies', sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('processed_event', schema=None) as batch_op:
        batch_op.drop_column('replies')
