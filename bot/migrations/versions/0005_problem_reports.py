"""problem reports: staff report an irritating or dull moment (issue 12)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 20:10:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import bot.models


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('problem_report',
    sa.Column('team_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('cycle_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('reporter_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('suggested_mot_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('mot_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fix', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', bot.models.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('problem_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_report_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index('ix_problem_report_team_created', ['team_id', 'created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('problem_report', schema=None) as batch_op:
        batch_op.drop_index('ix_problem_report_team_created')
        batch_op.drop_index(batch_op.f('ix_problem_report_reporter_id'))

    op.drop_table('problem_report')
