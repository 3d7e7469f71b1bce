"""Weekly shout-outs by hand, the scheduler worker, and mention consent:

    storybot recognition run --team riverside-clinic --week 2026-W47 [--dry-run] [--retry] [--kind digest]
    storybot scheduler                     # the Procfile's `worker:`; runs until SIGTERM/SIGINT
    storybot privacy --person slack:U123 --on|--off"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Annotated

import typer

from bot import startup
from bot.cli.core import DbOption, _fail, _settings, _warn, build_app


def register(app: typer.Typer) -> None:
    recognition_app = typer.Typer(help="Weekly shout-outs, manager digests and staff nudges.", no_args_is_help=True)
    app.add_typer(recognition_app, name="recognition")

    @recognition_app.command("run")
    def run(
        team: Annotated[str, typer.Option(help="Team id.")],
        week: Annotated[str | None, typer.Option(help="ISO week, e.g. 2026-W47 (default: the week of the team's "
                                                      "latest scheduled time).")] = None,
        kind: Annotated[str, typer.Option(help="recognition, digest or nudge.")] = "recognition",
        dry_run: Annotated[bool, typer.Option("--dry-run",
                                              help="Print what would be sent; claim and send nothing.")] = False,
        retry: Annotated[bool, typer.Option("--retry", help="Give a failed run a fresh set of attempts (what may "
                                                            "have been posted is not sent again).")] = False,
        database_url: DbOption = None,
    ) -> None:
        """Post a week's shout-out (or digest, or nudges) now. Exactly once: if the scheduler or
        another run already claimed the week, nothing is sent again."""
        from bot.weekly.week import KINDS

        if kind not in KINDS:
            _fail(f"--kind must be one of: {', '.join(KINDS)}")
        settings = _settings(database_url, STORYBOT_RUN_SCHEDULER=False)
        code = asyncio.run(_dry_run(settings, team, kind, week) if dry_run else _run(settings, team, kind, week, retry))
        raise typer.Exit(code)

    @app.command("scheduler")
    def scheduler(database_url: DbOption = None) -> None:
        """Run only the scheduler (weekly shout-outs, digests, nudges, retries) until SIGTERM/SIGINT."""
        settings = _settings(database_url, STORYBOT_RUN_SCHEDULER=True)
        _warn([startup.platform_warning(settings) or ""])
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        asyncio.run(_serve(settings))

    @app.command("privacy")
    def privacy(
        person: Annotated[str, typer.Option(help="Person id, e.g. slack:U123.")],
        on: Annotated[bool, typer.Option("--on/--off", help="--on: never name them in team posts; --off: do.")] = True,
        database_url: DbOption = None,
    ) -> None:
        """Set whether a person may be named in shout-outs (same as them saying "don't mention me")."""
        asyncio.run(_privacy(_settings(database_url, STORYBOT_RUN_SCHEDULER=False), person, on))


async def _dry_run(settings, team_id: str, kind: str, week: str | None) -> int:  # type: ignore[no-untyped-def]
    from bot.adapters.slack.render import mention_mrkdwn
    from bot.markup import unescape

    app = build_app(settings)
    try:
        try:
            content = await app.weekly.preview(team_id=team_id, kind=kind, week=week)
        except (LookupError, ValueError, RuntimeError) as exc:
            _fail(f"Cannot draft {kind} for {team_id}: {exc}")
        start, end = content["window"]
        typer.echo(f"Dry run: {kind} for {team_id}, week {content['week']} ({start[:16]} to {end[:16]} UTC). "
                   "Nothing is claimed or sent.")
        if not content["targets"]:
            typer.echo(f"Nothing would be sent: {content.get('note') or 'nothing to send'}.")
            return 0
        if content.get("approval"):
            typer.echo("The team wants a manager's approval first: the draft would go to its managers by DM.")
        for target in content["targets"]:
            typer.echo(f"\n── {target['label']} ({target['key']}) " + "─" * 20)
            slack = str(target["key"]).startswith("slack:")  # typed text as typed, a mention as Slack writes it
            typer.echo(unescape(target["text"], mention=mention_mrkdwn if slack else None))
        return 0
    finally:
        await app.aclose()


async def _run(settings, team_id: str, kind: str, week: str | None, retry: bool) -> int:  # type: ignore[no-untyped-def]
    app = build_app(settings)
    try:
        if not app.adapters:
            _fail("No platform is configured (SLACK_BOT_TOKEN / TELEGRAM_BOT_TOKEN), so nothing can be sent; "
                  "nothing was claimed. Use --dry-run to see the post.")
        await app.start()
        service = app.weekly
        try:
            if retry:
                if week is None:
                    _fail("--retry needs --week")
                result = await service.reopen(team_id=team_id, kind=kind, week=week)
            else:
                result = await service.run(team_id=team_id, kind=kind, week=week, force=True)
        except ValueError as exc:
            _fail(str(exc))
        await service.drain()
        typer.echo(f"{kind} for {team_id}, {result.week or week}: {result.status}" +
                   (f" ({result.detail})" if result.detail else ""))
        if result.status == "retrying":
            typer.echo("The scheduler retries it (storybot scheduler, or the web process); or run this again later.")
        if result.status == "unsure":  # never re-sent blindly, not even by --retry: that could post it twice
            typer.echo("It may be there already, so it was not sent again. Please look; the team's managers got a "
                       "message with a Post again button for it.")
        return 1 if result.status in ("failed", "retrying", "unsure", "no-team", "missing", "no-platform") else 0
    finally:
        await app.aclose()


async def _serve(settings) -> None:  # type: ignore[no-untyped-def]
    from bot.health import Health

    app = build_app(settings)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    _warn(await startup.start_app(app, Health(engine=app.engine, adapters=app.adapters)))  # closes app if it fails
    logging.getLogger().setLevel(logging.INFO)  # quiet until started: a start-up failure is one line
    try:
        typer.echo("storybot scheduler running; Ctrl-C or SIGTERM stops it.")
        await stopping.wait()
    finally:
        await app.aclose()
        typer.echo("storybot scheduler stopped.")


async def _privacy(settings, person_id: str, opt_out: bool) -> None:  # type: ignore[no-untyped-def]
    from bot.weekly.roster import set_mention_privacy

    app = build_app(settings)
    try:
        async with app.sessionmaker() as session, session.begin():
            value = await set_mention_privacy(session=session, person_id=person_id, opt_out=opt_out)
        if value is None:
            _fail(f"No person '{person_id}'. See: storybot team list")
        typer.echo(f"{person_id}: " + ("never named in team posts (shown as “a colleague”)." if value
                                       else "may be named in team posts."))
    finally:
        await app.aclose()
