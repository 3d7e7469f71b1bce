"""Daily roll-ups of customers' ratings (`rating_day`), so questions over a quarter, a year or all time
read one row per local day and MOT instead of every rating.

- A day is the team's *local* day (`Team.timezone`): periods are cut at local midnight, so a UTC-day
  roll-up would put a Sydney rating given at 08:00 on the wrong day. Local days stay exact across DST
  changes (a day is [first instant of the date, first instant of the next date)). When a team's zone
  changes, `upsert_team` rebuilds that team's roll-ups in the same transaction.
- Maintained in the same transaction as the ratings: `add_response` (+1 / -1 per rating of a response;
  bot/store/feedback.py calls it on insert and, with -1, for the ratings a second response replaces).
  Upserts (INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n) keep concurrent writers exact.
- `rebuild_rollups` recomputes from `mot_rating` in SQL (one GROUP BY per stretch of constant UTC
  offset), for data loaded behind the store's back (bench, imports) and `storybot db rebuild-rollups`.
- `split` cuts any window [start, end) into whole local days (answered from the roll-up) and at most
  two partial edges (answered from `mot_rating` through its (team, created_at, …) index), so every
  answer is exact for any window, not only whole days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, delete, func, literal_column, text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import RATINGS, MotRating, RatingDay, Team

ALL_MOTS = "*"  # the row holding responses over every MOT
_COUNTS = ("shining", "irritating", "dull", "responses")
_BATCH = 5000


def _dialect(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind is not None else "sqlite"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return _aware(moment).astimezone(zone).date()


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first instant (UTC) of local `day` (where DST skips midnight, the instant it jumps)."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


async def team_zone(*, session: AsyncSession, team_id: str) -> ZoneInfo:
    team = await session.get(Team, team_id)
    try:
        return ZoneInfo(team.timezone if team is not None else "UTC")
    except (KeyError, ValueError):  # an unknown zone is refused when the team is configured
        return ZoneInfo("UTC")


def split(start: datetime, end: datetime, zone: ZoneInfo) -> tuple[list[tuple[datetime, datetime]], tuple[date, date] | None]:
    """[start, end) as raw edge windows plus the whole local days [d0, d1) between them (None: no whole day)."""
    start, end = _aware(start), _aware(end)
    if end <= start:
        return [], None
    d0 = local_day(start, zone)
    if day_start(d0, zone) < start:
        d0 += timedelta(days=1)
    d1 = local_day(end, zone)
    if d0 >= d1:
        return [(start, end)], None
    raw = []
    if start < (first := day_start(d0, zone)):
        raw.append((start, first))
    if (last := day_start(d1, zone)) < end:
        raw.append((last, end))
    return raw, (d0, d1)


# --- maintained on write -------------------------------------------------------------------------


def _upsert(session: AsyncSession, rows: list[dict]):  # type: ignore[no-untyped-def]
    if _dialect(session) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = RatingDay.__table__  # type: ignore[attr-defined]
    statement = dialect_insert(table)
    return statement.on_conflict_do_update(
        index_elements=["team_id", "day", "mot_id"],
        set_={name: table.c[name] + statement.excluded[name] for name in _COUNTS},
    ), rows


async def add_response(
    *, session: AsyncSession, team_id: str, when: datetime, ratings: Iterable[tuple[str, str]], sign: int = 1,
    zone: ZoneInfo | None = None,
) -> None:
    """Count (sign=1) or uncount (sign=-1) one response's (mot_id, rating) pairs, all given at `when`."""
    pairs = [(m, r) for m, r in ratings if r in RATINGS]
    if not pairs:
        return
    zone = zone or await team_zone(session=session, team_id=team_id)
    day = local_day(when, zone)
    per_mot: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNTS, 0))
    for mot_id, rating in pairs:
        per_mot[mot_id][rating] += sign
        per_mot[mot_id]["responses"] = sign
    per_mot[ALL_MOTS]["responses"] = sign
    rows = [{"team_id": team_id, "day": day, "mot_id": m, **counts} for m, counts in sorted(per_mot.items())]
    statement, rows = _upsert(session, rows)
    await session.exec(statement, params=rows)  # type: ignore[call-overload]


async def upsert_counts(*, session: AsyncSession, rows: Sequence[dict]) -> None:
    """Add prepared rows ({team_id, day, mot_id, shining, irritating, dull, responses}) in batches."""
    for k in range(0, len(rows), _BATCH):
        statement, batch = _upsert(session, list(rows[k:k + _BATCH]))
        await session.exec(statement, params=batch)  # type: ignore[call-overload]


# --- rebuilt from mot_rating ---------------------------------------------------------------------


def offset_stretches(zone: ZoneInfo, lo: datetime, hi: datetime) -> list[tuple[datetime, datetime, int]]:
    """[lo, hi) cut where the zone's UTC offset changes: (from, to, offset in seconds), found by stepping
    hourly and bisecting to the second."""
    def offset(t: datetime) -> int:
        return int(t.astimezone(zone).utcoffset().total_seconds())  # type: ignore[union-attr]

    stretches, begin, current, t = [], lo, offset(lo), lo
    while t < hi:
        step = min(t + timedelta(hours=1), hi)
        if offset(step) != current:
            a, b = t, step  # offset(a) == current != offset(b)
            while b - a > timedelta(seconds=1):
                mid = a + (b - a) / 2
                a, b = (mid, b) if offset(mid) == current else (a, mid)
            stretches.append((begin, b, current))
            begin, current = b, offset(b)
        t = step
    stretches.append((begin, hi, current))
    return [s for s in stretches if s[0] < s[1]]


