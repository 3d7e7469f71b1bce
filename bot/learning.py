"""The trained NLP, wired into the bot: MOT suggestions for stories, classification of customers'
free text, and continuous learning from confirmed examples (`training_example` rows).

One `MotLearner` per process. Each cycle's classifier (`bot.nlp.mot`) reads the MOT descriptions
and examples, the NHS topic model through the cycle's `topics:` map (as much as it earns on each kind
of text), and every confirmed example in the database, each counting as much as the rest of the
evidence agrees with it. Staff stories are read as stories (`propose`, `suggest`, `guesses`), customers'
comments as comments (`read`). It is rebuilt in a worker thread when new examples arrive: at start-up
and then every STORYBOT_RETRAIN_SECONDS in the web process (the schedule), or by `storybot nlp retrain`.
`evaluate_mots` measures exactly what the dialogs get (`storybot nlp evaluate-mots`)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import statistics
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import store
from bot.cycle import Cycle
from bot.nlp.classifier import TopicModel, load_model
from bot.nlp.comment_sentiment import comment_sentiment_model
from bot.nlp.fitted import digest_of, fitted_once
from bot.nlp.mot import CycleClassifier, Suggestion, build_cycle_classifier

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
    """The day-one classifier of a cycle (no examples): once per process, and, as its fit takes seconds
    at every start, once per machine too (kept in the model directory, `bot.nlp.fitted`, named by the
    cycle's whole content and the topic model's)."""
    topic_model = _load_topic_model(model_dir)
    digest = digest_of((repr(cycle), *_model_stamp(Path(model_dir))))
    classifier = fitted_once(Path(model_dir), f"cycle-{cycle.id}", digest, lambda: _build(cycle, (), topic_model),
                             CycleClassifier)
    return classifier.with_topic_model(topic_model)


def _model_stamp(directory: Path) -> tuple[bytes, str]:
    """What tells one trained topic model from another: its metadata and its file's size."""
    try:
        return (directory / "metadata.json").read_bytes(), str((directory / "model.joblib").stat().st_size)
    except OSError:
        return b"", "no topic model"


def with_stories(cycle: Cycle, examples: Iterable[tuple[str, str] | tuple[str, str, str]] = ()) -> list[Any]:
    """What a cycle's classifier learns from: its labelled stories (`stories:` in the cycle file), as
    confirmed stories, then `examples`, the stories and comments confirmed in the database."""
    return [*((text, mot_id, "story") for text, mot_id in cycle.stories), *examples]


def _build(cycle: Cycle, examples: Sequence[tuple[str, str] | tuple[str, str, str]],
           topic_model: TopicModel | None) -> CycleClassifier:
    topic_map = {m.id: list(m.topics) for m in cycle.mots if m.topics}
    return build_cycle_classifier(
        cycle.mots, with_stories(cycle, examples), topic_model=topic_model if topic_map else None,
        topic_map=topic_map or None
    )


def kind_of(origin: str) -> str:
    """The kind of text a confirmed example is: customers' rated comments are comments, the rest stories."""
    return "comment" if origin.startswith(("rating", "comment", "feedback")) else "story"


