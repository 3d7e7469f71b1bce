"""Core commands: database, teams, visits, seeding, the console and the demo."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot import startup
from bot.config import DATA_DIR
from bot.cycle import CycleError, load_cycles_leniently
from bot.team_config import load_teams_file

if TYPE_CHECKING:
    from bot.app import App

DbOption = Annotated[str | None, typer.Option("--database-url", help="Overrides DATABASE_URL.")]
DEMO_DB = "sqlite:///demo.db"
DEMO_TEAMS = DATA_DIR / "demo" / "teams.yaml"
DEMO_TEAM = "riverside-clinic"


def _settings(database_url: str | None, *, prepare: bool = True, **extra: object):  # type: ignore[no-untyped-def]
    """The settings, checked (`bot.startup`): a bad variable, cycle or teams file or database is one
    line and exit 2 (`bot.cli.main`); with `prepare`, the database is brought up to date first."""
    overrides: dict[str, object] = dict(extra)
    if database_url:
        overrides["DATABASE_URL"] = database_url
    settings = startup.load_checked_settings(**overrides)
    if prepare:
        _warn(startup.prepare(settings))
    return settings


def build_app(settings) -> App:  # type: ignore[no-untyped-def]
    """`bot.app.build_app`, imported when a command gets this far: importing the app (the NLP models'
    libraries) takes seconds, and a bad setting or database is reported before that."""
    from bot.app import build_app as build

    return build(settings)


@asynccontextmanager
async def rows_only(settings) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    """A sessionmaker on the database alone, for the commands that only read or write rows (teams,
    people, visits, roll-ups, purge): no app, so `storybot team list` does not spend seconds importing
    the NLP models' libraries it never uses."""
    from bot import db

    engine = db.make_engine(settings.database_url)
    try:
        yield db.make_sessionmaker(engine)
    finally:
        await engine.dispose()


def _warn(lines: list[str]) -> None:
    for line in filter(None, lines):
        typer.secho(line, fg=typer.colors.YELLOW, err=True)


def _warn_weak_key(settings) -> None:  # type: ignore[no-untyped-def]
    problem = settings.anon_key_problem()
    if problem is not None:
        typer.secho(f"⚠ {problem}", fg=typer.colors.YELLOW, err=True)


