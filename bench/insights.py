"""Benchmark: managers' questions over a week, a quarter, a year and all time on up to 10,000,000 ratings.

Run from the project root:

    .venv/bin/python bench/insights.py                                   # 1,000,000 rows, SQLite and (if set) PostgreSQL
    .venv/bin/python bench/insights.py --rows 10000000 --raw-runs 0      # 10M: the roll-up only
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/insights.py
    BENCH_DATABASE_URL=postgresql://…/mydb .venv/bin/python bench/insights.py --reuse-database --backends postgresql

The rows are generated inside the database (SQLite: INSERT … SELECT over a recursive CTE;
PostgreSQL: generate_series) into a fresh schema made by `bot.db.upgrade`, spread evenly over 104
weeks for one team (Europe/London) in the 19 MOTs of the healthcare cycle; then the daily roll-up is
rebuilt from them (`store.rebuild_rollups`, timed), as after any import behind the store's back. On
PostgreSQL a throw-away database `storybot_bench_<pid>` is created next to the one in the URL and
dropped at the end, unless `--reuse-database` (then the URL's own database is emptied and used).

For each period (`--periods`) five questions (weakest, strongest, one moment, rating count, trend)
are timed through `Router.handle` (parse, queries, quotes, formatting, dialog state, turn log,
commit), p50/p99: with the roll-up (`--runs`) and, in the same run, counting every rating
(`--raw-runs`; the store functions' `rollup=False`), checking both gave the same answer.
Target: <= 200 ms on 10,000,000 ratings, SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from functools import partial
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import db, store  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.config import load_settings, sync_database_url  # noqa: E402
from bot.cycle import load_cycles  # noqa: E402
from bot.events import ConversationKey, IncomingMessage, Platform  # noqa: E402

PERIODS = {"week": "this week", "month": "this month", "quarter": "this quarter", "year": "this year",
           "12months": "in the last 12 months", "all": "of all time"}
QUESTIONS = (("weakest", "which MOTs are weakest {period}?"), ("strongest", "which moments are strongest {period}?"),
             ("detail", "how was parking {period}?"), ("count", "how many ratings {period}?"),
             ("trend", "trend for waiting {period}"))
WEEKS = 104
TEAM = "bench"
IRRITATING = {"call-appointment": 45, "find-parking": 40, "waiting-room": 42, "read-signs": 25, "wait-results": 35}

SQLITE_FILL = """
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < :n - 1)
INSERT INTO mot_rating (team_id, mot_id, rating, comment, created_at)
SELECT :team, m.mot_id,
       CASE WHEN s.r < m.irr THEN 'irritating' WHEN s.r < m.irr + m.sh THEN 'shining' ELSE 'dull' END,
       CASE WHEN s.i % 9 = 0 THEN 'Comment number ' || (s.i % 997) || ' about this moment' ELSE '' END,
       strftime('%Y-%m-%d %H:%M:%S', :start, '+' || (s.i * :step) || ' seconds') || '.000000'
FROM (SELECT i, ((i * 1103515245 + 12345) / 65536) % 100 AS r, (i * 7) % :mots AS pos FROM seq) AS s
JOIN bench_mot AS m ON m.pos = s.pos
"""
POSTGRES_FILL = """
INSERT INTO mot_rating (team_id, mot_id, rating, comment, created_at)
SELECT :team, m.mot_id,
       CASE WHEN s.r < m.irr THEN 'irritating' WHEN s.r < m.irr + m.sh THEN 'shining' ELSE 'dull' END,
       CASE WHEN s.i % 9 = 0 THEN 'Comment number ' || (s.i % 997) || ' about this moment' ELSE '' END,
       CAST(:start AS timestamp) + s.i * :step * interval '1 second'
FROM (SELECT i, ((i * 1103515245 + 12345) / 65536) % 100 AS r, (i * 7) % :mots AS pos
      FROM generate_series(0, CAST(:n AS bigint) - 1) AS i) AS s
JOIN bench_mot AS m ON m.pos = s.pos
"""


def _weeks_end() -> datetime:
    """Next Monday 00:00 UTC: the data ends there and the clock is set just before it (a full week)."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=7 - today.weekday())


