"""Numbers managers ask for, computed in SQL (GROUP BY over indexed columns), never row by row:
ratings per MOT, stories per MOT, the quotes behind them, the team's accepted standards and what
best-practice cards are drawn from. The arithmetic on the results (shares, Wilson bounds, ranking,
changes) is `bot.insight`'s, without SQL."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import case, func, literal_column, union_all
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.insight import STANDARD_WINDOW, MotStat, PraiseRow, Quote, empty_stat, standard_key
from bot.models import MotRating, Standard, Story, VisitFeedback
from bot.store.rollup import (
    ALL_MOTS,
    day_start,
    local_day,
    rated_mots,
    rollup_per_day,
    rollup_per_mot,
    split,
    team_zone,
)
from bot.store.story import visible_to
from bot.visibility import Viewer


def _between(column: object, start: datetime, end: datetime) -> tuple:
    return (column >= start, column < end)  # type: ignore[operator]


async def mot_stats(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None,
    rollup: bool = True,
) -> dict[str, MotStat]:
    """Ratings per MOT in [start, end): whole local days from the daily roll-up, partial edges from
    `mot_rating` (`rollup=False`: every rating from `mot_rating`, the reference the tests compare with)."""
    zone = await team_zone(session=session, team_id=team_id) if rollup else None
    raw, days = split(start, end, zone) if zone else ([(start, end)], None)
    if days is None:
        return await _raw_mot_stats(session=session, team_id=team_id, start=start, end=end, mot_ids=mot_ids)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for mot_id, (s, i, d, _) in (await rollup_per_mot(session=session, team_id=team_id, days=days,
                                                      mot_ids=mot_ids)).items():
        if mot_id != ALL_MOTS:
            totals[mot_id] = [s, i, d]
    for a, b in raw:
        for stat in (await _raw_mot_stats(session=session, team_id=team_id, start=a, end=b, mot_ids=mot_ids)).values():
            counts = totals[stat.mot_id]
            counts[0], counts[1], counts[2] = counts[0] + stat.shining, counts[1] + stat.irritating, counts[2] + stat.dull
    return {m: MotStat(m, s + i + d, s, i, d) for m, (s, i, d) in sorted(totals.items()) if s + i + d}


async def _raw_mot_stats(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None
) -> dict[str, MotStat]:
    """Ratings per MOT in [start, end) from `mot_rating`: one aggregate over the (team, created_at, mot, rating) index."""
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


async def count_ratings(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None,
    rollup: bool = True,
) -> tuple[MotStat, int]:
    """All ratings in [start, end) (of `mot_ids`, else every MOT) as one MotStat (mot_id "*" or the one
    MOT), and how many customers' feedback they came from (responses without a feedback row count one each).
    Whole local days come from the roll-up, which counts responses per day for every MOT and for each one
    (a response's ratings share one instant, so days never count a customer twice); several MOTs at
    once cannot be told apart there and are counted from `mot_rating`."""
    zone = await team_zone(session=session, team_id=team_id) if rollup and len(mot_ids or ()) <= 1 else None
    raw, days = split(start, end, zone) if zone else ([(start, end)], None)
    if days is None:
        return await _raw_count(session=session, team_id=team_id, start=start, end=end, mot_ids=mot_ids)
    per_mot = await rollup_per_mot(session=session, team_id=team_id, days=days, mot_ids=mot_ids)
    counts = [sum(v[k] for m, v in per_mot.items() if m != ALL_MOTS) for k in range(3)]
    customers = per_mot.get(mot_ids[0] if mot_ids else ALL_MOTS, (0, 0, 0, 0))[3]
    for a, b in raw:
        stat, more = await _raw_count(session=session, team_id=team_id, start=a, end=b, mot_ids=mot_ids)
        counts = [counts[0] + stat.shining, counts[1] + stat.irritating, counts[2] + stat.dull]
        customers += more
    label = mot_ids[0] if mot_ids else "*"
    return MotStat(label, sum(counts), *counts), customers


async def count_comments(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None,
    rating: str | None = None,
) -> tuple[int, int]:
    """Customers' words in [start, end): how many ratings came with a comment (of `mot_ids`, else every MOT; with
    `rating`, only those), and how many comments were left at the end of the survey (read as about one of `mot_ids`
    when given; with `rating`, read with its sentiment)."""
    rated = select(func.count()).select_from(MotRating).where(
        MotRating.team_id == team_id, MotRating.created_at >= start, MotRating.created_at < end, MotRating.comment != "")
    own = select(func.count()).select_from(VisitFeedback).where(
        VisitFeedback.team_id == team_id, VisitFeedback.created_at >= start, VisitFeedback.created_at < end,
        VisitFeedback.free_text != "")
    if mot_ids:
        rated = rated.where(col(MotRating.mot_id).in_(list(mot_ids)))
        own = own.where(col(VisitFeedback.free_text_mot_id).in_(list(mot_ids)))
    if rating:
        rated = rated.where(MotRating.rating == rating)
        own = own.where(VisitFeedback.free_text_sentiment == SENTIMENT_OF_RATING.get(rating, rating))
    return int((await session.exec(rated)).one()), int((await session.exec(own)).one())


async def _raw_count(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None
) -> tuple[MotStat, int]:
    rating = col(MotRating.rating)
    query = select(
        func.count(),
        func.sum(case((rating == "shining", 1), else_=0)),
        func.sum(case((rating == "irritating", 1), else_=0)),
        func.sum(case((rating == "dull", 1), else_=0)),
        func.count(func.distinct(MotRating.feedback_id)),
        func.sum(case((col(MotRating.feedback_id).is_(None), 1), else_=0)),
    ).where(MotRating.team_id == team_id, *_between(col(MotRating.created_at), start, end))
    if mot_ids:
        query = query.where(col(MotRating.mot_id).in_(list(mot_ids)))
    n, s, i, d, responses, loose = (await session.exec(query)).one()
    label = mot_ids[0] if mot_ids and len(mot_ids) == 1 else "*"
    return MotStat(label, int(n or 0), int(s or 0), int(i or 0), int(d or 0)), int(responses or 0) + int(loose or 0)


async def first_rating_at(*, session: AsyncSession, team_id: str) -> datetime | None:
    """When the team's first customer rating (or, with none, feedback) came in: what "all time" starts at."""
    first = (await session.exec(select(func.min(MotRating.created_at)).where(MotRating.team_id == team_id))).one()
    if first is None:
        query = select(func.min(VisitFeedback.created_at)).where(VisitFeedback.team_id == team_id)
        first = (await session.exec(query)).one()
    return first


