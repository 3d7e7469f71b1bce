"""The ASGI web app: `uvicorn --factory bot.web:create_app`. One process serves Slack
(`POST /slack/events`), Telegram (`POST /telegram/webhook`) and `GET /healthz`, in one event loop.
Settings are read once, here, by the factory. `GET /healthz`: 200 when the database takes a write and
every configured platform answers, else 503 and which part is down (bot/health.py)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.app import App, build_app
from bot.config import ConfigurationError, Settings, load_settings
from bot.health import Health

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, core: App | None = None, start_core: bool = True) -> Starlette:
    """Build the web app. `core` lets tests (and `storybot web`) pass an already wired `App`;
    `start_core=False`: the caller starts and closes it (`storybot web` does, before serving, so a
    refused token is one line, not a lifespan traceback)."""
    settings = settings or (core.settings if core else load_settings())
    problem = settings.production_problem()
    if problem is not None:
        raise ConfigurationError(problem)
    weak = settings.anon_key_problem()
    if weak is not None:
        log.warning("⚠ %s", weak)
    if core is None:  # `uvicorn --factory bot.web:create_app`: the same checks and migrations as `storybot web`
        from bot.startup import prepare

        for line in prepare(settings):
            log.warning("%s", line)
        core = build_app(settings)
    health = Health(engine=core.engine, adapters=core.adapters)

    async def healthz(request: Request) -> JSONResponse:
        status, body = await health.report()
        if core.cycle_problems:
            body["cycle_files_left_out"] = sorted(core.cycle_problems.values())  # their teams are off; others run
        return JSONResponse(body, status_code=status)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if start_core:
            try:
                await core.serve()
            except BaseException:
                log.exception("storybot web could not start")
                await core.aclose()
                raise
        log.info("storybot web up: platforms=%s", ",".join(sorted(str(p) for p in core.adapters)) or "none")
        try:
            yield
        finally:
            if start_core:
                await core.aclose()
                log.info("storybot web stopped cleanly")

    routes = [Route("/healthz", healthz, methods=["GET"])]
    for adapter in core.adapters.values():
        routes.extend(adapter.routes())
    web = Starlette(routes=routes, lifespan=lifespan)
    web.state.core = core
    web.state.health = health
    return web
