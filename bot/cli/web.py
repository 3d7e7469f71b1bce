"""`storybot web`: the web app (Slack events, the Telegram webhook, /healthz) under uvicorn, in web
processes that only acknowledge, beside turn processes that run the turns (bot/cli/workers.py)."""

from __future__ import annotations

import asyncio
import gc
import importlib.util
import logging
import os
import signal
import socket
from collections.abc import Callable
from typing import Annotated, Any

import typer

from bot import secret_mask, startup
from bot.cli.core import _warn
from bot.config import ConfigurationError

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
WORKER_LOG_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"  # --workers N: whose line
GC_THRESHOLDS = (20_000, 20, 20)
log = logging.getLogger(__name__)


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
            access_log: bool = True, workers: int = 1) -> None:
    """Check everything (`bot.startup`: settings, files, database, the port), start the app and ask
    each platform whether it answers, and only then serve: whatever is wrong before that is one line
    (`bot.cli.main`), and until then the log stays quiet (warnings only) so that line stands alone.
    The checks, the migration and the bind happen once here; then `bot.cli.workers.supervise` forks
    `workers` turn processes (`serve_turns`: the inbox's lanes, the outbox, the scheduler) and, once
    they are up, `workers` web processes (`serve`: HTTP, acknowledgements only)."""
    from bot.cli.core import _settings
    from bot.cli.workers import check_workers, supervise, web_settings, worker_settings

    settings = _settings(database_url, prepare=False)
    check_workers(settings, workers)
    _warn(startup.prepare(settings))
    problem = settings.production_problem()
    if problem is not None:
        raise ConfigurationError(problem)
    port = settings.port if port is None else port
    sock = bind(host, port)
    _warn([startup.platform_warning(settings) or ""])
    preload()
    status = supervise(
        sock, workers,
        serve_web=lambda shared, number, ring_fd, wait_for_turns: serve(
            web_settings(settings), shared, host=host, port=port, log_level=log_level, access_log=access_log,
            log_format=WORKER_LOG_FORMAT, ring_fd=ring_fd, before_serving=wait_for_turns),
        serve_turns=lambda number, listen_fd, started: serve_turns(
            worker_settings(settings, number), listen_fd=listen_fd, started=started, log_level=log_level))
    if status:
        raise SystemExit(status)


def preload() -> None:
    """Import what every child imports (the app with its NLP libraries, uvicorn) once, in the parent,
    after the checks (a bad setting is still one line before any of it loads) and before the fork: the
    children inherit the loaded modules instead of each importing them again (~1.5 s of CPU per process
    saved at every start, and the pages stay shared)."""
    import uvicorn  # noqa: F401

    import bot.app  # noqa: F401
    import bot.health  # noqa: F401
    import bot.web  # noqa: F401


def serve(settings: Any, sock: socket.socket, *, host: str, port: int, log_level: str, access_log: bool,
          log_format: str = LOG_FORMAT, ring_fd: int | None = None,
          before_serving: Callable[[], None] = lambda: None) -> None:
    """A web process: build the app, wait for `before_serving()` (the turn processes are up), and serve
    HTTP on `sock` until SIGTERM/SIGINT, storing each event in the inbox and ringing the turn processes'
    doorbell (`ring_fd`); it runs no turn itself."""
    logging.basicConfig(level=logging.WARNING, format=log_format)
    import uvicorn

    from bot.app import build_app
    from bot.inbox import Doorbell
    from bot.web import create_app

    core = build_app(settings, doorbell=Doorbell(ring_fd=ring_fd))
    web = create_app(settings, core=core, start_core=False)
    config = uvicorn.Config(web, host=host, port=port, log_level=log_level, access_log=access_log, lifespan="on",
                            proxy_headers=True, timeout_graceful_shutdown=5, loop="auto", http="auto")
    secret_mask.install(settings.secret_values())  # after uvicorn.Config: its handlers exist now
    before_serving()  # a SIGTERM meanwhile ends this process silently (the default handler)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _ignore_signal)
    quiet_gc()
    server: Any = build_server(config, core=core, log_level=log_level)
    with sock:
        server.run(sockets=[sock])
    if server.failure is not None:
        raise server.failure


