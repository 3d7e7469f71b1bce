"""The daily roll-up (bot/store/rollup.py) answers exactly what counting every rating answers: every
statistics function run both ways on random data (replaced responses, ratings near local midnight,
two DST changes, a zone change), on SQLite and PostgreSQL (the `app` fixture)."""

from __future__ import annotations

import random
from dataclasses import astuple
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete
from sqlmodel import select

from bot import insight, store
from bot.models import MotRating, RatingCreate, RatingDay
from bot.nlp.period import named_period
from bot.store.rollup import ALL_MOTS, offset_stretches, split
from tests.conftest import TEAM

MOTS = ("welcome", "waiting", "treatment", "payment", "goodbye")
RATINGS = ("shining", "irritating", "dull")
SENTIMENTS = ("positive", "negative", "neutral", None)
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


async def _seed(app, rng: random.Random, n: int = 400) -> None:  # type: ignore[no-untyped-def]
    """Responses over ~14 months, a third of them within two hours of a local midnight, some replaced
    (a second response of the same responder to the same visit), some on the DST days of 2026."""
    start = NOW - timedelta(days=420)
    special = [datetime(2026, 3, 29, 0, 30, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
               datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)]
    async with app.sessionmaker() as session, session.begin():
        for k in range(n):
            if k < len(special) * 3:
                when = special[k % len(special)] + timedelta(minutes=k)
            elif rng.random() < 0.33:
                day = (start + timedelta(days=rng.randrange(420))).astimezone(LONDON).date()
                midnight = datetime.combine(day, datetime.min.time(), tzinfo=LONDON)
                when = (midnight + timedelta(minutes=rng.randint(-120, 120))).astimezone(UTC)
            else:
                when = start + timedelta(seconds=rng.randrange(420 * 86400))
            mots = rng.sample(MOTS, rng.randint(1, 4))
            ratings = [RatingCreate(mot_id=m, rating=rng.choice(RATINGS), comment=f"said {k}" if rng.random() < .3 else "")
                       for m in mots]
            visit = f"v{rng.randrange(n // 3)}" if rng.random() < 0.4 else None
            responder = f"anon:{rng.randrange(3)}" if visit else None
            if visit:
                await store.create_visit(session=session, ref=visit, team_id=TEAM)
            said = f"told {k}" if rng.random() < 0.3 else ""  # a customer's own comment, quoted with the ratings
            await store.create_feedback(session=session, team_id=TEAM, visit_ref=visit, responder=responder,
                                        ratings=ratings, created_at=when, free_text=said,
                                        free_text_mot_id=rng.choice((*MOTS, None)) if said else None,
                                        free_text_sentiment=rng.choice(SENTIMENTS) if said else None)


def _windows(rng: random.Random) -> list[tuple[datetime, datetime]]:
    named = [named_period(name, now=NOW, tz="Europe/London") for name in
             ("today", "this_week", "last_week", "this_month", "this_quarter", "last_quarter", "this_year",
              "last_year", "last_30_days", "all_time")]
    windows = [(p.start, p.end) for p in named]
    windows += [(datetime(2026, 3, 28, tzinfo=LONDON), datetime(2026, 3, 30, tzinfo=LONDON)),  # spring forward
                (datetime(2026, 10, 25, tzinfo=LONDON), datetime(2026, 10, 26, tzinfo=LONDON)),  # fall back
                (NOW - timedelta(days=40, hours=3), NOW)]  # not whole days at either end
    for _ in range(12):
        a = NOW - timedelta(seconds=rng.randrange(430 * 86400))
        windows.append((a, a + timedelta(seconds=rng.randrange(1, 200 * 86400))))
    return windows


