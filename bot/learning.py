"""The trained NLP, wired into the bot: MOT suggestions for stories, classification of customers'
free text, and continuous learning from confirmed examples (`training_example` rows).

One `MotLearner` per process. Each cycle's classifier is the zero-shot one (MOT descriptions and
examples) blended with the NHS topic model through the cycle's `topics:` map, plus every confirmed
example in the database. It is rebuilt in a worker thread when new examples arrive: at start-up and
then every STORYBOT_RETRAIN_SECONDS in the web process (the schedule), or by `storybot nlp retrain`."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from bot.cycle import Cycle
from bot.models import TrainingExample
from bot.nlp.classifier import TopicModel, load_model
from bot.nlp.cycle import CycleClassifier, Suggestion, build_cycle_classifier

log = logging.getLogger(__name__)


@functools.cache
def _load_topic_model(directory: str) -> TopicModel | None:
    """Loaded once per process and path (it is read-only); None when no model was trained."""
    path = Path(directory)
    if not (path / "model.joblib").exists():
        log.warning("no topic model in %s: MOT suggestions use the cycle descriptions only "
                    "(train one with: storybot nlp ensure-model)", path)
        return None
    return load_model(path)


@functools.cache
def _zero_shot(cycle: Cycle, model_dir: str) -> CycleClassifier:
    """The day-one classifier of a cycle (no examples); cached because tests build many apps."""
    return _build(cycle, (), _load_topic_model(model_dir))


def _build(cycle: Cycle, examples: Sequence[tuple[str, str]], topic_model: TopicModel | None) -> CycleClassifier:
    topic_map = {m.id: list(m.topics) for m in cycle.mots if m.topics}
    return build_cycle_classifier(
        cycle.mots, examples, topic_model=topic_model if topic_map else None, topic_map=topic_map or None
    )


@dataclass(frozen=True, slots=True)
class TextReading:
    """What a free text seems to be about: a MOT (None when not sure) and its sentiment."""

    mot_id: str | None
    mot_score: float
    sentiment: str | None
    sentiment_probability: float


@dataclass(frozen=True, slots=True)
class RetrainReport:
    cycle_id: str
    examples: int
    holdout: int
    accuracy_before: float | None
    accuracy_after: float | None


class MotLearner:
    def __init__(self, *, cycles: dict[str, Cycle], model_dir: Path, sessionmaker: Any,
                 interval_seconds: float = 300.0) -> None:
        self.cycles = cycles
        self.model_dir = str(model_dir)
        self.sessionmaker = sessionmaker
        self.interval = interval_seconds
        self._trained: dict[str, tuple[int, CycleClassifier]] = {}
        self._recent: dict[tuple[int, str], Suggestion] = {}
        self._task: asyncio.Task[None] | None = None

    @property
    def topic_model(self) -> TopicModel | None:
        return _load_topic_model(self.model_dir)

    def classifier(self, cycle: Cycle) -> CycleClassifier:
        trained = self._trained.get(cycle.id)
        return trained[1] if trained else _zero_shot(cycle, self.model_dir)

    def _suggestion(self, text: str, cycle: Cycle) -> Suggestion:
        """One classification per (classifier, text): `suggest` then `guesses` on an unsure story
        must not pay for it twice. A small cache, dropped whenever a classifier is rebuilt."""
        classifier = self.classifier(cycle)
        key = (id(classifier), text)
        cached = self._recent.get(key)
        if cached is None:
            cached = classifier.suggest(text, k=4)
            if len(self._recent) >= 64:
                self._recent.pop(next(iter(self._recent)))
            self._recent[key] = cached
        return cached

    def suggest(self, text: str, cycle: Cycle) -> list[tuple[str, float]]:
        """Ranked (mot_id, score) for the story dialog; [] when the model is not sure."""
        suggestion = self._suggestion(text, cycle)
        return [] if suggestion.abstained else [(m, float(s)) for m, s in suggestion.ranked]

    def guesses(self, text: str, cycle: Cycle, k: int = 3) -> list[tuple[str, float]]:
        """The best guesses even when the model is not sure (to offer as choices, never to assume)."""
        return [(m, float(s)) for m, s in self._suggestion(text, cycle).ranked[:k]]

    def read(self, text: str, cycle: Cycle) -> TextReading:
        """A customer's free text: which MOT (if sure) and the sentiment (if a topic model exists)."""
        suggestion = self.classifier(cycle).suggest(text, k=1)
        sentiment, probability = None, 0.0
        model = self.topic_model
        if model is not None and text.strip():
            prediction = model.classify_one(text)
            probability = float(prediction.sentiment_probability)
            sentiment = prediction.likely_sentiment  # None below the model's "likely right" threshold
        return TextReading(suggestion.top, float(suggestion.score), sentiment, probability)

    # --- learning -----------------------------------------------------------------------------

    async def _examples(self, cycle_id: str) -> list[tuple[str, str]]:
        async with self.sessionmaker() as session:
            rows = await session.exec(
                select(TrainingExample.text, TrainingExample.mot_id)
                .where(TrainingExample.cycle_id == cycle_id)
                .order_by(TrainingExample.id)
            )
            return [(t, m) for t, m in rows.all()]

    async def _counts(self) -> dict[str, int]:
        async with self.sessionmaker() as session:
            rows = await session.exec(
                select(TrainingExample.cycle_id, func.count()).group_by(TrainingExample.cycle_id)
            )
            return {cycle_id: int(n) for cycle_id, n in rows.all()}

    async def refresh(self, *, force: bool = False) -> dict[str, int]:
        """Rebuild the classifier of every cycle whose confirmed examples changed; returns counts."""
        counts = await self._counts()
        for cycle_id, count in counts.items():
            cycle = self.cycles.get(cycle_id)
            if cycle is None or (not force and self._trained.get(cycle_id, (-1,))[0] == count):
                continue
            examples = [(t, m) for t, m in await self._examples(cycle_id) if cycle.mot(m)]
            classifier = await asyncio.to_thread(_build, cycle, examples, self.topic_model)
            self._trained[cycle_id] = (count, classifier)
            self._recent.clear()
            log.info("cycle %s: classifier retrained on %d confirmed examples", cycle_id, len(examples))
        return counts

    async def evaluate_retrain(self, cycle: Cycle, *, holdout_share: float = 0.2, seed: int = 0) -> RetrainReport:
        """How much the confirmed examples help: accuracy on a held-out share of them, for the
        day-one classifier and for one trained on the rest."""
        examples = [(t, m) for t, m in await self._examples(cycle.id) if cycle.mot(m)]
        shuffled = random.Random(seed).sample(examples, len(examples))
        cut = int(len(shuffled) * holdout_share)
        test, train = shuffled[:cut], shuffled[cut:]
        if not test:
            return RetrainReport(cycle.id, len(examples), 0, None, None)

        def accuracy(classifier: CycleClassifier) -> float:
            hits = sum(1 for (text, mot), s in zip(test, classifier.suggest_many([t for t, _ in test])) if
                       s.ranked and s.ranked[0][0] == mot)
            return hits / len(test)

        before = accuracy(_zero_shot(cycle, self.model_dir))
        after = accuracy(await asyncio.to_thread(_build, cycle, train, self.topic_model))
        return RetrainReport(cycle.id, len(examples), len(test), before, after)

    # --- the schedule (App.background) ----------------------------------------------------------

    async def warm_up(self) -> None:
        """Load the topic model and build every cycle's day-one classifier off the event loop, so
        the first story after start-up does not stall the web app for half a second."""
        for cycle in self.cycles.values():
            await asyncio.to_thread(_zero_shot, cycle, self.model_dir)

    async def start(self) -> None:
        await self.warm_up()
        await self.refresh()
        if self.interval > 0 and self._task is None:
            self._task = asyncio.create_task(self._loop(), name="mot-learner")

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.refresh()
            except Exception:  # noqa: BLE001 - learning must never take the bot down
                log.exception("retraining the MOT classifiers failed; keeping the previous ones")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
