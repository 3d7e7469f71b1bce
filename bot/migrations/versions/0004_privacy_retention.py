"""privacy: no customer platform ids at rest; an index for the turn-log retention purge

Customers' conversations used to be keyed by a salted SHA-256 of their platform id (guessable: Telegram
ids are few) and platform message ids were stored as they are (a Telegram private chat's message id
contains the chat id). From now on both are keyed HMACs (bot/pseudonym.py). For rows already stored:
- `turn.message_id` and `processed_event` rows (de-duplication claims, minutes-long use) are dropped;
- every old `anon:` conversation key is replaced by a keyed hash under a random key that is thrown
  away after this migration: turns of one conversation still belong together, but nobody can link
  them to a platform id any more.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 16:30:00
"""
import hashlib
import hmac
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('turn', schema=None) as batch_op:
        batch_op.create_index('ix_turn_created', ['created_at'], unique=False)
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE turn SET message_id = NULL"))
    bind.execute(sa.text("DELETE FROM processed_event"))
    forget = secrets.token_bytes(32)
    for table in ("turn", "dialog_state"):
        old_keys = [row[0] for row in bind.execute(
            sa.text(f"SELECT DISTINCT conversation FROM {table} WHERE conversation LIKE 'anon:%'"))]
        for old in old_keys:
            new = "anon:" + hmac.new(forget, old.encode(), hashlib.sha256).hexdigest()[:32]
            bind.execute(sa.text(f"UPDATE {table} SET conversation = :new WHERE conversation = :old"),
                         {"new": new, "old": old})


def downgrade() -> None:
    with op.batch_alter_table('turn', schema=None) as batch_op:
        batch_op.drop_index('ix_turn_created')