async def fill(url: str, rows: int, end: datetime) -> float:
    """Team, manager and `rows` ratings; returns the seconds it took."""
    cycle = load_cycles(ROOT / "data" / "cycles")["healthcare-visit"]
    app = build_app(load_settings(DATABASE_URL=url, _env_file=None))
    started = time.perf_counter()
    try:
        async with app.sessionmaker() as session, session.begin():
            await store.upsert_team(session=session, team_id=TEAM, name="Bench Clinic", cycle_id=cycle.id,
                                    timezone="Europe/London")
            await store.upsert_person(session=session, person_id="console:dana", team_id=TEAM,
                                      display_name="Dana", role="manager")
            conn = await session.connection()
            await conn.execute(text("CREATE TEMPORARY TABLE bench_mot (pos INTEGER PRIMARY KEY, mot_id VARCHAR(64), "
                                    "irr INTEGER, sh INTEGER)"))
            await conn.execute(
                text("INSERT INTO bench_mot VALUES (:pos, :mot_id, :irr, :sh)"),
                [{"pos": i, "mot_id": m.id, "irr": IRRITATING.get(m.id, 12), "sh": 45} for i, m in enumerate(cycle.mots)],
            )
            start = end - timedelta(weeks=WEEKS)
            step = WEEKS * 7 * 86400 / rows
            sql = SQLITE_FILL if url.startswith("sqlite") else POSTGRES_FILL
            await conn.execute(text(sql), {"n": rows, "team": TEAM, "start": start.replace(tzinfo=None),
                                           "step": step, "mots": len(cycle.mots)})
            await conn.execute(text("DROP TABLE bench_mot"))
        if not url.startswith("sqlite"):
            async with app.engine.connect() as conn:
                await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(text("VACUUM ANALYZE mot_rating"))  # what autovacuum does after a bulk load
    finally:
        await app.aclose()
    return time.perf_counter() - started


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))] * 1000


def _ms(values: list[float]) -> str:
    return f"p50 {_pct(values, 0.5):7.1f} ms  p99 {_pct(values, 0.99):7.1f} ms  ({len(values)} runs)"


RAW = ("mot_stats", "count_ratings", "rating_series", "before_after", "rating_quotes")


@contextmanager
def counting_every_rating():
    """The baseline: the store's statistics without the roll-up (each function's `rollup=False`: every
    rating in the window read from mot_rating, quotes by a window function), as before issue 15."""
    saved = {name: getattr(store, name) for name in RAW}
    for name, fn in saved.items():
        setattr(store, name, partial(fn, rollup=False))
    try:
        yield
    finally:
        for name, fn in saved.items():
            setattr(store, name, fn)


async def time_question(url: str, question: str, runs: int, now: datetime, chart_dir: Path) -> tuple[list[float], str]:
    """Router.handle timings (parse, queries, formatting, state, turn log, commit) and the answer's first line."""
    app = build_app(load_settings(DATABASE_URL=url, STORYBOT_CHART_DIR=str(chart_dir), _env_file=None),
                    clock=lambda: now)
    key = ConversationKey(Platform.CONSOLE, "console", "dana")
    handled: list[float] = []
    first = ""
    try:
        for i in range(runs + 1):
            msg = IncomingMessage(key, text=question, message_id=uuid.uuid4().hex)
            started = time.perf_counter()
            replies = await app.router.handle(msg)
            if i >= 1:
                handled.append(time.perf_counter() - started)
            first = first or replies[0].text.splitlines()[0]
    finally:
        await app.aclose()
    return handled, first


async def rebuild(url: str) -> tuple[float, int]:
    app = build_app(load_settings(DATABASE_URL=url, _env_file=None))
    started = time.perf_counter()
    try:
        async with app.sessionmaker() as session, session.begin():
            rows = await store.rebuild_rollups(session=session, team_id=TEAM)
        if not url.startswith("sqlite"):
            async with app.engine.connect() as conn:
                await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(text("VACUUM ANALYZE rating_day"))
    finally:
        await app.aclose()
    return time.perf_counter() - started, rows


