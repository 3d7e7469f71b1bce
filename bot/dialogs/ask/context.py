"""The question a manager asked last, kept for follow-ups ("and last week?", "what about parking?") for
`FOLLOW_UP_MINUTES` (`bot.nlp.question_followup` reads a follow-up against it). Stored as JSON per
conversation (`store.remember_question`): periods as ISO datetimes in the team's zone."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import store
from bot.dialogs.engine import DialogContext
from bot.nlp.period import Period
from bot.nlp.question import Question
from bot.nlp.question_followup import follow_up

FOLLOW_UP_MINUTES = 30
_PERIODS = ("period", "compare")
_TUPLES = ("alternatives", "person_options", "versus")


def period_state(period: Period) -> list[str]:
    """`period` as JSON: [first instant, instant after, label], ISO datetimes."""
    return [period.start.isoformat(), period.end.isoformat(), period.label]


def period_from_state(state: list[str], *, tz: str) -> Period:
    """The `Period` `period_state` wrote, in the team's zone `tz`."""
    start, end = (datetime.fromisoformat(x).astimezone(ZoneInfo(tz)) for x in state[:2])
    return Period(start, end, str(state[2]))


def question_state(q: Question) -> dict[str, Any]:
    """`q` as JSON."""
    state: dict[str, Any] = {}
    for field in dataclasses.fields(q):
        value = getattr(q, field.name)
        if isinstance(value, Period):
            value = period_state(value)
        elif isinstance(value, tuple):
            value = list(value)
        state[field.name] = value
    return state


def question_from_state(state: dict[str, Any], *, tz: str) -> Question | None:
    """The `Question` `question_state` wrote, or None when it cannot be read back (an older shape)."""
    names = {field.name for field in dataclasses.fields(Question)}
    values: dict[str, Any] = {}
    try:
        for name, value in state.items():
            if name not in names:
                continue
            if name in _PERIODS and value is not None:
                value = period_from_state(value, tz=tz)
            elif name in _TUPLES:
                value = tuple(value or ())
            values[name] = value
        return Question(**values)
    except (TypeError, ValueError, IndexError, KeyError):
        return None


async def remember(ctx: DialogContext, q: Question) -> None:
    """Keep `q` as the question a follow-up is read against (not a question left unanswered)."""
    if q.intent in ("unknown", "help", "off_topic"):
        return
    await store.remember_question(session=ctx.services.session, conversation=str(ctx.key), question=question_state(q),
                                  now=ctx.now, expires_at=ctx.now + timedelta(minutes=FOLLOW_UP_MINUTES))


async def completed(ctx: DialogContext, q: Question, text: str, *, reparse: Callable[[str], Question]) -> Question:
    """`q` (the parse of `text`) completed from the question asked before it when `text` follows up on that one
    (`reparse` reads the words after an opening "and", "what about")."""
    previous = await _previous(ctx)
    if previous is None or ctx.team is None:
        return q
    return follow_up(previous, q, text, now=ctx.now, tz=ctx.team.timezone, reparse=reparse) or q


async def follows_up(ctx: DialogContext, text: str, *, reparse: Callable[[str], Question]) -> bool:
    """`text`, which reads as no clear question ("Sam?", "show them"), follows up on the question asked before."""
    previous = await _previous(ctx)
    if previous is None or ctx.team is None:
        return False
    return follow_up(previous, reparse(text), text, now=ctx.now, tz=ctx.team.timezone, reparse=reparse,
                     period_only=False) is not None


async def _previous(ctx: DialogContext) -> Question | None:
    if ctx.team is None:
        return None
    state = await store.recall_question(session=ctx.services.session, conversation=str(ctx.key), now=ctx.now)
    return question_from_state(state, tz=ctx.team.timezone) if state else None
