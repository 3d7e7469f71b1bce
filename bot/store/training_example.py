"""Texts whose MOT a person confirmed (`TrainingExample`): what `bot.learning.MotLearner` retrains on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import TrainingExample


async def add_training_example(
    *, session: AsyncSession, team_id: str, cycle_id: str, text: str, mot_id: str, origin: str,
    created_at: datetime | None = None,
) -> TrainingExample:
    example = TrainingExample(team_id=team_id, cycle_id=cycle_id, text=text, mot_id=mot_id, origin=origin)
    if created_at is not None:
        example.created_at = created_at
    session.add(example)
    await session.flush()
    return example


async def list_example_texts(*, session: AsyncSession, cycle_id: str) -> list[tuple[str, str, str]]:
    """(text, mot_id, origin) of every confirmed example of a cycle, oldest first."""
    query = (select(TrainingExample.text, TrainingExample.mot_id, TrainingExample.origin)
             .where(TrainingExample.cycle_id == cycle_id).order_by(TrainingExample.id))
    return [(text, mot_id, origin) for text, mot_id, origin in (await session.exec(query)).all()]


async def count_training_examples(*, session: AsyncSession) -> dict[str, int]:
    """How many confirmed examples each cycle has."""
    query = select(TrainingExample.cycle_id, func.count()).group_by(TrainingExample.cycle_id)
    return {cycle_id: int(n) for cycle_id, n in (await session.exec(query)).all()}