def _day_expr(dialect: str, seconds: int):  # type: ignore[no-untyped-def]
    """The local date of mot_rating.created_at (naive UTC) at a fixed offset; `seconds` is an int we computed."""
    if dialect == "postgresql":
        return literal_column(f"CAST(mot_rating.created_at + interval '{int(seconds)} seconds' AS date)")
    return literal_column(f"date(mot_rating.created_at, '{int(seconds):+d} seconds')")


async def rebuild_rollups(*, session: AsyncSession, team_id: str | None = None) -> int:
    """Recompute `rating_day` of one team (or all) from `mot_rating`; returns how many rows it holds now.
    Safe while feedback comes in: on PostgreSQL the table is locked against other writers first (readers
    go on), on SQLite the transaction is the only writer."""
    team_ids = [team_id] if team_id else list((await session.exec(select(Team.id).order_by(Team.id))).all())
    dialect, total = _dialect(session), 0
    if dialect == "postgresql":  # writers wait (their ratings are then counted once: by us or by their upsert)
        await session.exec(text("LOCK TABLE rating_day IN EXCLUSIVE MODE"))  # type: ignore[call-overload]
    feedback, rating = col(MotRating.feedback_id), col(MotRating.rating)
    responses = func.count(func.distinct(feedback)) + func.sum(case((feedback.is_(None), 1), else_=0))
    for tid in team_ids:
        await session.exec(delete(RatingDay).where(col(RatingDay.team_id) == tid))  # type: ignore[call-overload]
        bounds = (await session.exec(select(func.min(MotRating.created_at), func.max(MotRating.created_at))
                                     .where(MotRating.team_id == tid))).one()
        if bounds[0] is None:
            continue
        zone = await team_zone(session=session, team_id=tid)
        merged: dict[tuple[date, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNTS, 0))
        hi = _aware(bounds[1]) + timedelta(seconds=1)
        for a, b, seconds in offset_stretches(zone, _aware(bounds[0]), hi):
            day = _day_expr(dialect, seconds).label("d")
            where = (MotRating.team_id == tid, col(MotRating.created_at) >= a, col(MotRating.created_at) < b)
            per_mot = select(day, MotRating.mot_id, *(func.sum(case((rating == r, 1), else_=0)) for r in RATINGS),
                             responses).where(*where).group_by(day, MotRating.mot_id)
            for d, mot_id, s, i, dl, n in (await session.exec(per_mot)).all():
                counts = merged[(_as_date(d), mot_id)]
                for name, value in zip(_COUNTS, (s, i, dl, n), strict=True):
                    counts[name] += int(value or 0)
            every = select(day, responses).where(*where).group_by(day)
            for d, n in (await session.exec(every)).all():
                merged[(_as_date(d), ALL_MOTS)]["responses"] += int(n or 0)
        rows = [{"team_id": tid, "day": d, "mot_id": m, **c} for (d, m), c in sorted(merged.items())]
        await upsert_counts(session=session, rows=rows)
        total += len(rows)
    return total


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# --- read ------------------------------------------------------------------------------------------


def _sums() -> tuple:
    return tuple(func.coalesce(func.sum(getattr(RatingDay, name)), 0) for name in RATINGS)


async def rollup_per_mot(
    *, session: AsyncSession, team_id: str, days: tuple[date, date], mot_ids: Sequence[str] | None = None
) -> dict[str, tuple[int, int, int, int]]:
    """mot_id -> (shining, irritating, dull, responses) over local days [d0, d1)."""
    query = (select(RatingDay.mot_id, *_sums(), func.sum(RatingDay.responses))
             .where(RatingDay.team_id == team_id, col(RatingDay.day) >= days[0], col(RatingDay.day) < days[1])
             .group_by(RatingDay.mot_id))
    query = query.where(col(RatingDay.mot_id).in_(list(mot_ids))) if mot_ids else query
    return {m: (int(s), int(i), int(d), int(n or 0)) for m, s, i, d, n in (await session.exec(query)).all()}


async def rollup_per_day(
    *, session: AsyncSession, team_id: str, days: tuple[date, date], mot_ids: Sequence[str] | None = None
) -> list[tuple[date, int, int, int]]:
    """(day, shining, irritating, dull) over every MOT (or `mot_ids`) per local day in [d0, d1)."""
    query = (select(RatingDay.day, *_sums())
             .where(RatingDay.team_id == team_id, col(RatingDay.day) >= days[0], col(RatingDay.day) < days[1])
             .group_by(RatingDay.day))
    query = query.where(col(RatingDay.mot_id).in_(list(mot_ids))) if mot_ids else query
    return [(_as_date(d), int(s), int(i), int(n)) for d, s, i, n in (await session.exec(query)).all()]


async def rated_mots(*, session: AsyncSession, team_id: str) -> list[str]:
    """Every MOT the team has ratings for (from the roll-up: a few thousand rows, not every rating)."""
    query = select(RatingDay.mot_id).where(RatingDay.team_id == team_id, RatingDay.mot_id != ALL_MOTS).distinct()
    return sorted((await session.exec(query)).all())