def _fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
    team_app = typer.Typer(help="Teams, managers and staff.", no_args_is_help=True)
    visit_app = typer.Typer(help="Visits customers can give feedback on.", no_args_is_help=True)
    app.add_typer(db_app, name="db")
    app.add_typer(team_app, name="team")
    app.add_typer(visit_app, name="visit")

    @db_app.command("upgrade")
    def db_upgrade(database_url: DbOption = None, revision: str = "head") -> None:
        """Apply migrations up to REVISION (default: the newest)."""
        from bot import db

        settings = _settings(database_url, prepare=False)
        if revision == "head":
            applied = db.prepare_schema(settings.database_url, auto_migrate=True)
            typer.echo(f"Database is at revision {db.head_revision()}" + (" (migrated now)." if applied else "."))
            return
        db.upgrade(settings.database_url, revision)
        typer.echo(f"Database is at revision {revision}.")

    @db_app.command("rebuild-rollups")
    def db_rebuild_rollups(database_url: DbOption = None, team: str | None = None) -> None:
        """Recompute the daily rating roll-ups from the stored ratings (all teams, or --team ID). They
        are kept up to date as ratings come in; use this after loading ratings behind the bot's back."""
        settings = _settings(database_url)
        rows = asyncio.run(_rebuild_rollups(settings, team))
        typer.echo(f"Rebuilt the rating roll-ups: {rows} day row(s)" + (f" for team {team}." if team else "."))

    @db_app.command("purge")
    def db_purge(database_url: DbOption = None) -> None:
        """Delete what is kept no longer than the retention settings allow (abandoned conversations,
        old turn-log entries, old de-duplication ids). `storybot web` and `scheduler` do it hourly."""
        settings = _settings(database_url)
        purged = asyncio.run(_purge(settings))
        typer.echo(f"Deleted {purged}.")

    @team_app.command("apply")
    def team_apply(path: Path, database_url: DbOption = None) -> None:
        """Create or update the teams and people in a teams YAML file."""
        settings = _settings(database_url)
        cycles, broken = load_cycles_leniently(settings.cycles_dir)
        teams = load_teams_file(path, cycles, broken)
        for team in teams:  # a team applied must work: its cycle file must load (the others need not)
            if team.cycle in broken:
                raise CycleError(f"{broken[team.cycle]} (the cycle of team {team.id})")
        asyncio.run(_apply(settings, teams))
        typer.echo(f"Applied {len(teams)} team(s) from {path}.")

    @team_app.command("list")
    def team_list(database_url: DbOption = None) -> None:
        """Show teams with their managers and staff."""
        asyncio.run(_list_teams(_settings(database_url)))

    @team_app.command("add-person")
    def team_add_person(
        team: Annotated[str, typer.Option(help="Team id.")],
        person_id: Annotated[str, typer.Option("--id", help="Platform identity, e.g. slack:U123 or telegram:42.")],
        name: Annotated[str, typer.Option(help="Display name.")],
        role: Annotated[str, typer.Option(help="staff or manager.")] = "staff",
        database_url: DbOption = None,
    ) -> None:
        """Add (or update) a staff member or manager."""
        if role not in ("staff", "manager"):
            _fail("--role must be 'staff' or 'manager'")
        if person_id.split(":", 1)[0] not in ("slack", "telegram", "console") or ":" not in person_id:
            _fail("--id must look like slack:U123, telegram:42 or console:alice")
        asyncio.run(_add_person(_settings(database_url), team, person_id, name, role))

    @visit_app.command("create")
    def visit_create(
        ref: str,
        team: Annotated[str, typer.Option(help="Team id.")],
        mots: Annotated[str, typer.Option(help="Comma-separated MOT ids to ask about (default: all).")] = "",
        database_url: DbOption = None,
    ) -> None:
        """Register a visit so `start visit_<REF>` asks about its moments."""
        asyncio.run(_create_visit(_settings(database_url), ref, team, [m.strip() for m in mots.split(",") if m.strip()]))

    @app.command("seed")
    def seed(
        database_url: DbOption = None,
        teams_file: Annotated[Path, typer.Option(help="Teams YAML to apply first.")] = DEMO_TEAMS,
        weeks: Annotated[int, typer.Option(min=1, max=104, help="How many weeks of history.")] = 8,
        force: Annotated[bool, typer.Option(help="Seed even if the team already has data.")] = False,
    ) -> None:
        """Load the sample teams, staff stories and customer feedback (data/demo: each comment and story used once)."""
        settings = _settings(database_url)
        asyncio.run(_seed(settings, teams_file, weeks, force))

    @app.command("console")
    def console(
        as_user: Annotated[str, typer.Option("--as", help="Who you are: console:<name>.")] = "alice",
        database_url: DbOption = None,
    ) -> None:
        """Chat with the bot in the terminal (also reads piped stdin, one message per line)."""
        settings = _settings(database_url)
        _warn_weak_key(settings)
        asyncio.run(_console(settings, as_user))

    @app.command("demo")
    def demo(
        database_url: Annotated[str, typer.Option("--database-url", help="Demo database.")] = DEMO_DB,
        as_user: Annotated[str, typer.Option("--as")] = "alice",
    ) -> None:
        """Set up a SQLite demo (team, staff, weeks of stories and feedback) and open the console."""
        settings = _settings(database_url, STORYBOT_DEFAULT_TEAM=DEMO_TEAM)
        asyncio.run(_seed(settings, DEMO_TEAMS, 8, False))
        typer.echo(DEMO_INTRO)
        _warn_weak_key(settings)
        asyncio.run(_console(settings, as_user))


DEMO_INTRO = """
storybot demo — Riverside Clinic (cycle of service: a clinic visit, 19 moments of truth)

You are alice (staff). Things to try — type them, or pick a numbered choice:
  story                      tell a great customer moment (or just write it in a sentence or two)
  /as guest                  become an anonymous customer, then:  start visit_123
  /as dana                   become the manager (Dana), then ask:
                             which MOTs are weakest this week?  ·  how was check-in this month?
  help · back · restart · cancel work inside any conversation;  /quit leaves.
"""


async def _purge(settings):  # type: ignore[no-untyped-def]
    from bot.retention import purge

    async with rows_only(settings) as sessionmaker:
        return await purge(sessionmaker=sessionmaker, settings=settings)


