"""Numbers managers ask for, computed in SQL (GROUP BY over indexed columns), never row by row."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import MotRating, Story

MIN_SAMPLE = 5
Z_95 = 1.959964


def wilson_lower_bound(successes: int, n: int, z: float = Z_95) -> float:
    """Lower bound of the Wilson score interval: a share we are ~95% sure is at least this high.
    Ranks "3 of 4 irritating" below "60 of 100 irritating", as it should."""
    if n <= 0:
        return 0.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / denominator)


@dataclass(frozen=True, slots=True)
class MotStat:
    mot_id: str
    n: int
    shining: int
    irritating: int
    dull: int

    def share(self, rating: str) -> float:
        return getattr(self, rating) / self.n if self.n else 0.0

    @property
    def weakness(self) -> float:
        return wilson_lower_bound(self.irritating, self.n)

    @property
    def strength(self) -> float:
        return wilson_lower_bound(self.shining, self.n)


async def mot_stats(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None
) -> dict[str, MotStat]:
    """Ratings per MOT in [start, end): one aggregate query."""
    rating = col(MotRating.rating)
    query = (
        select(
            MotRating.mot_id,
            func.count(),
            func.sum(case((rating == "shining", 1), else_=0)),
            func.sum(case((rating == "irritating", 1), else_=0)),
            func.sum(case((rating == "dull", 1), else_=0)),
        )
        .where(MotRating.team_id == team_id, MotRating.created_at >= start, MotRating.created_at < end)
        .group_by(MotRating.mot_id)
    )
    if mot_ids:
        query = query.where(col(MotRating.mot_id).in_(list(mot_ids)))
    rows = (await session.exec(query)).all()
    return {
        mot_id: MotStat(mot_id, int(n), int(s or 0), int(i or 0), int(d or 0)) for mot_id, n, s, i, d in rows
    }


def rank(stats: dict[str, MotStat], *, by: str, min_n: int = MIN_SAMPLE) -> tuple[list[MotStat], list[MotStat]]:
    """(ranked, too_few): MOTs with at least `min_n` ratings ranked by the Wilson bound of the
    irritating (`by="weakness"`) or shining (`by="strength"`) share; the rest set aside."""
    enough = [s for s in stats.values() if s.n >= min_n]
    too_few = sorted((s for s in stats.values() if s.n < min_n), key=lambda s: -s.n)
    enough.sort(key=lambda s: (-getattr(s, by), -s.n, s.mot_id))
    return enough, too_few


async def story_counts(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime
) -> dict[str, int]:
    query = (
        select(Story.mot_id, func.count())
        .where(Story.team_id == team_id, Story.created_at >= start, Story.created_at < end)
        .group_by(Story.mot_id)
    )
    return {mot_id: int(n) for mot_id, n in (await session.exec(query)).all()}


async def rating_quotes(
    *, session: AsyncSession, team_id: str, mot_id: str, start: datetime, end: datetime,
    rating: str | None = None, limit: int = 3,
) -> list[tuple[str, str]]:
    """Latest (rating, comment) pairs with a comment, for evidence behind a number."""
    query = select(MotRating.rating, MotRating.comment).where(
        MotRating.team_id == team_id, MotRating.mot_id == mot_id,
        MotRating.created_at >= start, MotRating.created_at < end, MotRating.comment != "",
    )
    if rating:
        query = query.where(MotRating.rating == rating)
    query = query.order_by(col(MotRating.created_at).desc(), col(MotRating.id).desc()).limit(limit)
    return [(r, c) for r, c in (await session.exec(query)).all()]
