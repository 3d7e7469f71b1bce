"""Benchmark: a manager's "which MOTs are weakest this week?" over 1,000,000 mot_rating rows.

Run from the project root:

    .venv/bin/python bench/insights.py                       # SQLite (a temp file)
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/insights.py
    .venv/bin/python bench/insights.py --rows 200000 --runs 50

The rows are generated inside the database (SQLite: INSERT … SELECT over a recursive CTE;
PostgreSQL: generate_series) into a fresh schema made by `bot.db.upgrade`. On PostgreSQL a
throw-away database `storybot_bench_<pid>` is created next to the one in the URL and dropped at the
end, so the URL's own database is never touched. The rows are spread evenly over 104 weeks
(~9,600 per week) for one team, in the 19 MOTs of the healthcare cycle.

Two timings per question, without the chart, p50/p95/max over `--runs` runs after two warm-ups:
the answer path (parse, the aggregate queries for this and the previous period, the quotes,
formatting: `ask.parse` + `ask.answer` in an open session), and the whole of `Router.handle` around
it (claiming the message id, dialog state, turn log, commit). Target: <= 200 ms on SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import db, store  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.config import load_settings, sync_database_url  # noqa: E402
from bot.cycle import load_cycles  # noqa: E402
from bot.dialogs import ask  # noqa: E402
from bot.dialogs.engine import Actor, DialogContext  # noqa: E402
from bot.events import ConversationKey, IncomingMessage, Platform  # noqa: E402

QUESTION = "which MOTs are weakest this week?"
HEAVY = "worst touchpoints in the last 12 months"
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


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"p50 {statistics.median(values) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   max {values[-1] * 1000:6.1f} ms"


async def time_answers(
    url: str, question: str, runs: int, now: datetime, chart_dir: Path
) -> tuple[list[float], list[float], str]:
    """(Router.handle timings, parse + answer timings inside one open session, the answer's first line)."""
    app = build_app(load_settings(DATABASE_URL=url, STORYBOT_CHART_DIR=str(chart_dir), _env_file=None),
                    clock=lambda: now)
    router = app.router
    key = ConversationKey(Platform.CONSOLE, "console", "dana")
    handled: list[float] = []
    answered: list[float] = []
    first = ""
    try:
        for i in range(runs + 2):
            msg = IncomingMessage(key, text=question, message_id=uuid.uuid4().hex)
            started = time.perf_counter()
            replies = await router.handle(msg)
            if i >= 2:
                handled.append(time.perf_counter() - started)
            first = first or replies[0].text.splitlines()[0]
        async with app.sessionmaker() as session:
            team = await store.get_team(session=session, team_id=TEAM)
            services = replace(app.services, session=session)
            ctx = DialogContext(key, now, Actor("console:dana", "Dana", "manager", TEAM), team,
                                app.cycles[team.cycle_id], services)
            for i in range(runs + 2):
                started = time.perf_counter()
                people = [p.display_name for p in await store.list_people(session=session, team_id=TEAM)]
                replies = await ask.answer(ctx, ask.parse(ctx, question, people))
                if i >= 2:
                    answered.append(time.perf_counter() - started)
    finally:
        await app.aclose()
    return handled, answered, first


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


def run(name: str, url: str, rows: int, runs: int, scratch: Path) -> None:
    end = _weeks_end()
    now = end - timedelta(hours=1)
    db.upgrade(url)
    seconds = asyncio.run(fill(url, rows, end))
    print(f"{name:<10} generated {rows:,} mot_rating rows over {WEEKS} weeks in {seconds:.1f} s")
    print(f"{name:<10} plan: {plan(url, now)}")
    for question, count in ((QUESTION, runs), (HEAVY, max(3, runs // 4))):
        handled, answered, answer = asyncio.run(time_answers(url, question, count, now, scratch / "charts"))
        if not answer.startswith("*Weakest moments"):
            raise SystemExit(f"{name}: unexpected answer, not timing an error path: {answer!r}")
        print(f"{name:<10} {question!r} -> {answer}")
        print(f"{'':<10}   Router.handle (state + turn log + commit) {count:>3} runs: {_ms(handled)}")
        print(f"{'':<10}   parse + queries + formatting             {count:>3} runs: {_ms(answered)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(f"bench/insights.py: {args.rows:,} rows, full answer path (Router.handle, no chart)")
    with tempfile.TemporaryDirectory(prefix="storybot-bench-") as tmp:
        scratch = Path(tmp)
        run("sqlite", f"sqlite:///{scratch}/bench.db", args.rows, args.runs, scratch)
        server = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
        if not server:
            print("postgresql (skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)")
            return
        name = f"storybot_bench_{os.getpid()}"
        bench_url = make_url(sync_database_url(server)).set(database=name).render_as_string(hide_password=False)
        _admin(server, f'CREATE DATABASE "{name}"')
        try:
            run("postgresql", bench_url, args.rows, args.runs, scratch)
        finally:
            _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
