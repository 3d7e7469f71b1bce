"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from bot import db
from bot.config import ConfigurationError, sync_database_url


def _diff(url: str) -> list:
    engine = create_engine(sync_database_url(url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def test_upgrade_head_matches_models_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path}/m.db"
    db.upgrade(url)
    assert _diff(url) == []
    engine = create_engine(sync_database_url(url))
    assert "alembic_version" in inspect(engine).get_table_names()
    engine.dispose()


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")
def test_upgrade_head_matches_models_postgres():
    url = os.environ["TEST_DATABASE_URL"]
    engine = create_engine(sync_database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    db.upgrade(url)
    assert _diff(url) == []


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"))])
def test_rollup_migration_fills_rating_day_from_existing_ratings(tmp_path, backend):
    """0008 creates `rating_day` and fills it from the ratings already stored, by each team's local day
    (a London rating at 23:30 UTC in summer is the next local day), responses counted once per day."""
    url = f"sqlite:///{tmp_path}/r.db" if backend == "sqlite" else os.environ["TEST_DATABASE_URL"]
    engine = create_engine(sync_database_url(url))
    if backend == "postgres":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    db.upgrade(url, "0007")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO team (id, name, cycle_id, timezone, channels, settings, created_at) VALUES "
                          "('t', 'T', 'c', 'Europe/London', '{}', '{}', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO visit_feedback (id, team_id, free_text, contact_opt_in, created_at) VALUES "
                          "(1, 't', '', false, '2026-07-01 23:30:00'), (2, 't', '', false, '2026-07-01 12:00:00')"))
        conn.execute(text("INSERT INTO mot_rating (feedback_id, team_id, mot_id, rating, comment, created_at) VALUES "
                          "(1, 't', 'a', 'shining', '', '2026-07-01 23:30:00'),"
                          "(1, 't', 'b', 'dull', '', '2026-07-01 23:30:00'),"
                          "(2, 't', 'a', 'irritating', '', '2026-07-01 12:00:00')"))
    db.upgrade(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT day, mot_id, shining, irritating, dull, responses FROM rating_day "
                                 "ORDER BY day, mot_id")).all()
    engine.dispose()
    assert [(str(r[0]), *r[1:]) for r in rows] == [("2026-07-01", "*", 0, 0, 0, 1), ("2026-07-01", "a", 0, 1, 0, 1),
                                        ("2026-07-02", "*", 0, 0, 0, 1), ("2026-07-02", "a", 1, 0, 0, 1),
                                        ("2026-07-02", "b", 0, 0, 1, 1)]
    assert _diff(url) == []


def _fresh(kind: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if kind == "sqlite":
        return f"sqlite:///{tmp_path}/race.db"
    url = os.environ["TEST_DATABASE_URL"]
    engine = create_engine(sync_database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"))])
def test_processes_starting_at_once_take_turns_to_migrate(kind, tmp_path):
    """Four start-ups at the same moment on an empty database: under the migration lock one applies
    the migrations and the others find them applied; none fails."""
    import threading

    url = _fresh(kind, tmp_path)
    barrier, results = threading.Barrier(4), []

    def start() -> None:
        barrier.wait()
        try:
            results.append(db.prepare_schema(url, auto_migrate=True))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            results.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(map(repr, results)) == sorted([repr(db.head_revision())] + [repr(None)] * 3), results
    assert _diff(url) == []


def test_auto_migrate_off_refuses_a_database_behind_and_names_the_command(tmp_path):
    url = f"sqlite:///{tmp_path}/old.db"
    db.upgrade(url, "0005")
    with pytest.raises(ConfigurationError, match=r"behind .*\(0005, needs .*\): run `storybot db upgrade`"):
        db.prepare_schema(url, auto_migrate=False)
    assert db.prepare_schema(url, auto_migrate=True) == db.head_revision()
    assert db.prepare_schema(url, auto_migrate=False) is None