async def first_story_at(*, session: AsyncSession, team_id: str) -> datetime | None:
    """When the team's first story was told: what "all time" starts at for stories."""
    return (await session.exec(select(func.min(Story.created_at)).where(Story.team_id == team_id))).one()


async def rating_series(
    *, session: AsyncSession, team_id: str, bounds: Sequence[datetime], mot_ids: Sequence[str] | None = None,
    rollup: bool = True,
) -> list[MotStat]:
    """Ratings per bucket [bounds[k], bounds[k+1]). Buckets cut at local midnights (weeks, months) are
    summed from the roll-up's days, the partial edges of the whole window from `mot_rating`; other
    buckets are counted from `mot_rating` in one query."""
    if len(bounds) < 2:
        return []
    zone = await team_zone(session=session, team_id=team_id) if rollup else None
    if zone is None or any(day_start(local_day(b, zone), zone) != b for b in bounds[1:-1]):
        return await _raw_series(session=session, team_id=team_id, bounds=bounds, mot_ids=mot_ids)
    raw, days = split(bounds[0], bounds[-1], zone)
    if days is None:
        return await _raw_series(session=session, team_id=team_id, bounds=bounds, mot_ids=mot_ids)
    counts = [[0, 0, 0] for _ in bounds[1:]]
    for day, s, i, d in await rollup_per_day(session=session, team_id=team_id, days=days, mot_ids=mot_ids):
        k = bisect_right(bounds, day_start(day, zone)) - 1
        if 0 <= k < len(counts):
            counts[k] = [counts[k][0] + s, counts[k][1] + i, counts[k][2] + d]
    for a, b in raw:
        part = await _raw_series(session=session, team_id=team_id, bounds=bounds, mot_ids=mot_ids, window=(a, b))
        for k, stat in enumerate(part):
            counts[k] = [counts[k][0] + stat.shining, counts[k][1] + stat.irritating, counts[k][2] + stat.dull]
    label = mot_ids[0] if mot_ids and len(mot_ids) == 1 else "*"
    return [MotStat(label, s + i + d, s, i, d) for s, i, d in counts]


