"""What dialogs may call on: bound per message by the router to the open database session."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from bot.cycle import Cycle

T = TypeVar("T")
# Reading a text costs ~2 ms per 100 characters up to ~5 ms at this length (bench/nlp.py). Shorter
# texts are read on the event loop: a worker thread would fight the loop for the GIL and, on a busy
# web app, take several times as long, holding the turn's transaction open meanwhile. Longer texts
# go to a thread, so acknowledgements never wait more than a few milliseconds.
INLINE_NLP_CHARS = 500


async def read_text(read: Callable[[str, Cycle], T], text: str, cycle: Cycle) -> T:
    """`read(text, cycle)` (a classifier call) inline for short texts, in a worker thread for long ones."""
    if len(text) <= INLINE_NLP_CHARS:
        return read(text, cycle)
    return await asyncio.to_thread(read, text, cycle)


@dataclass(frozen=True, slots=True)
class Services:
    session: AsyncSession
    settings: Settings
    cycles: dict[str, Cycle]
    suggest: Callable[[str, Cycle], list[tuple[str, float]]]
    redact: Callable[[str], str]
    extras: dict[str, Any]
