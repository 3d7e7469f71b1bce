"""`storybot web`: the web app (Slack events, the Telegram webhook, /healthz) under uvicorn."""

from __future__ import annotations

import gc
import importlib.util
import logging
import signal
from typing import Annotated

import typer

from bot import secret_mask
from bot.config import load_settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
GC_THRESHOLDS = (20_000, 20, 20)


def _ignore_signal(signum: int, frame: object) -> None:
    """uvicorn catches SIGTERM/SIGINT itself, shuts down gracefully, then re-raises the signal to the
    previous handler. With this one in place that re-raise is harmless: a clean exit, status 0."""


def server_stack() -> str:
    """What uvicorn's "auto" picks: uvloop and httptools when installed (they are pinned
    dependencies), else asyncio's loop and the pure-Python h11 parser, about half as fast."""
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return f"{loop} event loop, {http} HTTP parser"


def run_web(*, host: str, port: int | None, database_url: str | None = None, log_level: str = "info",
            access_log: bool = True) -> None:
    import uvicorn

    from bot.config import ConfigurationError
    from bot.web import create_app

    overrides: dict[str, object] = {"DATABASE_URL": database_url} if database_url else {}
    try:
        settings = load_settings(**overrides)
    except Exception as exc:  # pydantic ValidationError: say it plainly, no traceback
        typer.secho(f"Configuration error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    logging.basicConfig(level=log_level.upper(), format=LOG_FORMAT)
    try:
        web = create_app(settings)
    except ConfigurationError as exc:
        typer.secho(f"Configuration error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    config = uvicorn.Config(
        web,
        host=host,
        port=settings.port if port is None else port,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
        proxy_headers=True,
        timeout_graceful_shutdown=5,
        loop="auto",
        http="auto",
    )
    secret_mask.install(settings.secret_values())  # after uvicorn.Config: its handlers exist now
    logging.getLogger(__name__).info("storybot web: %s", server_stack())
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _ignore_signal)
    quiet_gc()
    uvicorn.Server(config).run()


def quiet_gc() -> None:
    """Garbage-collector settings for a long-running server (also used by bench/load.py's processes).
    Everything built so far (modules, cycles, models, the app) lives as long as the process: keep it
    out of the cycle collector's full passes, which otherwise pause the event loop for ~50-100 ms.
    And fewer, later collections: at the default (700, 10, 10) a busy web app runs a full collection
    every couple of seconds, each a ~100 ms pause of every conversation (bench/load.py's ackmax)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def register(app: typer.Typer) -> None:
    @app.command("web")
    def web(
        host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0 on a PaaS).")] = "127.0.0.1",
        port: Annotated[int | None, typer.Option(help="Port to listen on (default: $PORT, else 8000).")] = None,
        database_url: Annotated[str | None, typer.Option("--database-url", help="Overrides DATABASE_URL.")] = None,
        log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
        access_log: Annotated[bool, typer.Option(help="Log every HTTP request.")] = True,
    ) -> None:
        """Serve Slack (POST /slack/events), Telegram (POST /telegram/webhook) and GET /healthz."""
        run_web(host=host, port=port, database_url=database_url, log_level=log_level, access_log=access_log)
