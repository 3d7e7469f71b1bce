"""What dialogs, the router and the CLI call on: `Services`, built once by `bot.app.build_app`. For each
message the router hands dialogs a copy with that message's open database session
(`dataclasses.replace(services, session=…)`), so a step's `ctx.services.session` is its transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar

from bot.config import Settings
from bot.cycle import Cycle
from bot.models import WeeklyRun, utcnow

if TYPE_CHECKING:
    from bot.store import AsyncSession

    from bot.learning import MotLearner

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


class ShoutOutReview(Protocol):
    """What the recognition_review dialog needs of `bot.weekly.service.WeeklyService` (named structurally:
    the weekly service reaches the adapters' types, which dialogs never import)."""

    async def review(self, *, session: AsyncSession, run_id: int, person_id: str | None,
                     action: str = "approve") -> tuple[WeeklyRun | None, str]: ...

    async def decide(self, *, session: AsyncSession, run_id: int, person_id: str | None, name: str,
                     decision: str, text: str | None = None) -> str: ...


@dataclass(frozen=True, slots=True)
class Services:
    """Built once per app, where `session` is None; the copy a message's dialog steps see has its open
    session (bot.router.Router)."""

    settings: Settings
    cycles: Mapping[str, Cycle]
    learner: MotLearner  # MOT suggestions for stories, readings of customers' comments
    weekly: ShoutOutReview  # the weekly service: shout-out drafts managers approve, edit or skip
    redact: Callable[[str], str]  # contact details out of a text (bot.nlp.redact.redact_text)
    clock: Callable[[], datetime] = utcnow
    session: AsyncSession = None  # type: ignore[assignment]  # set per message, never None in a dialog step
