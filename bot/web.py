"""The ASGI web app: `uvicorn --factory bot.web:create_app`. One process serves Slack
(`POST /slack/events`), Telegram (`POST /telegram/webhook`) and `GET /healthz`, in one event loop.
Settings are read once, here, by the factory."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot import db
from bot.app import App, build_app
from bot.config import ConfigurationError, Settings, load_settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, core: App | None = None) -> Starlette:
    """Build the web app. `core` lets tests pass an already wired `App`."""
    settings = settings or (core.settings if core else load_settings())
    problem = settings.production_problem()
    if problem is not None:
        raise ConfigurationError(problem)
    weak = settings.anon_key_problem()
    if weak is not None:
        log.warning("⚠ %s", weak)
    core = core or build_app(settings)

    async def healthz(request: Request) -> JSONResponse:
        ok = await db.ping(core.engine)
        platforms = sorted(str(p) for p in core.adapters)
        return JSONResponse({"ok": ok, "database": "up" if ok else "down", "platforms": platforms},
                            status_code=200 if ok else 503)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
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
            await core.aclose()
            log.info("storybot web stopped cleanly")

    routes = [Route("/healthz", healthz, methods=["GET"])]
    for adapter in core.adapters.values():
        routes.extend(adapter.routes())
    web = Starlette(routes=routes, lifespan=lifespan)
    web.state.core = core
    return web
