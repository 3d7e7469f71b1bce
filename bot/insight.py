"""Numbers managers ask for, computed in SQL (GROUP BY over indexed columns), never row by row.

Shares are whole percentages rounded half up; a change is the difference of the two shares *as
shown* (so "40% → 55%" always reads "▲ 15 pp"). "Weakest" ranks MOTs with at least `min_sample`
ratings by the lower bound of the 95% Wilson interval of their irritating share."""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import MotRating, Standard, Story
from bot.store import visible_to
from bot.visibility import Viewer

MIN_SAMPLE = 5
Z_95 = 1.959964
STANDARD_WINDOW = timedelta(weeks=4)


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


def percent(part: int, whole: int) -> int:
    """100 * part / whole rounded half up (12.5 -> 13, never banker's rounding); 0 when whole is 0."""
    return (200 * part + whole) // (2 * whole) if whole > 0 else 0


@dataclass(frozen=True, slots=True)
class MotStat:
    mot_id: str
    n: int
    shining: int
    irritating: int
    dull: int

    def share(self, rating: str) -> float:
        return getattr(self, rating) / self.n if self.n else 0.0

    def pct(self, rating: str) -> int:
        return percent(getattr(self, rating), self.n)

    @property
    def weakness(self) -> float:
        return wilson_lower_bound(self.irritating, self.n)

    @property
    def strength(self) -> float:
        return wilson_lower_bound(self.shining, self.n)


def empty_stat(mot_id: str) -> MotStat:
    return MotStat(mot_id, 0, 0, 0, 0)


def change(current: MotStat | None, previous: MotStat | None, rating: str) -> int | None:
    """Change of the shown share of `rating` in percentage points; None when either side has no ratings."""
    if current is None or previous is None or not current.n or not previous.n:
        return None
    return current.pct(rating) - previous.pct(rating)


def _between(column: object, start: datetime, end: datetime) -> tuple:
    return (column >= start, column < end)  # type: ignore[operator]


async def mot_stats(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None
) -> dict[str, MotStat]:
    """Ratings per MOT in [start, end): one aggregate query over the (team, created_at, mot, rating) index."""
    rating = col(MotRating.rating)
    query = (
        select(
            MotRating.mot_id,
            func.count(),
            func.sum(case((rating == "shining", 1), else_=0)),
            func.sum(case((rating == "irritating", 1), else_=0)),
            func.sum(case((rating == "dull", 1), else_=0)),
        )
        .where(MotRating.team_id == team_id, *_between(col(MotRating.created_at), start, end))
        .group_by(MotRating.mot_id)
    )
    if mot_ids:
        query = query.where(col(MotRating.mot_id).in_(list(mot_ids)))
    rows = (await session.exec(query)).all()
    return {
        mot_id: MotStat(mot_id, int(n), int(s or 0), int(i or 0), int(d or 0)) for mot_id, n, s, i, d in rows
    }


def rank(
    stats: dict[str, MotStat], *, by: str, min_n: int = MIN_SAMPLE, order: Sequence[str] = ()
) -> tuple[list[MotStat], list[MotStat]]:
    """(ranked, too_few): MOTs with at least `min_n` ratings ranked by the Wilson bound of the
    irritating (`by="weakness"`) or shining (`by="strength"`) share; the rest set aside, most rated
    first. Ties: more ratings first, then the cycle `order`, then the id."""
    position = {mot_id: i for i, mot_id in enumerate(order)}

    def where(s: MotStat) -> tuple[int, str]:
        return position.get(s.mot_id, len(position)), s.mot_id

    enough = sorted((s for s in stats.values() if s.n >= min_n), key=lambda s: (-getattr(s, by), -s.n, where(s)))
    too_few = sorted((s for s in stats.values() if s.n < min_n), key=lambda s: (-s.n, where(s)))
    return enough, too_few


async def story_counts(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime, end: datetime
) -> dict[str, int]:
    """Stories per MOT in [start, end) that `viewer` may see."""
    query = (
        select(Story.mot_id, func.count())
        .where(Story.team_id == team_id, visible_to(viewer), *_between(col(Story.created_at), start, end))
        .group_by(Story.mot_id)
    )
    return {mot_id: int(n) for mot_id, n in (await session.exec(query)).all()}


