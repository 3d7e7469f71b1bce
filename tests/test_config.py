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


def test_slack_app_token_switches_to_socket_mode_without_a_signing_secret():
    settings = load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN=" xapp-1-A1-2-abc ")
    assert settings.slack is not None and settings.slack.socket_mode
    assert settings.slack.app_token.get_secret_value() == "xapp-1-A1-2-abc"
    assert settings.slack.signing_secret is None
    assert "xapp-1-A1-2-abc" in settings.secret_values()  # masked in logs like the other secrets
    http = load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    assert http.slack is not None and not http.slack.socket_mode
    blank = load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", SLACK_APP_TOKEN="")
    assert blank.slack is not None and not blank.slack.socket_mode


@pytest.mark.parametrize(("given", "said"), [
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "must be an app-level token (xapp-…) (that is a bot"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "A0123"}, "must be an app-level token (xapp-…): generate"),
    ({"SLACK_APP_TOKEN": "xapp-1-A1-2-abc"}, "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "or set SLACK_APP_TOKEN for Socket Mode"),
])
def test_wrong_slack_app_token_shapes_fail_with_one_clear_sentence(given, said):
    with pytest.raises(ValidationError) as caught:
        load_settings(_env_file=None, **given)
    [error] = caught.value.errors()
    assert said in error["msg"] and "\n" not in error["msg"]
    assert "xoxb-2" not in str(caught.value) and "xapp-1-A1-2-abc" not in str(caught.value)  # no token shown
