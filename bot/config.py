"""Typed settings, read once by `load_settings()` and passed down. Never instantiated at import time."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


class SlackSettings(BaseModel):
    bot_token: SecretStr
    signing_secret: SecretStr
    api_url: str = "https://slack.com/api/"
    timeout: float = 10.0  # seconds for one Web API call (STORYBOT_SEND_TIMEOUT_SECONDS)


class TelegramSettings(BaseModel):
    bot_token: SecretStr
    api_base_url: str = "https://api.telegram.org/bot"
    api_file_url: str = "https://api.telegram.org/file/bot"
    mode: str = "webhook"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    timeout: float = 10.0  # seconds to wait for a Bot API answer (STORYBOT_SEND_TIMEOUT_SECONDS)


def normalise_database_url(url: str) -> str:
    """Return the async SQLAlchemy URL for a DATABASE_URL as Heroku-style hosts and users write it."""
    url = url.strip()
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite://") and not url.startswith("sqlite+aiosqlite://"):
        url = "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


def sync_database_url(url: str) -> str:
    """The same database for synchronous tools (Alembic, APScheduler's job store)."""
    url = normalise_database_url(url)
    return url.replace("sqlite+aiosqlite://", "sqlite://", 1)


class Settings(BaseSettings):
    """Every knob of the bot. Environment variables (or `.env`) by their exact names."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default="sqlite:///storybot.db", validation_alias="DATABASE_URL")
    port: int = Field(default=8000, validation_alias="PORT")

    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_api_url: str = Field(default="https://slack.com/api/", validation_alias="SLACK_API_URL")

    telegram_bot_token: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot", validation_alias="TELEGRAM_API_BASE_URL"
    )
    telegram_api_file_url: str = Field(
        default="https://api.telegram.org/file/bot", validation_alias="TELEGRAM_API_FILE_URL"
    )
    telegram_mode: str = Field(default="webhook", validation_alias="TELEGRAM_MODE")
    telegram_webhook_url: str | None = Field(default=None, validation_alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_WEBHOOK_SECRET")
    # How long a call to Slack or Telegram may take; a later answer counts as lost (the message may
    # have been posted, so it is not sent again blindly: docs/recognition.md).
    send_timeout_seconds: float = Field(default=10.0, gt=0, validation_alias="STORYBOT_SEND_TIMEOUT_SECONDS")

    teams_file: Path | None = Field(default=None, validation_alias="STORYBOT_TEAMS_FILE")
    cycles_dir: Path = Field(default=DATA_DIR / "cycles", validation_alias="STORYBOT_CYCLES_DIR")
    model_dir: Path = Field(default=DATA_DIR / "models" / "nhs-fft-v6", validation_alias="STORYBOT_MODEL_DIR")
    retrain_seconds: float = Field(default=300.0, ge=0, validation_alias="STORYBOT_RETRAIN_SECONDS")
    default_team: str | None = Field(default=None, validation_alias="STORYBOT_DEFAULT_TEAM")
    dialog_timeout_minutes: int = Field(default=60 * 24, ge=1, validation_alias="STORYBOT_DIALOG_TIMEOUT_MINUTES")
    anonymiser_salt: SecretStr = Field(
        default=SecretStr("storybot-local-salt"), validation_alias="STORYBOT_ANON_SALT"
    )
    max_message_chars: int = Field(default=4000, ge=100, validation_alias="STORYBOT_MAX_MESSAGE_CHARS")
    chart_dir: Path = Field(default=Path("charts"), validation_alias="STORYBOT_CHART_DIR")
    run_scheduler: bool = Field(default=True, validation_alias="STORYBOT_RUN_SCHEDULER")
    # Weekly shout-out, digest and nudges (docs/recognition.md); teams override these in their settings.
    recognition_approval: bool = Field(default=False, validation_alias="STORYBOT_RECOGNITION_APPROVAL")
    nudge_weeks: int = Field(default=0, ge=0, le=52, validation_alias="STORYBOT_NUDGE_WEEKS")
    weekly_retry_seconds: list[int] = Field(
        default_factory=lambda: [120, 900], validation_alias="STORYBOT_WEEKLY_RETRY_SECONDS"
    )  # back-off before each retry of a failed weekly post: [120, 900] = 3 attempts in all
    misfire_grace_seconds: int = Field(default=6 * 3600, ge=60, validation_alias="STORYBOT_MISFIRE_GRACE_SECONDS")
    scheduler_tick_seconds: float = Field(default=60.0, gt=0, validation_alias="STORYBOT_SCHEDULER_TICK_SECONDS")

    @field_validator("telegram_mode")
    @classmethod
    def _check_mode(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in {"webhook", "polling"}:
            raise ValueError("TELEGRAM_MODE must be 'webhook' or 'polling'")
        return value

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @model_validator(mode="after")
    def _check_combinations(self) -> "Settings":
        if self.slack_bot_token and not self.slack_signing_secret:
            raise ValueError("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing")
        if self.telegram_bot_token and self.telegram_mode == "webhook" and not self.telegram_webhook_url:
            raise ValueError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL (or set TELEGRAM_MODE=polling)")
        return self

    @property
    def slack(self) -> SlackSettings | None:
        """Slack is on only when its token is present."""
        if not self.slack_bot_token or not self.slack_signing_secret:
            return None
        return SlackSettings(
            bot_token=self.slack_bot_token, signing_secret=self.slack_signing_secret, api_url=self.slack_api_url,
            timeout=self.send_timeout_seconds,
        )

    @property
    def telegram(self) -> TelegramSettings | None:
        """Telegram is on only when its token is present."""
        if not self.telegram_bot_token:
            return None
        return TelegramSettings(
            bot_token=self.telegram_bot_token,
            api_base_url=self.telegram_api_base_url,
            api_file_url=self.telegram_api_file_url,
            mode=self.telegram_mode,
            webhook_url=self.telegram_webhook_url,
            webhook_secret=self.telegram_webhook_secret,
            timeout=self.send_timeout_seconds,
        )


def load_settings(**overrides: object) -> Settings:
    """Read the environment (and `.env`) once; keyword overrides win (used by the CLI and tests)."""
    return Settings(**overrides)  # type: ignore[arg-type]
