import pytest
from pydantic import ValidationError

from bot.config import load_settings, normalise_database_url, sync_database_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ],
)
def test_database_url_normalised(given, expected):
    assert normalise_database_url(given) == expected
    assert sync_database_url(given).startswith(("postgresql+psycopg://", "sqlite://"))


def test_platforms_off_without_tokens():
    settings = load_settings(_env_file=None)
    assert settings.slack is None and settings.telegram is None


def test_bad_combinations_fail_clearly():
    with pytest.raises(ValidationError, match="TELEGRAM_WEBHOOK_URL"):
        load_settings(_env_file=None, TELEGRAM_BOT_TOKEN="1:x", TELEGRAM_MODE="webhook")
    with pytest.raises(ValidationError, match="SLACK_SIGNING_SECRET"):
        load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1")
    with pytest.raises(ValidationError, match="TELEGRAM_MODE"):
        load_settings(_env_file=None, TELEGRAM_MODE="carrier-pigeon")


def test_env_variables_by_exact_name(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")
    settings = load_settings(_env_file=None)
    assert settings.slack.api_url == "http://127.0.0.1:9/api/"
    assert settings.slack.bot_token.get_secret_value() == "xoxb-1"