def plan(url: str, now: datetime) -> str:
    """The query plan of the weekly aggregate, to show the covering index is used."""
    engine = create_engine(sync_database_url(url))
    start, end = (now - timedelta(days=7)).replace(tzinfo=None), now.replace(tzinfo=None)
    sql = ("SELECT mot_id, count(*), sum(CASE WHEN rating = 'irritating' THEN 1 ELSE 0 END) FROM mot_rating "
           "WHERE team_id = :t AND created_at >= :s AND created_at < :e GROUP BY mot_id")
    try:
        with engine.connect() as conn:
            prefix = "EXPLAIN QUERY PLAN " if url.startswith("sqlite") else "EXPLAIN "
            rows = conn.execute(text(prefix + sql), {"t": TEAM, "s": start, "e": end}).all()
    finally:
        engine.dispose()
    return " | ".join(str(r[-1]) for r in rows)


def _admin(url: str, sql: str) -> None:
    engine = create_engine(sync_database_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def run(name: str, url: str, rows: int, runs: int, raw_runs: int, periods: list[str], scratch: Path) -> None:
    end = _weeks_end()
    now = end - timedelta(hours=1)
    db.upgrade(url)
    seconds = asyncio.run(fill(url, rows, end))
    print(f"{name:<10} generated {rows:,} mot_rating rows over {WEEKS} weeks in {seconds:.1f} s")
    seconds, day_rows = asyncio.run(rebuild(url))
    print(f"{name:<10} rebuilt the roll-up from them in {seconds:.1f} s: {day_rows:,} rating_day rows")
    print(f"{name:<10} plan (raw weekly aggregate): {plan(url, now)}")
    print(f"{name:<10} Router.handle per question and period (parse, queries, formatting, state, turn log, commit):")
    for period in periods:
        for kind, template in QUESTIONS:
            question = template.format(period=PERIODS[period])
            timings, answer = asyncio.run(time_question(url, question, runs, now, scratch / "charts"))
            if not answer.startswith("*"):
                raise SystemExit(f"{name}: unexpected answer to {question!r}, not timing an error path: {answer!r}")
            line = f"{name:<10} {period:<8} {kind:<9} roll-up  {_ms(timings)}"
            if raw_runs:
                with counting_every_rating():
                    raw, raw_answer = asyncio.run(time_question(url, question, raw_runs, now, scratch / "charts"))
                same = "same answer" if raw_answer == answer else f"DIFFERENT: {raw_answer!r}"
                line += f"   | raw  {_ms(raw)}  {same}"
            print(line, flush=True)
            print(f"{'':<10}   {question!r} -> {answer[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="ratings to generate (10000000 works)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per question with the roll-up")
    parser.add_argument("--raw-runs", type=int, default=3,
                        help="timed runs per question counting every rating (the baseline; 0 skips it)")
    parser.add_argument("--periods", default="week,quarter,year,all", help=f"of {','.join(PERIODS)}")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--reuse-database", action="store_true",
                        help="PostgreSQL: empty and use the URL's own database instead of a throw-away one")
    args = parser.parse_args()
    periods = [p.strip() for p in args.periods.split(",") if p.strip()]
    if unknown := [p for p in periods if p not in PERIODS]:
        raise SystemExit(f"unknown period(s) {', '.join(unknown)}; choose from {', '.join(PERIODS)}")
    backends = {b.strip() for b in args.backends.split(",")}
    print(f"bench/insights.py: {args.rows:,} rows, periods {', '.join(periods)}, full answer path (Router.handle)")
    with tempfile.TemporaryDirectory(prefix="storybot-bench-") as tmp:
        scratch = Path(tmp)
        if "sqlite" in backends:
            run("sqlite", f"sqlite:///{scratch}/bench.db", args.rows, args.runs, args.raw_runs, periods, scratch)
        if "postgresql" not in backends:
            return
        server = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
        if not server:
            print("postgresql (skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)")
            return
        if args.reuse_database:
            _admin(server, "DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            run("postgresql", sync_database_url(server), args.rows, args.runs, args.raw_runs, periods, scratch)
            return
        name = f"storybot_bench_{os.getpid()}"
        bench_url = make_url(sync_database_url(server)).set(database=name).render_as_string(hide_password=False)
        _admin(server, f'CREATE DATABASE "{name}"')
        try:
            run("postgresql", bench_url, args.rows, args.runs, args.raw_runs, periods, scratch)
        finally:
            _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