async def _raw_series(
    *, session: AsyncSession, team_id: str, bounds: Sequence[datetime], mot_ids: Sequence[str] | None = None,
    window: tuple[datetime, datetime] | None = None,
) -> list[MotStat]:
    """Ratings per bucket from `mot_rating` in one query (a CASE on the bucket edges), only those in
    `window` if given."""
    start, end = window or (bounds[0], bounds[-1])
    created, rating = col(MotRating.created_at), col(MotRating.rating)
    bucket = case(*((created < edge, k) for k, edge in enumerate(bounds[1:])), else_=len(bounds) - 1)
    query = (
        select(
            bucket.label("bucket"),
            func.count(),
            func.sum(case((rating == "shining", 1), else_=0)),
            func.sum(case((rating == "irritating", 1), else_=0)),
            func.sum(case((rating == "dull", 1), else_=0)),
        )
        .where(MotRating.team_id == team_id, *_between(created, start, end))
        .group_by(bucket)
    )
    if mot_ids:
        query = query.where(col(MotRating.mot_id).in_(list(mot_ids)))
    label = mot_ids[0] if mot_ids and len(mot_ids) == 1 else "*"
    series = [empty_stat(label) for _ in bounds[1:]]
    for k, n, s, i, d in (await session.exec(query)).all():
        if 0 <= int(k) < len(series):
            series[int(k)] = MotStat(label, int(n), int(s or 0), int(i or 0), int(d or 0))
    return series


async def stories_per_author(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime, end: datetime, mot_id: str | None = None
) -> dict[str, int]:
    """How many stories each person told in [start, end) (about `mot_id` when given), of those `viewer` may see."""
    about = (Story.mot_id == mot_id,) if mot_id else ()
    query = (
        select(Story.author_id, func.count())
        .where(Story.team_id == team_id, visible_to(viewer), *_between(col(Story.created_at), start, end), *about)
        .group_by(Story.author_id)
    )
    return {author: int(n) for author, n in (await session.exec(query)).all()}


async def story_colleagues(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime, end: datetime, mot_id: str | None = None
) -> list[list[str]]:
    """The colleagues named in each story in [start, end) (about `mot_id` when given) that `viewer` may see (a JSON
    list per row, counted by bot.insight.credits: JSON arrays are not portable SQL)."""
    about = (Story.mot_id == mot_id,) if mot_id else ()
    query = select(Story.colleagues).where(
        Story.team_id == team_id, visible_to(viewer), *_between(col(Story.created_at), start, end), *about
    )
    return [list(c or []) for c in (await session.exec(query)).all()]


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


# A customer's own comment ("anything else you'd like to tell the team?", `VisitFeedback.free_text`, redacted) is
# quoted with the ratings when the survey read it as about a moment (sure) with a likely-right sentiment: positive
# with the shining ratings, negative with the irritating, neutral with the dull.
RATING_OF_SENTIMENT = {"positive": "shining", "neutral": "dull", "negative": "irritating"}
SENTIMENT_OF_RATING = {rating: sentiment for sentiment, rating in RATING_OF_SENTIMENT.items()}
_RATING, _FREE_TEXT = 0, 1  # where a quote comes from: its tie-break after the time and row id


def _rating_part(team_id: str, start: datetime, end: datetime):  # type: ignore[no-untyped-def]
    created = col(MotRating.created_at)
    return (select(MotRating.id, MotRating.mot_id, MotRating.rating, MotRating.comment, created.label("at"),
                   literal_column(str(_RATING)).label("source"))
            .where(MotRating.team_id == team_id, *_between(created, start, end), MotRating.comment != ""))