async def _rebuild_rollups(settings, team_id: str | None) -> int:  # type: ignore[no-untyped-def]
    from bot import store

    async with rows_only(settings) as sessionmaker, sessionmaker() as session, session.begin():
        if team_id and await store.get_team(session=session, team_id=team_id) is None:
            _fail(f"No team {team_id!r}; `storybot team list` shows the teams.")
        return await store.rebuild_rollups(session=session, team_id=team_id)


async def _apply(settings, teams) -> None:  # type: ignore[no-untyped-def]
    from bot.team_config import apply_teams

    async with rows_only(settings) as sessionmaker, sessionmaker() as session, session.begin():
        await apply_teams(session=session, teams=teams)


async def _list_teams(settings) -> None:  # type: ignore[no-untyped-def]
    from bot import store

    async with rows_only(settings) as sessionmaker, sessionmaker() as session:
        teams = await store.list_teams(session=session)
        if not teams:
            typer.echo("No teams yet. Add some with: storybot team apply teams.yaml")
        for team in teams:
            typer.echo(f"{team.id}: {team.name} (cycle {team.cycle_id}, {team.timezone})")
            for person in await store.list_people(session=session, team_id=team.id):
                typer.echo(f"  - {person.display_name} [{person.role}] {person.id}")


async def _add_person(settings, team_id: str, person_id: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    from bot import store

    async with rows_only(settings) as sessionmaker:
        async with sessionmaker() as session, session.begin():
            if await store.get_team(session=session, team_id=team_id) is None:
                _fail(f"No team '{team_id}'. See: storybot team list")
            await store.upsert_person(session=session, person_id=person_id, team_id=team_id,
                                      display_name=name, role=role)
        typer.echo(f"{name} ({person_id}) is {role} of {team_id}.")


async def _create_visit(settings, ref: str, team_id: str, mots: list[str]) -> None:  # type: ignore[no-untyped-def]
    from bot import store

    cycles, broken = load_cycles_leniently(settings.cycles_dir)
    async with rows_only(settings) as sessionmaker, sessionmaker() as session, session.begin():
        team = await store.get_team(session=session, team_id=team_id)
        if team is None:
            _fail(f"No team '{team_id}'. See: storybot team list")
        cycle = cycles.get(team.cycle_id)
        if cycle is None:
            why = "did not load (the warning above says why)" if team.cycle_id in broken else f"is not in {settings.cycles_dir}"
            _fail(f"Team {team_id}'s cycle {team.cycle_id!r} {why}, so it can take no visits.")
        unknown = [m for m in mots if cycle.mot(m) is None]
        if unknown:
            _fail(f"Unknown MOT id(s) for cycle {cycle.id}: {', '.join(unknown)}")
        await store.create_visit(session=session, ref=ref, team_id=team_id, mot_ids=mots)
    typer.echo(f"Visit {ref} created. Customers start with: start visit_{ref}")


async def _seed(settings, teams_file: Path, weeks: int, force: bool) -> None:  # type: ignore[no-untyped-def]
    from bot.seed import seed_demo
    from bot.team_config import apply_teams

    app = build_app(settings)
    try:
        teams = load_teams_file(teams_file, app.cycles)
        async with app.sessionmaker() as session, session.begin():
            await apply_teams(session=session, teams=teams)
            summary = await seed_demo(session=session, teams=teams, cycles=app.cycles, weeks=weeks, force=force)
        typer.echo(summary)
    finally:
        await app.aclose()


async def _console(settings, user: str) -> None:  # type: ignore[no-untyped-def]
    from bot.adapters.console import ConsoleAdapter

    logging.basicConfig(level=logging.WARNING)
    from bot.nlp.message_kind import prepare_kind_model

    app = build_app(settings)
    try:
        await app.sync_teams()
        await app.services.learner.refresh()  # learn from the confirmed examples already stored
        # the message-kind and question models read (or fitted once and kept) before the first message
        await asyncio.to_thread(prepare_kind_model, settings.model_dir)
        adapter = ConsoleAdapter(app.router.handle, user=user.removeprefix("console:"), echo=not sys.stdin.isatty())
        await adapter.run(sys.stdin)
    finally:
        await app.aclose()