@dataclass(frozen=True, slots=True)
class Quote:
    mot_id: str
    rating: str
    text: str
    created_at: datetime


async def rating_quotes(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None,
    ratings: Sequence[str] = ("shining", "irritating"), per_group: int = 2,
) -> list[Quote]:
    """The latest `per_group` written comments per (MOT, rating) in [start, end), newest first: one
    query with a window function, so quoting five MOTs costs one round trip."""
    created, ident = col(MotRating.created_at), col(MotRating.id)
    row_number = func.row_number().over(
        partition_by=(MotRating.mot_id, MotRating.rating), order_by=(created.desc(), ident.desc())
    )
    inner = select(
        MotRating.mot_id, MotRating.rating, MotRating.comment, created.label("at"), row_number.label("rn")
    ).where(
        MotRating.team_id == team_id, *_between(created, start, end),
        col(MotRating.rating).in_(list(ratings)), MotRating.comment != "",
    )
    if mot_ids is not None:
        inner = inner.where(col(MotRating.mot_id).in_(list(mot_ids)))
    sub = inner.subquery()
    query = select(sub.c.mot_id, sub.c.rating, sub.c.comment, sub.c.at).where(sub.c.rn <= per_group)
    rows = (await session.exec(query.order_by(sub.c.at.desc()))).all()  # type: ignore[call-overload]
    return [Quote(m, r, c, at) for m, r, c, at in rows if c and c.strip()]


async def story_quotes(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime, end: datetime, mot_ids: Sequence[str],
    per_mot: int = 1,
) -> dict[str, list[Story]]:
    """The latest `per_mot` stories per MOT in [start, end) that `viewer` may see."""
    if not mot_ids:
        return {}
    row_number = func.row_number().over(
        partition_by=Story.mot_id, order_by=(col(Story.created_at).desc(), col(Story.id).desc())
    )
    inner = (
        select(col(Story.id).label("sid"), row_number.label("rn"))
        .where(Story.team_id == team_id, visible_to(viewer), *_between(col(Story.created_at), start, end),
               col(Story.mot_id).in_(list(mot_ids)))
        .subquery()
    )
    query = (
        select(Story).join(inner, col(Story.id) == inner.c.sid).where(inner.c.rn <= per_mot)
        .order_by(col(Story.created_at).desc())
    )
    found: dict[str, list[Story]] = {}
    for story in (await session.exec(query)).all():
        found.setdefault(story.mot_id, []).append(story)
    return found