def serve_turns(settings: Any, *, listen_fd: int | None, started: Callable[[], None], log_level: str,
                log_format: str = WORKER_LOG_FORMAT) -> None:
    """A turn process: build the app, start it with its lanes (`App.serve`: the adapters, which also
    receive over Slack's Socket Mode or Telegram polling, the outbox, the scheduler), check each
    platform (a refused token is one line, status 2), call `started()`, and run until SIGTERM/SIGINT.
    No HTTP: its lanes wake when a web process rings the doorbell (`listen_fd`). It runs
    `settings.turn_niceness` (`STORYBOT_TURN_NICENESS`) lower in CPU priority than the web processes (nice(2)):
    an acknowledgement has a deadline (Slack's 3 s, our 50 ms p99) and a turn's work waits safely in the
    inbox, so on a machine with fewer cores than busy processes the acks stay fast and the turns queue."""
    logging.basicConfig(level=logging.WARNING, format=log_format)
    os.nice(settings.turn_niceness)  # raising it needs no privilege (lowering it again would)
    from bot.app import build_app
    from bot.health import Health
    from bot.inbox import Doorbell

    core = build_app(settings, doorbell=Doorbell(listen_fd=listen_fd))
    health = Health(engine=core.engine, adapters=core.adapters)
    secret_mask.install(settings.secret_values())
    quiet_gc()
    run_loop(_run_turns(core, health, started, log_level))


async def _run_turns(core: Any, health: Any, started: Callable[[], None], log_level: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    _warn(await startup.start_app(core, health, serve=True))
    logging.getLogger().setLevel(log_level.upper())
    log.info("storybot web: turn process up (%s, niceness %d)", server_stack().split(",")[0], os.nice(0))
    started()
    try:
        await stop.wait()
    finally:
        await core.aclose()
        log.info("storybot web: turn process stopped cleanly")


def run_loop(main: Any) -> None:
    """asyncio.run, on uvloop when installed (as uvicorn's "auto" picks for the web processes)."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    uvloop.run(main)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything starts: a port in use is one line, not a traceback."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigurationError(f"Cannot listen on {host}:{port} ({exc.strerror}): another process may be using "
                                 "the port; stop it or choose another with PORT or --port.") from None
    sock.set_inheritable(True)
    return sock


def build_server(config: object, *, core: object, log_level: str) -> object:
    """uvicorn's server, started after the app's adapters (`App.serve_requests`) in the same event loop,
    and closing the app when it stops. A start-up error is kept in `failure` for `run_web` to report in
    one line."""
    import uvicorn

    class StartingServer(uvicorn.Server):
        failure: BaseException | None = None

        async def serve(self, sockets: list[socket.socket] | None = None) -> None:
            try:
                await core.serve_requests()  # type: ignore[attr-defined]  # the turn processes checked the platforms
            except startup.STARTUP_ERRORS as exc:
                self.failure = exc
                return
            logging.getLogger().setLevel(log_level.upper())
            log.info("storybot web: %s", server_stack())
            log.info("storybot web listening on http://%s:%d", config.host, config.port)  # type: ignore[attr-defined]
            try:
                await super().serve(sockets)
            finally:
                await core.aclose()  # type: ignore[attr-defined]
                log.info("storybot web stopped cleanly")

    return StartingServer(config)  # type: ignore[arg-type]


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
        port: Annotated[int | None, typer.Option(min=1, max=65535,
                                                 help="Port to listen on (default: $PORT, else 8000).")] = None,
        database_url: Annotated[str | None, typer.Option("--database-url", help="Overrides DATABASE_URL.")] = None,
        log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
        access_log: Annotated[bool, typer.Option(help="Log every HTTP request.")] = True,
        workers: Annotated[int, typer.Option(min=1, max=64, help=(
            "Processes serving the port (PostgreSQL only; Telegram in webhook mode).") )] = 1,
    ) -> None:
        """Serve Slack (POST /slack/events), Telegram (POST /telegram/webhook) and GET /healthz."""
        run_web(host=host, port=port, database_url=database_url, log_level=log_level, access_log=access_log,
                workers=workers)
