"""Start-up that explains itself. Every command that uses the database goes through here before it
builds the app: the settings are read (a bad environment variable is one line naming it), the cycle
and teams files are checked (a broken cycle file stops only the teams whose cycle it is), and the
database is reached, brought up to date under a lock (`STORYBOT_AUTO_MIGRATE`, on by default) and
probed with a write. Anything wrong raises `ConfigurationError` with one line that says what to
change; `bot.cli.main` prints it and exits 2, without a traceback. Warnings (no platform configured,
a broken cycle file that some teams can do without) come back as lines for the caller to print.

`start_app` starts a built app and asks each platform whether it answers: a refused token is a
`ConfigurationError`; an unreachable platform is a warning, and `/healthz` says so until it answers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pydantic import ValidationError
from pydantic_settings import SettingsError

from bot.config import ConfigurationError, Settings, load_settings
from bot.cycle import CycleError, load_cycles_leniently
from bot.team_config import TeamConfigError, load_teams_file

if TYPE_CHECKING:  # imported when used: a bad setting is reported before the app's libraries load
    from bot.app import App
    from bot.health import Health

log = logging.getLogger(__name__)

# Settings whose values are never echoed in an error line (tokens, keys; the URL may hold a password).
SECRET_WORDS = ("TOKEN", "SECRET", "KEY", "SALT", "DATABASE_URL", "PASSWORD")
PLATFORM_HINT = ("⚠ No chat platform is configured, so nobody can reach the bot: for Slack set SLACK_BOT_TOKEN and "
                 "SLACK_APP_TOKEN (Socket Mode, quickest) or SLACK_SIGNING_SECRET; for Telegram set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_URL (or "
                 "TELEGRAM_MODE=polling). See README.md, \"Connect Slack\" / \"Connect Telegram\".")
# What a startup failure can be: bad settings, files or database (ConfigurationError), a cycle or teams
# file (their own errors, whose messages already name the file and the field).
STARTUP_ERRORS = (ConfigurationError, CycleError, TeamConfigError)


def settings_error_line(exc: ValidationError | SettingsError) -> str:
    """One line for what pydantic-settings refused: the variable, the value (unless secret) and why."""
    if isinstance(exc, SettingsError):  # a list/JSON variable that does not parse
        field = str(exc).split('"')[1] if '"' in str(exc) else ""
        name = Settings.model_fields[field].validation_alias if field in Settings.model_fields else field
        shown = name if isinstance(name, str) else field.upper()
        return f"Configuration error: {shown} does not parse (a list is written like [120, 900])"
    parts = []
    for error in exc.errors(include_url=False):
        name = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        if not name:  # a rule about several variables together: its message names them
            parts.append(message)
            continue
        value = error.get("input")
        secret = any(word in name.upper() for word in SECRET_WORDS)
        shown = "" if secret or not isinstance(value, str | int | float) else f"={str(value)[:60]!r}"
        parts.append(message if not shown and message.startswith(name) else f"{name}{shown}: {message}")
    return "Configuration error: " + "; ".join(parts)


def load_checked_settings(**overrides: object) -> Settings:
    """`load_settings`, with a refusal turned into a one-line `ConfigurationError`."""
    try:
        return load_settings(**overrides)
    except (ValidationError, SettingsError) as exc:
        raise ConfigurationError(settings_error_line(exc)) from None


def platform_warning(settings: Settings) -> str | None:
    """The warning for a server with no platform to serve, or None."""
    return PLATFORM_HINT if settings.slack is None and settings.telegram is None else None


def check_files(settings: Settings) -> list[str]:
    """Load the cycle files and the teams file as the app will. Raises for what stops everything (no
    cycle loads, the teams file is missing or malformed, every configured team's cycle is broken);
    returns one warning line per broken cycle file that the other teams can do without."""
    cycles, broken = load_cycles_leniently(settings.cycles_dir)
    teams = []
    if settings.teams_file is not None:
        if not settings.teams_file.is_file():
            raise TeamConfigError(f"{settings.teams_file}: no such file (STORYBOT_TEAMS_FILE)")
        teams = load_teams_file(settings.teams_file, cycles, broken)
    warnings = []
    for cycle_id, problem in broken.items():
        theirs = [team.id for team in teams if team.cycle == cycle_id]
        if teams and len(theirs) == len(teams):
            raise CycleError(f"{problem} (the cycle of every team in {settings.teams_file})")
        if theirs:
            source = settings.teams_file.name if settings.teams_file else "the teams file"
            stops = (f"team(s) {', '.join(theirs)} are not set up from {source} and have no "
                     "moments of truth until it is fixed; the other teams run")
        else:
            stops = f"teams on cycle '{cycle_id}' have no moments of truth until it is fixed; the other teams run"
        warnings.append(f"⚠ Cycle file left out: {problem}; {stops}.")
    return warnings


def prepare(settings: Settings, *, migrate: bool | None = None) -> list[str]:
    """Everything a command that uses the database checks first (see the module docstring). `migrate`
    overrides STORYBOT_AUTO_MIGRATE. Returns warning lines; raises one of `STARTUP_ERRORS`."""
    from bot import db

    warnings = check_files(settings)
    applied = db.prepare_schema(settings.database_url,
                                auto_migrate=settings.auto_migrate if migrate is None else migrate)
    if applied is not None:
        log.info("database %s migrated to %s", db.shown_url(settings.database_url), applied)
    return warnings


async def start_app(app: App, health: Health, *, serve: bool = False) -> list[str]:
    """Start `app` (with `serve`, its inbox lanes too: `App.serve`, for the web app only) and ask each
    platform whether it answers (`Health.check_platforms`). A refused
    token raises `ConfigurationError` (the app is closed first); returns a warning line per platform
    that can't be reached now (the app runs, and /healthz reports it down until it answers)."""
    try:
        await (app.serve() if serve else app.start())
        states = await health.check_platforms(fresh=True)
    except BaseException:
        await app.aclose()
        raise
    return [f"⚠ {name} is down: {state}. /healthz reports it until it answers." for name, state in states.items()
            if state != "up"]

