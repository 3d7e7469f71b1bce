"""Private to bot.nlp.question: from the evidence found in a question (cues, MOTs, person, periods)
to an intent, a confidence and alternatives, and to the MOT meant."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.nlp.period import PeriodMatch
from bot.nlp.question_vocabulary import (
    CHART,
    COMMENTS,
    COMPARE,
    HELP,
    INTENTS,
    MOT_DETAIL,
    PRACTICES,
    STORIES,
    STORY_COUNT,
    STRONGEST,
    UNKNOWN,
    WEAKEST,
    _DETAIL,
    _FOLLOW_UP,
    _GREETING,
    _HEDGE,
    _HOW,
    _OVERVIEW,
    _RANKING,
)


@dataclass(frozen=True, slots=True)
class _Evidence:
    cues: Mapping[str, float]
    mot_scores: Mapping[int, float]
    person: str | None
    periods: tuple[PeriodMatch, ...]
    fixes: int


def _intent_scores(ev: _Evidence) -> dict[str, float]:
    scores = {label: weight for label, weight in ev.cues.items() if label in INTENTS}
    has_mot = bool(ev.mot_scores)
    if has_mot and any(m in ev.cues for m in (_HOW, _DETAIL, _OVERVIEW, _FOLLOW_UP)):
        scores[MOT_DETAIL] = max(scores.get(MOT_DETAIL, 0.0), 2.5 if _DETAIL in ev.cues and _HOW not in ev.cues else 3.0)
    if len(ev.periods) >= 2:
        scores[COMPARE] = max(scores.get(COMPARE, 0.0), 2.5)
    if COMPARE in scores and any(scores.get(i, 0.0) >= 3 for i in (WEAKEST, STRONGEST, STORY_COUNT, CHART)):
        del scores[COMPARE]  # "weakest compared to last week": a ranking with a `compare` period
    if ev.person and not has_mot and COMMENTS in scores:
        scores[STORIES] = max(scores.get(STORIES, 0.0), scores.pop(COMMENTS))
    if ev.person and not has_mot and MOT_DETAIL not in scores and (_HOW in ev.cues or _DETAIL in ev.cues):
        scores[STORIES] = max(scores.get(STORIES, 0.0), 2.0)
    if not has_mot and not ev.person and not scores and (
        _OVERVIEW in ev.cues or _HOW in ev.cues or _DETAIL in ev.cues
    ):
        scores[CHART] = 1.5
    if _GREETING in ev.cues and not scores:
        scores[HELP] = 1.0
    return scores


# Ties are broken in this order: a specific request beats a general one.
_PRECEDENCE = (CHART, STORY_COUNT, COMPARE, PRACTICES, COMMENTS, STORIES, WEAKEST, STRONGEST, MOT_DETAIL, HELP)


def _decide(ev: _Evidence) -> tuple[str, float, tuple[str, ...]]:
    """(intent, confidence, alternative intents)."""
    scores = _intent_scores(ev)
    hedge = _HEDGE in ev.cues
    penalty = min(0.15, 0.05 * ev.fixes)
    if not scores:
        if ev.person:
            return STORIES, 0.7 - penalty, ()
        if ev.mot_scores:
            candidates = (MOT_DETAIL, COMMENTS, PRACTICES)
            if ev.periods and not hedge:
                return MOT_DETAIL, 0.6 - penalty, candidates[1:]
            return UNKNOWN, 0.4, candidates
        if _RANKING in ev.cues or _FOLLOW_UP in ev.cues:
            return UNKNOWN, 0.3, (WEAKEST, STRONGEST, CHART)
        if ev.periods:
            return UNKNOWN, 0.3, (WEAKEST, STRONGEST, STORY_COUNT)
        return UNKNOWN, 0.0, ()
    ranked = sorted(scores, key=lambda i: (-scores[i], _PRECEDENCE.index(i)))
    best = ranked[0]
    top = scores[best]
    if best in (WEAKEST, STRONGEST) and scores.get(WEAKEST, 0) >= 2 and scores.get(STRONGEST, 0) >= 2:
        pair = (best, STRONGEST if best == WEAKEST else WEAKEST)
        return UNKNOWN, 0.4, pair
    confidence = 0.95 if top >= 3 else 0.8 if top >= 2 else 0.6
    confidence -= penalty + (0.25 if hedge else 0.0)
    if best == CHART and top < 2:
        alternatives: tuple[str, ...] = (WEAKEST, STRONGEST)
    else:
        alternatives = tuple(i for i in ranked[1:] if scores[i] >= top - 0.5 and i != COMPARE)
    if confidence < 0.5:
        return UNKNOWN, confidence, (best, *alternatives)
    return best, round(confidence, 2), alternatives


def _mot_choice(mot_scores: Mapping[int, float], mot_ids: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    if not mot_scores:
        return None, ()
    ranked = sorted(mot_scores, key=lambda i: (-mot_scores[i], i))
    best = ranked[0]
    top = mot_scores[best]
    others = tuple(mot_ids[i] for i in ranked[1:] if mot_scores[i] == top or mot_scores[i] >= 2.0)
    return mot_ids[best], others