async def _compare_everything(app, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    checked = 0
    async with app.sessionmaker() as session:
        for start, end in _windows(rng):
            for mot_ids in (None, ["waiting"], ["waiting", "payment"]):
                kw = {"session": session, "team_id": TEAM, "start": start, "end": end, "mot_ids": mot_ids}
                assert await store.mot_stats(**kw) == await store.mot_stats(**kw, rollup=False), (start, end)
                assert await store.count_ratings(**kw) == await store.count_ratings(**kw, rollup=False), (start, end)
                local = start.astimezone(LONDON)
                edges, _ = insight.series_edges(local, end.astimezone(LONDON))
                for bounds in (edges, [start, start + (end - start) / 3, end]):
                    skw = {"session": session, "team_id": TEAM, "bounds": bounds, "mot_ids": mot_ids}
                    assert await store.rating_series(**skw) == await store.rating_series(**skw, rollup=False)
                checked += 1
            for mot_ids in (None, ["waiting"], ["waiting", "payment"]):
                for per_group, ratings in ((1, ("shining", "irritating")), (3, ("irritating",)), (2, RATINGS)):
                    qkw = {"session": session, "team_id": TEAM, "start": start, "end": end, "mot_ids": mot_ids,
                           "per_group": per_group, "ratings": ratings}
                    fast, reference = await store.rating_quotes(**qkw), await store.rating_quotes(**qkw, rollup=False)
                    assert sorted(map(astuple, fast)) == sorted(map(astuple, reference))
            bkw = {"session": session, "team_id": TEAM, "mot_id": "waiting", "since": start, "now": end}
            assert await store.before_after(**bkw) == await store.before_after(**bkw, rollup=False)
    return checked


async def _rows(app) -> dict:  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session:
        rows = (await session.exec(select(RatingDay))).all()
    return {(r.team_id, r.day, r.mot_id): (r.shining, r.irritating, r.dull, r.responses) for r in rows
            if (r.shining, r.irritating, r.dull, r.responses) != (0, 0, 0, 0)}


async def test_rollup_answers_equal_raw_counts(app):  # type: ignore[no-untyped-def]
    rng = random.Random(15)
    await _seed(app, rng)
    async with app.sessionmaker() as session:
        total, customers = await store.count_ratings(session=session, team_id=TEAM, start=NOW - timedelta(days=500),
                                                     end=NOW + timedelta(days=1))
    assert total.n > 800 and 0 < customers < total.n  # replaced responses are gone, several ratings each
    assert await _compare_everything(app, rng) > 60


async def test_rebuild_gives_the_rows_maintained_on_write(app):  # type: ignore[no-untyped-def]
    await _seed(app, random.Random(7), n=200)
    maintained = await _rows(app)
    assert any(key[2] == ALL_MOTS for key in maintained)
    async with app.sessionmaker() as session, session.begin():
        assert await store.rebuild_rollups(session=session) == len(maintained)
    assert await _rows(app) == maintained


async def test_zone_change_rebuilds_the_team_rollup(app):  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    await _seed(app, rng, n=150)
    london = await _rows(app)
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id=TEAM, name="Riverside Clinic", cycle_id="healthcare-visit",
                                timezone="Australia/Sydney")
    sydney = await _rows(app)
    assert sydney != london  # ratings moved between local days
    assert sum(v[0] for v in sydney.values()) == sum(v[0] for v in london.values())
    async with app.sessionmaker() as session:
        for start, end in _windows(rng):
            kw = {"session": session, "team_id": TEAM, "start": start, "end": end}
            assert await store.mot_stats(**kw) == await store.mot_stats(**kw, rollup=False)
            assert await store.count_ratings(**kw) == await store.count_ratings(**kw, rollup=False)


async def test_replaced_response_is_counted_once(app):  # type: ignore[no-untyped-def]
    first, second = NOW - timedelta(days=3), NOW - timedelta(hours=1)
    async with app.sessionmaker() as session, session.begin():
        await store.create_visit(session=session, ref="v1", team_id=TEAM)
        for when, rating in ((first, "irritating"), (second, "shining")):
            await store.create_feedback(session=session, team_id=TEAM, visit_ref="v1", responder="anon:1",
                                        ratings=[RatingCreate(mot_id="waiting", rating=rating)], created_at=when)
    rows = await _rows(app)
    assert rows == {(TEAM, second.astimezone(LONDON).date(), "waiting"): (1, 0, 0, 1),
                    (TEAM, second.astimezone(LONDON).date(), ALL_MOTS): (0, 0, 0, 1)}


