"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from bot import db
from bot.config import sync_database_url


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
