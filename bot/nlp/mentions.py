"""Which moments of truth a short text names: "the parking was a nightmare" -> find-parking, "reception
was lovely" -> check-in. The managers' question parser already knows how people name moments (the
cycle's names and aliases, built-in synonyms such as "reception" for a check-in moment or "the doc" for
the physician, typos); this asks it about text that is not a question, such as a customer's answer in
the survey. Names only: a text that says nothing of a moment gives nothing (the MOT classifier, in
`bot.learning`, is what guesses from content)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.nlp.question import MotRef, parse_question

_ANY_DAY = datetime(2026, 1, 1)  # the parser reads periods too; the day is irrelevant to names


def moments_named(text: str, mots: Sequence[MotRef]) -> tuple[str, ...]:
    """The ids of the MOTs (of `mots`, a cycle in order) `text` names, most clearly named first."""
    if not isinstance(text, str) or not text.strip():
        return ()
    question = parse_question(text, now=_ANY_DAY, tz="UTC", mots=mots)
    return tuple(dict.fromkeys(m for m in (question.mot_id, *question.alternative_mots) if m))