def _free_text_part(  # type: ignore[no-untyped-def]
        team_id: str, start: datetime, end: datetime, ratings: Sequence[str], *, about_a_moment: bool = True):
    """Customers' own comments with a sentiment given as one of `ratings` (and a moment, unless `about_a_moment` is
    False), as rating rows: (id, mot_id, rating, text, at, source)."""
    created, sentiment = col(VisitFeedback.created_at), col(VisitFeedback.free_text_sentiment)
    rating = case(*((sentiment == s, literal_column(f"'{r}'")) for s, r in RATING_OF_SENTIMENT.items()),
                  else_=literal_column("''"))  # inline: a bound parameter's type is unknown in a UNION (PostgreSQL)
    query = (select(VisitFeedback.id, VisitFeedback.free_text_mot_id, rating.label("rating"), VisitFeedback.free_text,
                    created.label("at"), literal_column(str(_FREE_TEXT)).label("source"))
             .where(VisitFeedback.team_id == team_id, *_between(created, start, end), VisitFeedback.free_text != "",
                    sentiment.in_([SENTIMENT_OF_RATING[r] for r in ratings if r in SENTIMENT_OF_RATING])))
    return query.where(col(VisitFeedback.free_text_mot_id).is_not(None)) if about_a_moment else query


def _latest_per_group(rows: Sequence, per_group: int) -> list[Quote]:
    """Rows (id, mot_id, rating, text, at, source) of both sources, the latest `per_group` per (MOT, rating)."""
    kept: list[Quote] = []
    taken: dict[tuple[str, str], int] = defaultdict(int)
    for _, mot_id, rating, text, at, source in sorted(rows, key=lambda r: (r[4], r[0], r[5]), reverse=True):
        if text and text.strip() and taken[(mot_id, rating)] < per_group:
            taken[(mot_id, rating)] += 1
            kept.append(Quote(mot_id, rating, text, at, own=source == _FREE_TEXT))
    return kept


async def _quoted_mots(*, session: AsyncSession, team_id: str) -> list[str]:
    """Every MOT the team has ratings (from the roll-up) or customers' own comments about."""
    query = (select(VisitFeedback.free_text_mot_id).where(VisitFeedback.team_id == team_id,
                                                          col(VisitFeedback.free_text_mot_id).is_not(None)).distinct())
    commented = {m for m in (await session.exec(query)).all() if m}
    return sorted(set(await rated_mots(session=session, team_id=team_id)) | commented)


async def rating_quotes(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None = None,
    ratings: Sequence[str] = ("shining", "irritating"), per_group: int = 2, rollup: bool = True,
) -> list[Quote]:
    """The latest `per_group` written comments per (MOT, rating) in [start, end), newest first: those given with a
    rating and customers' own comments about the MOT (`RATING_OF_SENTIMENT`). One UNION ALL of a `LIMIT per_group`
    per (MOT, rating) and source, each walking its (team, rating or sentiment, mot, created_at) index backwards
    from `end`, so a year costs what a week does (MOTs not named: those rated or commented on). `rollup=False`:
    one window function over every comment of the window (the reference)."""
    if not rollup:
        return await _window_quotes(session=session, team_id=team_id, start=start, end=end, mot_ids=mot_ids,
                                    ratings=ratings, per_group=per_group)
    if mot_ids is None:
        mot_ids = await _quoted_mots(session=session, team_id=team_id)
    parts = []
    for mot_id in mot_ids:
        for rating in ratings:
            for part, table in ((_rating_part(team_id, start, end).where(MotRating.mot_id == mot_id,
                                                                         MotRating.rating == rating), MotRating),
                                (_free_text_part(team_id, start, end, (rating,)).where(
                                    VisitFeedback.free_text_mot_id == mot_id), VisitFeedback)):
                newest = part.order_by(col(table.created_at).desc(), col(table.id).desc()).limit(per_group).subquery()
                parts.append(select(*newest.c))
    if not parts:
        return []
    rows = (await session.exec(union_all(*parts))).all()  # type: ignore[call-overload]
    return _latest_per_group(rows, per_group)


