"""Typed settings, read once by `load_settings()` and passed down. Never instantiated at import time."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
# Used only where STORYBOT_ANON_KEY is not set and the deployment is not in production mode (the demo,
# the console, local fakes): `storybot web`/`scheduler` refuse to serve a platform with it.
DEVELOPMENT_ANON_KEY = "storybot-development-key-do-not-use-in-production"
MIN_KEY_CHARS = 16
TELEGRAM_TOKEN = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")  # <bot id>:<secret>, as @BotFather hands it out


class ConfigurationError(RuntimeError):
    """Settings the bot must not run with; the message is one line that says what to change."""


class SlackSettings(BaseModel):
    """Slack over HTTP (Events API requests signed with `signing_secret`) or, with an app-level
    `app_token` (xapp-…), over Socket Mode: a websocket the bot opens, so no public URL is needed."""

    bot_token: SecretStr
    signing_secret: SecretStr | None = None
    app_token: SecretStr | None = None
    api_url: str = "https://slack.com/api/"
    timeout: float = 10.0  # seconds for one Web API call (STORYBOT_SEND_TIMEOUT_SECONDS)

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None


class TelegramSettings(BaseModel):
    bot_token: SecretStr
    api_base_url: str = "https://api.telegram.org/bot"
    api_file_url: str = "https://api.telegram.org/file/bot"
    mode: str = "webhook"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    set_webhook: bool = True  # register the webhook at start (TELEGRAM_SET_WEBHOOK; --workers N: the first only)
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

    # hide_input_in_errors: a rejected value may be a token or a secret; the error names the variable instead.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      hide_input_in_errors=True)

    database_url: str = Field(default="sqlite:///storybot.db", validation_alias="DATABASE_URL")
    port: int = Field(default=8000, ge=1, le=65535, validation_alias="PORT")
    # `web`, `scheduler`, `console` and the other commands that use the database apply pending
    # migrations on start (bot/startup.py); false: a database behind the code stops them instead.
    auto_migrate: bool = Field(default=True, validation_alias="STORYBOT_AUTO_MIGRATE")

    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_api_url: str = Field(default="https://slack.com/api/", validation_alias="SLACK_API_URL")
    # An app-level token (xapp-…, scope connections:write) switches Slack to Socket Mode.
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")

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
    # Several processes or hosts serving one bot: setWebhook from one of them (Telegram answers calls
    # closer than ~1 s apart with 429). `storybot web --workers N` turns it off in all but the first.
    telegram_set_webhook: bool = Field(default=True, validation_alias="TELEGRAM_SET_WEBHOOK")
    # How long a call to Slack or Telegram may take; a later answer counts as lost (the message may
    # have been posted, so it is not sent again blindly: docs/recognition.md).
    send_timeout_seconds: float = Field(default=10.0, gt=0, validation_alias="STORYBOT_SEND_TIMEOUT_SECONDS")

    teams_file: Path | None = Field(default=None, validation_alias="STORYBOT_TEAMS_FILE")
    cycles_dir: Path = Field(default=DATA_DIR / "cycles", validation_alias="STORYBOT_CYCLES_DIR")
    model_dir: Path = Field(default=DATA_DIR / "models" / "nhs-fft-v6", validation_alias="STORYBOT_MODEL_DIR")
    retrain_seconds: float = Field(default=300.0, ge=0, validation_alias="STORYBOT_RETRAIN_SECONDS")
    default_team: str | None = Field(default=None, validation_alias="STORYBOT_DEFAULT_TEAM")
    dialog_timeout_minutes: int = Field(default=60 * 24, ge=1, validation_alias="STORYBOT_DIALOG_TIMEOUT_MINUTES")
    # The key of customers' pseudonyms and of stored message ids (bot/pseudonym.py). Required in
    # production (`production_problem`); STORYBOT_ANON_SALT is its old name, still read.
    anon_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("STORYBOT_ANON_KEY", "STORYBOT_ANON_SALT")
    )
    environment: str = Field(default="production", validation_alias="STORYBOT_ENV")
    # Retention (bot/retention.py): turn log, de-duplication ids, and abandoned conversations.
    turn_retention_days: int = Field(default=90, ge=1, validation_alias="STORYBOT_TURN_RETENTION_DAYS")
    event_retention_days: int = Field(default=14, ge=1, validation_alias="STORYBOT_EVENT_RETENTION_DAYS")
    expired_state_hours: int = Field(default=24, ge=0, validation_alias="STORYBOT_EXPIRED_STATE_HOURS")
    purge_interval_minutes: float = Field(default=60.0, gt=0, validation_alias="STORYBOT_PURGE_INTERVAL_MINUTES")
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
    # A weekly post's attempt is held by its process while it runs (renewed every third of this): a
    # scheduler that dies mid-post loses it this long after, and another process's sweep takes it up.
    weekly_lease_seconds: float = Field(default=30.0, ge=3, validation_alias="STORYBOT_WEEKLY_LEASE_SECONDS")
    # The durable inbox (bot/inbox.py): how long a worker holds an event before another process may take
    # it (a process killed mid-event on PostgreSQL; SQLite releases at start), and how long SIGTERM waits
    # for events in hand before handing them back.
    inbox_lease_seconds: float = Field(default=15.0, gt=0, validation_alias="STORYBOT_INBOX_LEASE_SECONDS")
    inbox_grace_seconds: float = Field(default=5.0, ge=0, le=9, validation_alias="STORYBOT_INBOX_GRACE_SECONDS")
    # `storybot web`: how much lower the turn processes' CPU priority is than the web processes' (nice(2)):
    # an ack has a deadline, a turn waits safely in the inbox (bot/cli/web.py; 0: the same priority).
    turn_niceness: int = Field(default=5, ge=0, le=19, validation_alias="STORYBOT_TURN_NICENESS")
    # PostgreSQL: wait for the disk before acking (survives a crash of the database server too; slower acks).
    inbox_wait_for_disk: bool = Field(default=False, validation_alias="STORYBOT_INBOX_WAIT_FOR_DISK")
    # The durable outbox (bot/outbox.py): a reply not sent this long after its turn (429s, an outage) is
    # given up and recorded; on SIGTERM, after the inbox's grace, how long sends in flight may take.
    outbox_give_up_seconds: float = Field(default=600.0, gt=0, validation_alias="STORYBOT_OUTBOX_GIVE_UP_SECONDS")
    outbox_grace_seconds: float = Field(default=3.0, ge=0, le=4, validation_alias="STORYBOT_OUTBOX_GRACE_SECONDS")
    # PostgreSQL: how long a sender holds a request it is sending (renewed every third of this while it
    # lives): a killed process's request is recorded "maybe sent" this long after, and its conversation's
    # next replies go on (SQLite: at start).
    outbox_lease_seconds: float = Field(default=15.0, ge=3, validation_alias="STORYBOT_OUTBOX_LEASE_SECONDS")

    @field_validator("telegram_mode")
    @classmethod
    def _check_mode(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in {"webhook", "polling"}:
            raise ValueError("TELEGRAM_MODE must be 'webhook' or 'polling'")
        return value

    @field_validator("environment")
    @classmethod
    def _check_environment(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in {"production", "development"}:
            raise ValueError("STORYBOT_ENV must be 'production' or 'development'")
        return value

    @field_validator("anon_key")
    @classmethod
    def _check_anon_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if len(value.get_secret_value()) < MIN_KEY_CHARS:
            raise ValueError(f"STORYBOT_ANON_KEY must be at least {MIN_KEY_CHARS} characters (e.g. `openssl rand -hex 32`)")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _check_app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        token = value.get_secret_value().strip()
        if not token.startswith("xapp-"):
            kind = " (that is a bot or user token)" if token.startswith("xox") else ""
            raise ValueError("must be an app-level token (xapp-…)" + kind + ": generate one in your Slack app's Basic "
                             "Information -> App-Level Tokens, with the connections:write scope")
        return SecretStr(token)

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        url = normalise_database_url(value)
        if not url.startswith(("sqlite+aiosqlite://", "postgresql+psycopg://")):
            raise ValueError("must look like sqlite:///path/to/storybot.db or postgresql://user:password@host/dbname")
        return url

    @field_validator("slack_bot_token")
    @classmethod
    def _check_slack_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not value.get_secret_value().strip().startswith("xoxb-"):
            raise ValueError("must be the bot token (xoxb-…) from your Slack app's OAuth & Permissions page")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_bot_token")
    @classmethod
    def _check_telegram_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not TELEGRAM_TOKEN.match(value.get_secret_value().strip()):
            raise ValueError("must look like 123456789:AAH… (the token @BotFather gave you)")
        return SecretStr(value.get_secret_value().strip())

    @model_validator(mode="after")
    def _check_combinations(self) -> "Settings":
        if self.slack_bot_token and not (self.slack_signing_secret or self.slack_app_token):
            raise ValueError("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing "
                             "(or set SLACK_APP_TOKEN for Socket Mode)")
        if self.slack_app_token and not self.slack_bot_token:
            raise ValueError("SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing: Socket Mode needs both "
                             "(the xoxb- token from OAuth & Permissions)")
        if self.telegram_bot_token and self.telegram_mode == "webhook" and not self.telegram_webhook_url:
            raise ValueError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL (or set TELEGRAM_MODE=polling)")
        return self

    def secret_values(self) -> list[str]:
        """Every secret these settings hold, for masking in logs and errors (bot/secret_mask.py)."""
        values = [s.get_secret_value() for s in (self.slack_bot_token, self.slack_signing_secret,
                                                 self.slack_app_token, self.telegram_bot_token, self.telegram_webhook_secret,
                                                 self.anon_key) if s is not None]
        token = self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else ""
        if ":" in token:
            values.append(token.split(":", 1)[1])  # the secret half, as it appears on its own in some errors
        password = urlsplit(self.database_url).password
        return [v for v in (*values, password) if v]

    def anon_secret(self) -> str:
        """The key of customers' pseudonyms (bot/pseudonym.py): STORYBOT_ANON_KEY, else the development key."""
        return self.anon_key.get_secret_value() if self.anon_key is not None else DEVELOPMENT_ANON_KEY

    def anon_key_problem(self) -> str | None:
        """Why customers' pseudonyms are weak with these settings, or None (a key is set)."""
        if self.anon_key is not None:
            return None
        return ("STORYBOT_ANON_KEY is not set: customers' pseudonyms use a built-in development key that anyone "
                "can read in the source. Set a secret of your own (e.g. `openssl rand -hex 32`) before real "
                "customers use this bot.")

    def production_problem(self) -> str | None:
        """Why a server with these settings must not start, or None. Production mode (the default,
        STORYBOT_ENV=production) with a platform configured needs STORYBOT_ANON_KEY."""
        problem = self.anon_key_problem()
        if problem is None or self.environment == "development" or (self.slack is None and self.telegram is None):
            return None
        return problem + " (Or set STORYBOT_ENV=development for a trial with local fakes.)"

    @property
    def slack(self) -> SlackSettings | None:
        """Slack is on only when its token is present (with a signing secret, or an app token: Socket Mode)."""
        if not self.slack_bot_token or not (self.slack_signing_secret or self.slack_app_token):
            return None
        return SlackSettings(
            bot_token=self.slack_bot_token, signing_secret=self.slack_signing_secret, app_token=self.slack_app_token,
            api_url=self.slack_api_url, timeout=self.send_timeout_seconds,
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
            set_webhook=self.telegram_set_webhook,
            timeout=self.send_timeout_seconds,
        )


def load_settings(**overrides: object) -> Settings:
    """Read the environment (and `.env`) once; keyword overrides win (used by the CLI and tests)."""
    return Settings(**overrides)  # type: ignore[arg-type]
