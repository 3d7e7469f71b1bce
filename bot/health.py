"""What `/healthz` reports: whether the app can do its work right now. The database must take a
write (a real one, rolled back: a read-only SQLite file reads fine and fails every message), and
each configured platform must answer with our credentials (Slack `auth.test`, Telegram's set-up).
Platform answers are kept for `ttl` seconds so a load balancer polling /healthz does not turn into
a stream of API calls; one that was down is asked again once its answer is that old."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from bot import db
from bot.adapters.base import Adapter, Reachable
from bot.db import AsyncEngine
from bot.events import Platform

UP = "up"


class Health:
    def __init__(self, *, engine: AsyncEngine, adapters: Mapping[Platform, Adapter], ttl: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.engine, self.adapters, self.ttl, self.clock = engine, adapters, ttl, clock
        self._platforms: dict[str, tuple[float, str]] = {}  # platform -> (when asked, "up" or why not)

    async def check_platforms(self, *, fresh: bool = False) -> dict[str, str]:
        """Each configured platform: "up" or why not, in one line. Raises `ConfigurationError` when a
        platform refuses our credentials (the caller at start-up stops; /healthz reports it)."""
        now = self.clock()
        for platform, adapter in self.adapters.items():
            name = str(platform)
            cached = self._platforms.get(name)
            if not fresh and cached is not None and now - cached[0] < self.ttl:
                continue
            problem = await adapter.check() if isinstance(adapter, Reachable) else None
            self._platforms[name] = (now, problem or UP)
        return {name: state for name, (_, state) in sorted(self._platforms.items()) if name in _names(self.adapters)}

    async def report(self) -> tuple[int, dict[str, Any]]:
        """(HTTP status, body): 200 when every part is up, else 503 and `down` lists the parts that are not."""
        database = await db.probe_write(self.engine)
        checks: dict[str, str] = {"database": UP if database is None else f"down: {database}"}
        try:
            platforms = await self.check_platforms()
        except Exception as exc:  # noqa: BLE001 - a refused token: reported as down, the server keeps serving
            platforms = {name: f"down: {exc}" for name in _names(self.adapters)}
        checks.update({name: state if state == UP else _down(state) for name, state in platforms.items()})
        down = [part for part, state in checks.items() if state != UP]
        body = {"ok": not down, "database": "up" if database is None else "down",
                "platforms": sorted(_names(self.adapters)), "checks": checks, "down": down}
        return (200 if not down else 503), body


def _names(adapters: Mapping[Platform, Adapter]) -> set[str]:
    return {str(p) for p in adapters}


def _down(state: str) -> str:
    return state if state.startswith("down") else f"down: {state}"