async def quotes_saying(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, words: Sequence[str],
    ratings: Sequence[str] = ("shining", "dull", "irritating"), limit: int = 5000,
) -> list[Quote]:
    """The latest written comments in [start, end) whose text holds every one of `words` (case-insensitive
    substrings: the caller checks the word forms), newest first, at most `limit` (a bound on memory, far above
    what a team writes about one word: the caller's count is of what the word check keeps): those given with a
    rating, and customers' own comments read with a sentiment (about a moment or not: `mot_id` "" then)."""
    rated = _rating_part(team_id, start, end).where(
        col(MotRating.rating).in_(list(ratings)),
        *(func.lower(MotRating.comment).contains(w.casefold(), autoescape=True) for w in words))
    free = _free_text_part(team_id, start, end, ratings, about_a_moment=False).where(
        *(func.lower(VisitFeedback.free_text).contains(w.casefold(), autoescape=True) for w in words))
    rows = []
    for part, table in ((rated, MotRating), (free, VisitFeedback)):
        newest = part.order_by(col(table.created_at).desc(), col(table.id).desc()).limit(limit)
        rows.extend((await session.exec(newest)).all())  # type: ignore[call-overload]
    rows.sort(key=lambda r: (r[4], r[0], r[5]), reverse=True)
    return [Quote(m or "", r, c, at, own=src == _FREE_TEXT) for _, m, r, c, at, src in rows[:limit] if c and c.strip()]


async def _window_quotes(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, mot_ids: Sequence[str] | None,
    ratings: Sequence[str], per_group: int,
) -> list[Quote]:
    rows = []
    for table, part, mot, rating in (
            (MotRating, _rating_part(team_id, start, end).where(col(MotRating.rating).in_(list(ratings))),
             MotRating.mot_id, MotRating.rating),
            (VisitFeedback, _free_text_part(team_id, start, end, ratings),
             VisitFeedback.free_text_mot_id, VisitFeedback.free_text_sentiment)):
        row_number = func.row_number().over(partition_by=(mot, rating),
                                            order_by=(col(table.created_at).desc(), col(table.id).desc()))
        if mot_ids is not None:
            part = part.where(col(mot).in_(list(mot_ids)))
        sub = part.add_columns(row_number.label("rn")).subquery()
        query = select(*(c for c in sub.c if c.name != "rn")).where(sub.c.rn <= per_group)
        rows.extend((await session.exec(query)).all())  # type: ignore[call-overload]
    return _latest_per_group(rows, per_group)


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


# --- standards (accepted best practices) -------------------------------------------------------


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
    window: timedelta = STANDARD_WINDOW, rollup: bool = True,
) -> tuple[MotStat, MotStat]:
    """Ratings of a MOT in the `window` before `since` and from `since` up to `now`."""
    before = await mot_stats(session=session, team_id=team_id, start=since - window, end=since, mot_ids=[mot_id],
                             rollup=rollup)
    after = await mot_stats(session=session, team_id=team_id, start=since, end=now, mot_ids=[mot_id], rollup=rollup)
    return before.get(mot_id, empty_stat(mot_id)), after.get(mot_id, empty_stat(mot_id))


# --- what best-practice cards are drawn from (bot.insight.practice_evidence) ------------------


async def practice_sources(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime, end: datetime, mot_id: str | None = None,
    limit: int = 300, praise: bool = True,
) -> tuple[list[Story], list[PraiseRow]]:
    """Staff stories `viewer` may see and (with `praise`) customers' shining comments in [start, end),
    the newest `limit` of each, newest first."""
    story_query = select(Story).where(Story.team_id == team_id, visible_to(viewer),
                                      *_between(col(Story.created_at), start, end))
    if mot_id:
        story_query = story_query.where(Story.mot_id == mot_id)
    stories = list((await session.exec(story_query.order_by(col(Story.created_at).desc()).limit(limit))).all())
    if not praise:
        return stories, []
    praise_query = select(MotRating.id, MotRating.feedback_id, MotRating.mot_id, MotRating.comment).where(
        MotRating.team_id == team_id, *_between(col(MotRating.created_at), start, end),
        MotRating.rating == "shining", MotRating.comment != "",
    )
    if mot_id:
        praise_query = praise_query.where(MotRating.mot_id == mot_id)
    rows = (await session.exec(praise_query.order_by(col(MotRating.created_at).desc()).limit(limit))).all()
    return stories, [PraiseRow(rating_id, feedback_id, mot, comment) for rating_id, feedback_id, mot, comment in rows]