@dataclass(frozen=True, slots=True)
class TextReading:
    """What a free text seems to be about: a MOT (None when not sure) and its sentiment.
    `mot_score`: the calibrated chance that the most likely MOT (`ranked[0]`) is right."""

    mot_id: str | None
    mot_score: float
    sentiment: str | None
    sentiment_probability: float
    ranked: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the story dialog offers: one MOT to confirm (`suggested`, when it is right at least nine
    times out of ten at this confidence, `score`) and the other `choices` (the next three), or, when not
    sure, no suggestion and the best three guesses as `choices`."""

    suggested: str | None
    score: float | None
    choices: tuple[str, ...]


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
            cached = classifier.suggest(text, k=4, kind="story")
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

    def propose(self, text: str, cycle: Cycle) -> Proposal:
        """A staff story: the MOT to suggest (None when not sure) and the other choices to offer."""
        suggestion = self._suggestion(text, cycle)
        ids = tuple(m for m, _ in suggestion.ranked)
        if suggestion.abstained or not ids:
            return Proposal(None, None, ids[:3])
        return Proposal(ids[0], float(suggestion.confidence), ids[1:4])

    def read(self, text: str, cycle: Cycle) -> TextReading:
        """A customer's free text: which MOT (if sure) and its sentiment (if likely right: `bot.nlp.comment_sentiment`,
        which reads customers' comments better than the NHS FFT model; that model's topics still inform the MOT)."""
        sentiment, probability, topics = None, 0.0, None
        if text.strip():
            reading = comment_sentiment_model(Path(self.model_dir)).read_one(text)
            probability = reading.probability
            sentiment = reading.likely  # None below the model's "likely right" threshold
            model = self.topic_model
            if model is not None:
                topics = model.classify_one(text).topic_probabilities()
        suggestion = self.classifier(cycle).suggest(text, k=3, kind="comment", topics=topics)
        return TextReading(suggestion.top, float(suggestion.confidence), sentiment, probability, suggestion.ranked)

    # --- learning -----------------------------------------------------------------------------

    async def _examples(self, cycle_id: str) -> list[tuple[str, str, str]]:
        """(text, mot_id, kind) of every confirmed example of a cycle, oldest first."""
        async with self.sessionmaker() as session:
            rows = await store.list_example_texts(session=session, cycle_id=cycle_id)
        return [(t, m, kind_of(o or "")) for t, m, o in rows]

    async def _counts(self) -> dict[str, int]:
        async with self.sessionmaker() as session:
            return await store.count_training_examples(session=session)

    async def refresh(self, *, force: bool = False) -> dict[str, int]:
        """Rebuild the classifier of every cycle whose confirmed examples changed; returns counts."""
        counts = await self._counts()
        for cycle_id, count in counts.items():
            cycle = self.cycles.get(cycle_id)
            if cycle is None or (not force and self._trained.get(cycle_id, (-1,))[0] == count):
                continue
            examples = [e for e in await self._examples(cycle_id) if cycle.mot(e[1])]
            classifier = await asyncio.to_thread(_build, cycle, examples, self.topic_model)
            self._trained[cycle_id] = (count, classifier)
            self._recent.clear()
            log.info("cycle %s: classifier retrained on %d confirmed examples", cycle_id, len(examples))
        return counts

    async def evaluate_retrain(self, cycle: Cycle, *, holdout_share: float = 0.2, seed: int = 0) -> RetrainReport:
        """How much the confirmed examples help: accuracy on a held-out share of them, for the
        day-one classifier and for one trained on the rest."""
        examples = [e for e in await self._examples(cycle.id) if cycle.mot(e[1])]
        shuffled = random.Random(seed).sample(examples, len(examples))
        cut = int(len(shuffled) * holdout_share)
        test, train = shuffled[:cut], shuffled[cut:]
        if not test:
            return RetrainReport(cycle.id, len(examples), 0, None, None)

        def accuracy(classifier: CycleClassifier) -> float:
            hits = sum(1 for (_, mot, _), s in zip(test, classifier.suggest_many([t for t, _, _ in test]),
                                                    strict=True) if s.ranked and s.ranked[0][0] == mot)
            return hits / len(test)

        before = accuracy(_zero_shot(cycle, self.model_dir))
        after = accuracy(await asyncio.to_thread(_build, cycle, train, self.topic_model))
        return RetrainReport(cycle.id, len(examples), len(test), before, after)

    # --- the schedule (App.background) ----------------------------------------------------------

    async def warm_up(self) -> None:
        """Load the topic model, build every cycle's day-one classifier and load the comment-sentiment model off
        the event loop, so the first story or survey after start-up does not stall the web app."""
        await asyncio.to_thread(comment_sentiment_model, Path(self.model_dir))
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


# --- measuring it (storybot nlp evaluate-mots) ----------------------------------------------------------


def evaluate_mots(learner: MotLearner, rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Run labelled texts through exactly what the dialogs call: `propose` for staff stories (the story
    dialog), `read` for customers' comments (the survey). Rows: {"text", "cycle" (a Cycle), "mot" (an
    id, or None for a text that fits no MOT), "kind"}. Per kind and overall: n (rows with a MOT),
    top1, top3 (among the first three choices shown), abstain (share of all rows given no MOT),
    precision_when_suggested (a suggestion for a text that fits no MOT is wrong), none / none_abstained
    (rows that fit no MOT, and how many got none), ms_p50 / ms_p90 per text; for comments labelled with a
    "sentiment", `sentiment`: n, stored (the share given a sentiment: the rest are "not sure") and
    precision_when_stored."""
    tallies: dict[str, dict[str, Any]] = {}
    for row in rows:
        cycle, gold, kind = row["cycle"], row.get("mot") or None, row.get("kind") or "story"
        started = time.perf_counter()
        if kind == "story":
            proposal = learner.propose(row["text"], cycle)
            shown = [proposal.suggested, *proposal.choices] if proposal.suggested else list(proposal.choices)
            suggested = proposal.suggested
        else:
            reading = learner.read(row["text"], cycle)
            shown, suggested = [m for m, _ in reading.ranked], reading.mot_id
        elapsed = (time.perf_counter() - started) * 1000
        feeling = row.get("sentiment") if kind == "comment" else None
        for key in ("all", kind, f"{kind}/{cycle.id}"):
            t = tallies.setdefault(key, {"n": 0, "top1": 0, "top3": 0, "rows": 0, "abstained": 0, "suggested": 0,
                                         "right": 0, "none": 0, "none_abstained": 0, "ms": [],
                                         "sentiments": 0, "stored": 0, "stored_right": 0})
            if feeling:  # what the survey stores as the comment's sentiment (None: not sure, nothing stored)
                t["sentiments"] += 1
                t["stored"] += reading.sentiment is not None
                t["stored_right"] += reading.sentiment == feeling
            t["rows"] += 1
            t["ms"].append(elapsed)
            t["abstained"] += suggested is None
            t["suggested"] += suggested is not None
            t["right"] += suggested is not None and suggested == gold
            if gold is None:
                t["none"] += 1
                t["none_abstained"] += suggested is None
            else:
                t["n"] += 1
                t["top1"] += bool(shown) and shown[0] == gold
                t["top3"] += gold in shown[:3]

    def summary(t: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n": t["n"],
            "top1": round(t["top1"] / t["n"], 3) if t["n"] else None,
            "top3": round(t["top3"] / t["n"], 3) if t["n"] else None,
            "abstain": round(t["abstained"] / t["rows"], 3),
            "precision_when_suggested": round(t["right"] / t["suggested"], 3) if t["suggested"] else None,
        }
        if t["none"]:
            out |= {"none": t["none"], "none_abstained": t["none_abstained"]}
        if t["sentiments"]:
            out |= {"sentiment": {"n": t["sentiments"], "stored": round(t["stored"] / t["sentiments"], 3),
                                  "precision_when_stored": round(t["stored_right"] / t["stored"], 3) if t["stored"]
                                  else None}}
        ms = sorted(t["ms"])
        out |= {"ms_p50": round(statistics.median(ms), 2), "ms_p90": round(ms[int(0.9 * (len(ms) - 1))], 2)}
        return out

    result = summary(tallies.pop("all")) if "all" in tallies else {"n": 0}
    kinds = {}
    for kind in ("story", "comment"):
        if kind in tallies:
            kinds[kind] = summary(tallies[kind]) | {
                "by_cycle": {key.split("/", 1)[1]: summary(t) for key, t in sorted(tallies.items())
                             if key.startswith(f"{kind}/")}}
    return result | {"kinds": kinds}
