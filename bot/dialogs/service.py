"""What dialogs may call on: bound per message by the router to the open database session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from bot.cycle import Cycle


@dataclass(frozen=True, slots=True)
class Services:
    session: AsyncSession
    settings: Settings
    cycles: dict[str, Cycle]
    suggest: Callable[[str, Cycle], list[tuple[str, float]]]
    redact: Callable[[str], str]
    extras: dict[str, Any]
