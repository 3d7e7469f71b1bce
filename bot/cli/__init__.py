"""The `storybot` command line. Built by `build_cli()`; nothing happens at import time."""

from __future__ import annotations

import typer

from bot.cli import core


def build_cli() -> typer.Typer:
    app = typer.Typer(help="storybot: collect and learn from Moments of Truth.", no_args_is_help=True,
                      add_completion=False)
    core.register(app)
    __import__("bot.cli.recognition", fromlist=["register"]).register(app)  # recognition run, scheduler, privacy
    __import__("bot.cli.web", fromlist=["register"]).register(app)  # storybot web (imports uvicorn lazily)
    __import__("bot.cli.telegram", fromlist=["register"]).register(app)  # storybot visit-link (deep link + QR)
    __import__("bot.cli.nlp", fromlist=["register"]).register(app)  # nlp train/evaluate/ensure-model/retrain
    return app


def main() -> None:
    """Run the CLI. A start-up error (bad setting, cycle or teams file, database: `bot.startup`) is
    one red line on stderr and exit status 2, never a traceback; any other error is a bug and keeps its traceback."""
    from bot.startup import STARTUP_ERRORS

    try:
        build_cli()()
    except STARTUP_ERRORS as exc:
        typer.secho(" ".join(str(exc).split()), fg=typer.colors.RED, err=True)
        raise SystemExit(2) from None
