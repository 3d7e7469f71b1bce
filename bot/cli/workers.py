"""`storybot web --workers N`: N processes serving one listening socket, on PostgreSQL.

The parent checks the settings, migrates the database (once, `bot.cli.core._settings`) and binds the
socket; then it forks N children, each building its own app and serving on the inherited socket (the
kernel spreads the connections). What makes this safe is in the database, not here: the inbox's lanes
lease one conversation at a time with `FOR UPDATE SKIP LOCKED` (order per conversation holds across
processes), the router claims each event id once, and the weekly jobs claim a row per team and week
(every process runs the scheduler; each job fires once). SQLite serves one process and Telegram
polling is one reader per token, so both are refused with N > 1.

What each worker says to the platforms at start: only worker 1 registers the Telegram webhook
(`worker_settings`; Telegram answers setWebhook calls less than ~1 s apart with 429, and N identical
registrations add nothing). Over Slack's Socket Mode each worker opens its own connection: Slack
allows 10 per app and hands each envelope to one of them, so the connections share the load like the
socket does for HTTP; more than 10 workers are refused (`SOCKET_MODE_REFUSAL`).

The parent forwards SIGTERM/SIGINT to the children (as SIGTERM: a graceful stop each) and waits; a
child that dies on its own stops the others and makes the parent exit non-zero (2 when the child
stopped on a start-up error, which it printed in one line; else 1)."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from functools import partial

from bot.config import ConfigurationError, Settings

log = logging.getLogger(__name__)

SQLITE_REFUSAL = "several workers need PostgreSQL (DATABASE_URL=postgresql://…); SQLite serves one process"
POLLING_REFUSAL = ("Telegram polling can't run in {n} processes: set TELEGRAM_WEBHOOK_URL (webhook mode) "
                   "or use --workers 1")
SOCKET_MODE_REFUSAL = ("Slack's Socket Mode allows 10 connections per app and each worker opens one: use "
                       "--workers 10 or fewer, or the Events API over HTTP (unset SLACK_APP_TOKEN)")
SOCKET_MODE_CONNECTIONS = 10
STOP_SECONDS = 20.0
PR_SET_PDEATHSIG = 1  # prctl(2)  # how long the children get to stop gracefully before they are killed


def check_workers(settings: Settings, workers: int) -> None:
    """One `ConfigurationError` line when `workers` processes can't serve these settings."""
    if workers <= 1:
        return
    if not settings.database_url.startswith("postgresql"):
        raise ConfigurationError(SQLITE_REFUSAL)
    if settings.telegram_bot_token and settings.telegram_mode == "polling":
        raise ConfigurationError(POLLING_REFUSAL.format(n=workers))
    if settings.slack is not None and settings.slack.socket_mode and workers > SOCKET_MODE_CONNECTIONS:
        raise ConfigurationError(SOCKET_MODE_REFUSAL)


def worker_settings(settings: Settings, number: int) -> Settings:
    """The settings of worker `number` (1-based): the first registers the Telegram webhook (if the
    settings say to), the others don't."""
    if number == 1 or not settings.telegram_set_webhook:
        return settings
    return settings.model_copy(update={"telegram_set_webhook": False})


def web_settings(settings: Settings) -> Settings:
    """The settings of a web process: only what arrives over HTTP. Slack over Socket Mode and Telegram
    polling receive in the turn process (one connection or poller each, as before), so a web process
    leaves them out; it registers no webhook and runs no scheduler (the turn processes do)."""
    update: dict[str, object] = {"telegram_set_webhook": False, "run_scheduler": False}
    if settings.slack is not None and settings.slack.socket_mode:
        update["slack_bot_token"] = None
    if settings.telegram_bot_token and settings.telegram_mode == "polling":
        update["telegram_bot_token"] = None
    return settings.model_copy(update=update)


def supervise(sock: socket.socket, workers: int, serve_web: Callable[[socket.socket, int, int, Callable[[], None]], None],
              serve_turns: Callable[[int, int, Callable[[], None]], None]) -> int:
    """Fork `workers` turn processes, `serve_turns(number, listen_fd, started)` (number 1 to `workers`;
    `started()` says it is up), and `workers` web processes, `serve_web(sock, number, ring_fd,
    wait_for_turns)`, which build their app meanwhile and serve once `wait_for_turns()` returns (every
    turn process is up: they check the platforms, so a refused token is their one line, and a web
    process that is stopped before then says nothing). `ring_fd`/`listen_fd` are the two ends of the
    doorbell pipe (`bot.inbox.Doorbell`). Returns the exit status for the parent."""
    context = multiprocessing.get_context("fork")  # the socket, settings and pipe are inherited as they are
    listen_fd, ring_fd = os.pipe()
    up = [context.Event() for _ in range(workers)]

    def wait_for_turns() -> None:
        for event in up:
            event.wait()

    turns = [context.Process(target=_child, args=(partial(serve_turns, n + 1, listen_fd, up[n].set), (ring_fd,)),
                             name=f"storybot-turns-{n + 1}", daemon=False) for n in range(workers)]
    webs = [context.Process(target=_child, args=(partial(serve_web, sock, n + 1, ring_fd, wait_for_turns),
                                                 (listen_fd,)),
                            name=f"storybot-web-{n + 1}", daemon=False) for n in range(workers)]
    children = turns + webs
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            if child.is_alive() and child.pid is not None:
                os.kill(child.pid, signal.SIGTERM)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    status = 0
    try:
        for child in children:
            child.start()
        sock.close()  # the web processes hold it now
        os.close(listen_fd)
        os.close(ring_fd)
        print(f"storybot web: {workers} web process{'es' if workers > 1 else ''} "
              f"({', '.join(str(c.pid) for c in webs)}) and {workers} turn process{'es' if workers > 1 else ''} "
              f"({', '.join(str(c.pid) for c in turns)})", flush=True)
        while not stopping:
            ended = next((child for child in children if child.exitcode is not None), None)
            if ended is not None:
                status = 2 if ended.exitcode == 2 else 1  # 2: it said why in one line (a start-up error)
                if status != 2:
                    print(f"storybot web: {ended.name} ({ended.pid}) exited with status {ended.exitcode}; "
                          "stopping the others", file=sys.stderr, flush=True)
                stop(signal.SIGTERM, None)
            time.sleep(0.2)
        _wait_or_kill(children)
        return status
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _wait_or_kill(children: list[multiprocessing.process.BaseProcess]) -> None:
    deadline = time.monotonic() + STOP_SECONDS
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            print(f"storybot web: worker {child.pid} did not stop in {STOP_SECONDS:.0f} s; killed",
                  file=sys.stderr, flush=True)
            child.kill()
            child.join()


def _die_with_parent() -> None:
    """Linux: a parent killed outright (SIGKILL, the OOM killer) takes its children with it, as one
    process would have died: nothing keeps serving unsupervised, and what was in hand is taken again
    from the inbox at the next start. Elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the line above
        os._exit(1)


def _child(serve: Callable[[], None], close: tuple[int, ...]) -> None:
    """A child: its own process group (a Ctrl-C in the terminal reaches the parent, which stops each
    child once), the other end of the doorbell closed, default signal handlers until the server
    installs its own, then `serve()`."""
    os.setpgrp()
    _die_with_parent()
    for fd in close:
        os.close(fd)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)
    from bot.startup import STARTUP_ERRORS

    try:
        serve()
    except STARTUP_ERRORS as exc:  # as `bot.cli.main` says it: one line, status 2 (the parent then stops)
        print(" ".join(str(exc).split()), file=sys.stderr, flush=True)
        sys.exit(2)
