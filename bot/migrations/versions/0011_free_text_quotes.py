"""visit feedback: customers' own comments quoted to managers with the ratings

A customer's "anything else" comment (`visit_feedback.free_text`), read by the survey as about a moment
(`free_text_mot_id`) with a likely-right sentiment (`free_text_sentiment`), is quoted with that moment's
ratings (`bot.store.stats.rating_quotes`): an index on (team, moment, sentiment, created_at) lets each
(moment, rating) take its latest few by walking it backwards, as `mot_rating`'s does.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 10:10:00
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visit_feedback', schema=None) as batch_op:
        batch_op.create_index('ix_visit_feedback_team_mot_sentiment_created',
                              ['team_id', 'free_text_mot_id', 'free_text_sentiment', 'created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visit_feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_feedback_team_mot_sentiment_created')