def test_split_cuts_whole_local_days_and_raw_edges():
    start = datetime(2026, 3, 28, 15, 0, tzinfo=LONDON)
    end = datetime(2026, 3, 31, 6, 0, tzinfo=LONDON)
    raw, days = split(start, end, LONDON)
    assert days == (date(2026, 3, 29), date(2026, 3, 31))
    assert raw == [(start, datetime(2026, 3, 29, 0, 0, tzinfo=UTC)), (datetime(2026, 3, 30, 23, 0, tzinfo=UTC), end)]
    assert split(start, start + timedelta(hours=2), LONDON) == ([(start, start + timedelta(hours=2))], None)
    midnight = datetime(2026, 1, 1, tzinfo=LONDON)
    assert split(midnight, midnight + timedelta(days=7), LONDON) == ([], (date(2026, 1, 1), date(2026, 1, 8)))


def test_offset_stretches_find_both_dst_changes():
    stretches = offset_stretches(LONDON, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert [(a, s) for a, _, s in stretches] == [(datetime(2026, 1, 1, tzinfo=UTC), 0),
                                                  (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 3600),
                                                  (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 0)]
    assert offset_stretches(ZoneInfo("UTC"), NOW, NOW + timedelta(days=400)) == [(NOW, NOW + timedelta(days=400), 0)]


async def test_whole_days_are_read_from_the_rollup(app):  # type: ignore[no-untyped-def]
    """Proof that the roll-up (not mot_rating) answers whole days: rows deleted behind the store's back
    still count until the roll-up is rebuilt."""
    await _seed(app, random.Random(5), n=60)
    year = named_period("this_year", now=NOW, tz="Europe/London")
    async with app.sessionmaker() as session, session.begin():
        before = await store.mot_stats(session=session, team_id=TEAM, start=year.start, end=year.end)
        await session.exec(delete(MotRating))  # type: ignore[call-overload]
        assert await store.mot_stats(session=session, team_id=TEAM, start=year.start, end=year.end) == before
        assert before and await store.mot_stats(session=session, team_id=TEAM, start=year.start, end=year.end,
                                                rollup=False) == {}
        await store.rebuild_rollups(session=session, team_id=TEAM)
        assert await store.mot_stats(session=session, team_id=TEAM, start=year.start, end=year.end) == {}


def test_seed_fills_the_rollup_and_the_rebuild_command_keeps_it(tmp_path):
    """`storybot seed` goes through the store, so the roll-up is filled as ratings are stored;
    `storybot db rebuild-rollups` recomputes the same rows; an unknown team is one clear line."""
    import sqlite3

    from typer.testing import CliRunner

    from bot.cli import build_cli

    url = f"sqlite:///{tmp_path}/cli.db"
    runner = CliRunner()
    assert runner.invoke(build_cli(), ["db", "upgrade", "--database-url", url]).exit_code == 0
    seeded = runner.invoke(build_cli(), ["seed", "--database-url", url, "--weeks", "2"])
    assert seeded.exit_code == 0, seeded.output
    query = "SELECT team_id, day, mot_id, shining, irritating, dull, responses FROM rating_day ORDER BY 1, 2, 3"
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        filled = conn.execute(query).fetchall()
        raw = conn.execute("SELECT count(*) FROM mot_rating").fetchone()[0]
    assert raw and sum(s + i + d for _, _, _, s, i, d, _ in filled) == raw
    rebuilt = runner.invoke(build_cli(), ["db", "rebuild-rollups", "--database-url", url])
    assert rebuilt.exit_code == 0 and f"{len(filled)} day row(s)" in rebuilt.output
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        assert conn.execute(query).fetchall() == filled
    unknown = runner.invoke(build_cli(), ["db", "rebuild-rollups", "--database-url", url, "--team", "nope"])
    assert unknown.exit_code == 2 and "No team 'nope'" in unknown.output and "Traceback" not in unknown.output
