"""rating roll-up: customers' ratings per team, local day and MOT (`rating_day`)

Questions over a quarter, a year or all time read one row per local day and MOT instead of every
rating (bot/store/rollup.py keeps it in the same transaction as the ratings). The day is the team's
local day (`team.timezone`), as periods are cut at local midnight. The row with mot_id "*" holds the
number of responses over every MOT. The upgrade fills it from the existing ratings (streamed, counted
in Python so the local day follows each team's DST rules exactly); `storybot db rebuild-rollups`
recomputes it at any time. An index (team, rating, mot, created_at) serves the latest quotes per
MOT and rating over any window.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 22:40:00
"""
from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_RATINGS = ('shining', 'irritating', 'dull')


def upgrade() -> None:
    table = op.create_table(
        'rating_day',
        sa.Column('team_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('mot_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('shining', sa.Integer(), nullable=False),
        sa.Column('irritating', sa.Integer(), nullable=False),
        sa.Column('dull', sa.Integer(), nullable=False),
        sa.Column('responses', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('team_id', 'day', 'mot_id'),
    )
    _backfill(op.get_bind(), table)
    with op.batch_alter_table('mot_rating', schema=None) as batch_op:  # the latest quotes per MOT and rating
        batch_op.create_index('ix_mot_rating_team_rating_mot_created', ['team_id', 'rating', 'mot_id', 'created_at'],
                              unique=False)


def _backfill(bind, table) -> None:  # type: ignore[no-untyped-def]
    zones = {}
    for team_id, tz in bind.execute(sa.text('SELECT id, timezone FROM team')):
        try:
            zones[team_id] = ZoneInfo(tz or 'UTC')
        except (KeyError, ValueError):
            zones[team_id] = ZoneInfo('UTC')
    counts = defaultdict(lambda: [0, 0, 0])
    responses = defaultdict(set)
    rows = bind.execute(sa.text('SELECT id, team_id, mot_id, rating, feedback_id, created_at FROM mot_rating')
                        .execution_options(stream_results=True))
    for rating_id, team_id, mot_id, rating, feedback_id, created_at in rows:
        if rating not in _RATINGS:
            continue
        if isinstance(created_at, str):  # SQLite without type information
            created_at = datetime.fromisoformat(created_at)
        moment = created_at.replace(tzinfo=UTC) if created_at.tzinfo is None else created_at
        day = moment.astimezone(zones.get(team_id, ZoneInfo('UTC'))).date()
        counts[(team_id, day, mot_id)][_RATINGS.index(rating)] += 1
        who = feedback_id if feedback_id is not None else f'loose:{rating_id}'
        responses[(team_id, day, mot_id)].add(who)
        responses[(team_id, day, '*')].add(who)
    out = [{'team_id': t, 'day': d, 'mot_id': m, 'shining': s, 'irritating': i, 'dull': dl,
            'responses': len(responses[(t, d, m)])} for (t, d, m), (s, i, dl) in counts.items()]
    out += [{'team_id': t, 'day': d, 'mot_id': '*', 'shining': 0, 'irritating': 0, 'dull': 0,
             'responses': len(who)} for (t, d, m), who in responses.items() if m == '*']
    for k in range(0, len(out), 5000):
        op.bulk_insert(table, out[k:k + 5000])


def downgrade() -> None:
    with op.batch_alter_table('mot_rating', schema=None) as batch_op:
        batch_op.drop_index('ix_mot_rating_team_rating_mot_created')
    op.drop_table('rating_day')
