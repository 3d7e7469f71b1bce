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