def _words(name: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", name.casefold()))


def names_match(person: str, name: str) -> bool:
    """"Sam" matches "Sam Patel" and the other way round; "Sam" does not match "Samantha"."""
    a, b = _words(person), _words(name)
    return bool(a and b) and (a <= b or b <= a)


# --- standards (accepted best practices) -------------------------------------------------------


def standard_key(behaviour: str) -> str:
    """A stable key for a behaviour: its words, lower-case, dash-joined (the unique team/MOT/key)."""
    return "-".join(re.findall(r"[^\W_]+", behaviour.casefold()))[:255] or "practice"


async def list_standards(*, session: AsyncSession, team_id: str, mot_id: str | None = None) -> list[Standard]:
    query = select(Standard).where(Standard.team_id == team_id)
    if mot_id:
        query = query.where(Standard.mot_id == mot_id)
    return list((await session.exec(query.order_by(col(Standard.accepted_at), col(Standard.id)))).all())


async def accept_standard(
    *, session: AsyncSession, team_id: str, mot_id: str, behaviour: str, effect: str, story_ids: Sequence[int],
    accepted_by: str, accepted_at: datetime,
) -> tuple[Standard, bool]:
    """Store a best practice as the team's standard for a MOT; (row, True) if new, (existing, False)."""
    key = standard_key(behaviour)
    query = select(Standard).where(Standard.team_id == team_id, Standard.mot_id == mot_id, Standard.key == key)
    existing = (await session.exec(query)).first()
    if existing is not None:
        return existing, False
    row = Standard(team_id=team_id, mot_id=mot_id, key=key, behaviour=behaviour, effect=effect,
                   story_ids=list(story_ids), accepted_by=accepted_by, accepted_at=accepted_at)
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:  # accepted at the same moment from another chat
        return (await session.exec(query)).one(), False
    return row, True


async def before_after(
    *, session: AsyncSession, team_id: str, mot_id: str, since: datetime, now: datetime,
    window: timedelta = STANDARD_WINDOW,
) -> tuple[MotStat, MotStat]:
    """Ratings of a MOT in the `window` before `since` and from `since` up to `now`."""
    before = await mot_stats(session=session, team_id=team_id, start=since - window, end=since, mot_ids=[mot_id])
    after = await mot_stats(session=session, team_id=team_id, start=since, end=now, mot_ids=[mot_id])
    return before.get(mot_id, empty_stat(mot_id)), after.get(mot_id, empty_stat(mot_id))


# --- best practices: praise and stories -> practice cards (bot/nlp/practice.py) ---------------

@dataclass(frozen=True, slots=True)
class PracticeEvidence:
    """Practice cards and what they were found in: source id ("s12" story, "r34" rating) -> (who, text)."""

    cards: list[Any]  # bot.nlp.practice.PracticeCard, most widely supported first
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    effects: dict[str, str] = field(default_factory=dict)  # story source id -> the effect its teller gave
    stories: int = 0
    praise: int = 0


async def practice_evidence(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime, end: datetime, mot_id: str | None = None,
    limit: int = 300, min_people: int = 2, praise: bool = True,
) -> PracticeEvidence:
    """Staff stories (what they did) and customers' shining comments in [start, end), newest
    `limit` of each, turned into practice cards by bot.nlp.practice (in a worker thread). Only
    stories `viewer` may see are read: a card shown to the team never rests on a private story."""
    from bot.nlp.practice import build_practice_cards  # spaCy + scikit-learn: loaded on first use only

    story_query = select(Story).where(Story.team_id == team_id, visible_to(viewer),
                                      *_between(col(Story.created_at), start, end))
    praise_query = select(MotRating.id, MotRating.feedback_id, MotRating.mot_id, MotRating.comment).where(
        MotRating.team_id == team_id, *_between(col(MotRating.created_at), start, end),
        MotRating.rating == "shining", MotRating.comment != "",
    )
    if mot_id:
        story_query = story_query.where(Story.mot_id == mot_id)
        praise_query = praise_query.where(MotRating.mot_id == mot_id)
    stories = (await session.exec(story_query.order_by(col(Story.created_at).desc()).limit(limit))).all()
    praise_rows = (await session.exec(praise_query.order_by(col(MotRating.created_at).desc()).limit(limit))).all()
    praise_unique, seen = [], set()  # the same comment twice is one customer's words, not two people
    for row in praise_rows if praise else ():
        words = " ".join(row[3].lower().split())
        if words not in seen:
            seen.add(words)
            praise_unique.append(row)
    items, sources, effects = [], {}, {}
    for story in stories:
        key = f"s{story.id}"
        # told by staff: "I"/"we" is the teller, "she"/"he" usually the customer; the effect is the one told
        told = " ".join(p if p.rstrip()[-1:] in ".!?" else f"{p.rstrip()}." for p in (story.text, story.action) if p)
        items.append((key, told, story.author_id, story.mot_id, "staff", story.effect or None))
        sources[key] = (story.author_id, f"{story.text} {story.action}".strip())
        if story.effect:
            effects[key] = story.effect
    for rating_id, feedback_id, mot, comment in praise_unique:
        key = f"r{rating_id}"
        items.append((key, comment, f"customer:{feedback_id or rating_id}", mot))
        sources[key] = ("customer", comment)
    cards = await asyncio.to_thread(build_practice_cards, items, min_people=min_people) if items else []
    return PracticeEvidence(cards, sources, effects, len(stories), len(praise_unique))
