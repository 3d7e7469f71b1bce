"""The topic + sentiment model: `fit_model(examples)`, `model.classify(texts)`, `save_model` / `load_model`.

    model = load_model(Path("data/models/nhs-fft-v6"))
    [prediction] = model.classify(["Waited two hours and nobody told us why"])
    prediction.top            # Score("Timeliness of care", 0.93) or None when not sure
    prediction.labels         # ("Timeliness of care", "Being kept informed, ...")
    prediction.sentiment      # "negative"
    prediction.likely_sentiment  # "negative", or None when the sentiment is not likely right

Multi-label when any training text has several labels (NHS FFT v6), single-label otherwise (phase 1).
A model directory holds `model.joblib` (weights; load only files you trust: it is a pickle) and
`metadata.json` (labels, metrics, data hash, seed, versions).
"""

from __future__ import annotations

import json
import platform
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

import joblib
import numpy as np

from bot.nlp.analyzer import build_analyzer
from bot.nlp.dataset import SENTIMENTS, DatasetError, Example, is_single_label
from bot.nlp.ensemble import LinearTask, TaskConfig, fit_task
from bot.nlp.feature import FeatureConfig, Featurizer, asked_kind
from bot.nlp.prediction import Prediction, Score

FORMAT_VERSION = 3  # 2: named feature blocks (tone, embedding), a "likely right" sentiment threshold; 3: question blocks
# A second task that reads the question a text answers is kept when it cross-validates at least this much
# better (macro-F1) than the text's own. Out of fold on v6-train: topics +0.001 (noise; 0.003 less on dev: not
# kept), sentiment +0.015; phase1-train: topics +0.009, sentiment +0.12; the shipped model (v6 train + dev):
# topics +0.013, sentiment +0.015 (both kept)
ASKED_MIN_GAIN = 0.005
MIN_REPORTED = 0.005  # topics less likely than this are left out of Prediction.topics (the top one never is)
MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"


@dataclass(frozen=True, slots=True)
class ModelConfig:
    features: FeatureConfig = field(default_factory=FeatureConfig)
    # C 0.15 with the heavier embedding block (FeatureConfig.embedding_weight); only topics read that block
    topics: TaskConfig = field(default_factory=lambda: TaskConfig(members=("svc",), svc_c=0.15))
    sentiment: TaskConfig = field(default_factory=lambda: TaskConfig(members=("svc", "lr")))
    topic_blocks: tuple[str, ...] = ("word", "char", "embedding")
    sentiment_blocks: tuple[str, ...] = ("word", "char", "tone")  # plus "shape" when it cross-validates better
    # the second sentiment task's extra blocks, for texts whose question is known (when the training rows had one)
    asked_blocks: tuple[str, ...] = ("question", "asked")
    # the same for topics: a second topic task, kept when it cross-validates better than the text's alone
    asked_topic_blocks: tuple[str, ...] = ("question",)

    def as_dict(self) -> dict:
        return asdict(self)


class TopicModel:
    """A fitted model. Thread-safe for `classify` (no state changes after fitting).

    Two sentiment tasks when the training rows said which question each text answers: `asked_sentiment`
    (the text's blocks and the question's) reads texts whose question is given, `sentiment` (the text's
    blocks only) every other text, so a text without its question is read as well as it ever was; likewise
    `asked_topics`, when reading the question cross-validated better for topics."""

    def __init__(self, featurizer: Featurizer, topics: LinearTask, sentiment: LinearTask | None,
                 metadata: dict | None = None, asked_sentiment: LinearTask | None = None,
                 asked_topics: LinearTask | None = None) -> None:
        self.featurizer = featurizer
        self.topics = topics
        self.sentiment = sentiment
        self.asked_sentiment = asked_sentiment
        self.asked_topics = asked_topics
        self.metadata: dict = metadata or {}

    @property
    def labels(self) -> tuple[str, ...]:
        return self.topics.classes

    @property
    def multilabel(self) -> bool:
        return self.topics.multilabel

    @property
    def abstain_below(self) -> float:
        return self.topics.abstain_below

    @property
    def sentiment_sure_above(self) -> float:
        """Sentiments at least this probable are likely right (precision ~0.9 out of fold when training)."""
        return self.sentiment.sure_above if self.sentiment is not None else 1.0

    @property
    def asked_sentiment_sure_above(self) -> float:
        """The same for texts read with their question (the asked sentiment task)."""
        task = self.asked_sentiment or self.sentiment
        return task.sure_above if task is not None else 1.0

    def classify(self, texts: Sequence[str], *, questions: Sequence[str | None] | None = None,
                 abstain_below: float | None = None) -> list[Prediction]:
        """One Prediction per text (empty, huge, emoji-only or foreign texts are fine: they abstain).
        `questions[i]`, when given, is the question texts[i] answers (the survey's "What could we do
        better?"): the sentiment reads it too ("Nothing." is praise there)."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        if questions is not None and len(questions) != len(texts):
            raise ValueError(f"{len(questions)} questions for {len(texts)} texts")
        if not texts:
            return []
        X = self.featurizer.transform(texts, questions)
        known = self.featurizer.content_nnz(X) > 0
        asked = [i for i, q in enumerate(questions or ()) if asked_kind(q) is not None]
        topic_probs = self.topics.probabilities(X)
        chosen = self.topics.decide(topic_probs)
        threshold = [self.abstain_below if abstain_below is None else abstain_below] * len(texts)
        if asked and self.asked_topics is not None:  # texts whose question is given: the task that reads it
            topic_probs[asked] = self.asked_topics.probabilities(X[asked])
            for i, labels in zip(asked, self.asked_topics.decide(topic_probs[asked]), strict=True):
                chosen[i] = labels
                threshold[i] = self.asked_topics.abstain_below if abstain_below is None else abstain_below
        sent_probs, sure_of = self._sentiments(X, asked)
        topic_order = np.argsort(-topic_probs, axis=1, kind="stable")
        topic_sorted = np.round(np.take_along_axis(topic_probs, topic_order, axis=1), 4).tolist()
        labels_sorted = np.asarray(self.labels, dtype=object)[topic_order].tolist()
        negated = [False] * len(texts)
        if sent_probs is not None and self.sentiment is not None:
            negated = list(build_analyzer().negated_praise(texts))
            sent_order = np.argsort(-sent_probs, axis=1, kind="stable")
            sent_sorted = np.round(np.take_along_axis(sent_probs, sent_order, axis=1), 4).tolist()
            sent_labels = np.asarray(self.sentiment.classes, dtype=object)[sent_order].tolist()
        out = []
        for i in range(len(texts)):
            probs = topic_sorted[i]
            keep = max(1, bisect_left([-p for p in probs], -MIN_REPORTED))
            topics = tuple(map(Score, labels_sorted[i][:keep], probs[:keep]))
            abstained = bool(not known[i] or topic_sorted[i][0] < threshold[i])
            labels = () if abstained else tuple(self.labels[j] for j in chosen[i])
            sentiments = tuple(map(Score, sent_labels[i], sent_sorted[i])) if sent_probs is not None else ()
            best = sentiments[0] if sentiments else Score("neutral", 0.0)
            out.append(Prediction(topics=topics, labels=labels, abstained=abstained, sentiment=best.label,
                                  sentiment_probability=best.probability, sentiments=sentiments,
                                  sentiment_sure_above=sure_of[i], negated_praise=negated[i]))
        return out

    def _sentiments(self, X, asked: list[int]) -> tuple[np.ndarray | None, list[float]]:
        """Sentiment probabilities per row (the asked task's for the `asked` rows, whose question is given)
        and the "likely right" threshold of the task that read each row."""
        n = X.shape[0]
        if self.sentiment is None:
            return None, [1.0] * n
        probs = self.sentiment.probabilities(X)
        sure = [self.sentiment.sure_above] * n
        if self.asked_sentiment is not None and asked:
            probs[asked] = self.asked_sentiment.probabilities(X[asked])
            for i in asked:
                sure[i] = self.asked_sentiment.sure_above
        return probs, sure

    def classify_one(self, text: str, *, question: str | None = None, abstain_below: float | None = None
                     ) -> Prediction:
        return self.classify([text], questions=[question], abstain_below=abstain_below)[0]


def fit_model(
    examples: Sequence[Example],
    *,
    seed: int = 0,
    config: ModelConfig | None = None,
    progress: Callable[[int], None] | None = None,
    n_jobs: int = 2,
) -> TopicModel:
    """Train on examples (topics from rows with labels, sentiment from rows with a sentiment)."""
    config = config or ModelConfig()
    labelled = [e for e in examples if e.labels]
    classes = sorted({label for e in labelled for label in e.labels})
    if len(classes) < 2:
        raise DatasetError("need at least two distinct topic labels to train a topic model")
    multilabel = not is_single_label(labelled)
    featurizer = Featurizer(config.features)
    X_all = featurizer.fit_transform([e.text for e in examples], [e.question for e in examples])
    index = {label: j for j, label in enumerate(classes)}
    topic_rows = [i for i, e in enumerate(examples) if e.labels]
    Y = np.zeros((len(topic_rows), len(classes)), dtype=np.int8)
    for r, i in enumerate(topic_rows):
        Y[r, [index[label] for label in examples[i].labels]] = 1

    def fit_on(rows: list[int], targets: np.ndarray, labels: list[str], multilabel: bool, task_config: TaskConfig,
               blocks: tuple[str, ...]) -> LinearTask:
        cols = featurizer.columns(blocks)
        task = fit_task(X_all[rows][:, cols], targets, labels, multilabel=multilabel, config=task_config,
                        seed=seed, n_jobs=n_jobs, progress=progress)
        _widen(task, cols, X_all.shape[1])
        return task

    def with_question(fit: Callable[[tuple[str, ...]], LinearTask], base: LinearTask, blocks: tuple[str, ...],
                      wanted: tuple[str, ...]) -> tuple[LinearTask | None, tuple[str, ...]]:
        """The task that also reads the question's blocks (those of `wanted` the texts gave features for), and
        its blocks, when it cross-validates ASKED_MIN_GAIN better than `base`; else (None, ())."""
        extra = tuple(b for b in wanted if featurizer.has_block(b) and b not in blocks)
        if not extra:
            return None, ()
        task = fit(blocks + extra)
        if task.oof_metrics["cv_macro_f1"] >= base.oof_metrics["cv_macro_f1"] + ASKED_MIN_GAIN:
            return task, blocks + extra
        return None, ()

    fit_topics = partial(fit_on, topic_rows, Y, classes, multilabel, config.topics)
    topics = fit_topics(tuple(config.topic_blocks))
    asked_topics, asked_topic_blocks = with_question(fit_topics, topics, tuple(config.topic_blocks),
                                                     tuple(config.asked_topic_blocks))
    used = set(config.topic_blocks) | set(asked_topic_blocks)
    sentiment, asked_sentiment, best_blocks, asked_blocks = None, None, (), ()
    sent_rows = [i for i, e in enumerate(examples) if e.sentiment]
    present = [s for s in SENTIMENTS if any(examples[i].sentiment == s for i in sent_rows)]
    if len(present) >= 2:
        S = np.array([[examples[i].sentiment == s for s in present] for i in sent_rows], dtype=np.int8)
        fit_sentiment = partial(fit_on, sent_rows, S, present, False, config.sentiment)
        variants = [tuple(config.sentiment_blocks)]
        if featurizer.has_block("shape") and "shape" not in variants[0]:
            variants.append(variants[0] + ("shape",))  # writing shape too: keep whichever cross-validates better
        for blocks in variants:
            task = fit_sentiment(blocks)
            if sentiment is None or task.oof_metrics["cv_macro_f1"] > sentiment.oof_metrics["cv_macro_f1"]:
                sentiment, best_blocks = task, blocks
        assert sentiment is not None
        # the training texts said which question they answer: a task that reads it too, if it earns it
        asked_sentiment, asked_blocks = with_question(fit_sentiment, sentiment, best_blocks, tuple(config.asked_blocks))
        used |= set(best_blocks) | set(asked_blocks)
    kept = featurizer.keep_blocks(sorted(used))  # blocks no task uses are not computed at all
    for task in (topics, asked_topics, sentiment, asked_sentiment):
        if task is not None:
            task.weights = [w[kept] for w in task.weights]
    metadata = {
        "format_version": FORMAT_VERSION,
        "seed": seed,
        "labels": list(classes),
        "multilabel": multilabel,
        "sentiments": list(sentiment.classes) if sentiment else [],
        "abstain_below": round(topics.abstain_below, 4),
        "sentiment_sure_above": round(sentiment.sure_above, 4) if sentiment else None,
        "sentiment_blocks": list(best_blocks) if sentiment else [],
        "asked_sentiment_sure_above": round(asked_sentiment.sure_above, 4) if asked_sentiment else None,
        "asked_sentiment_blocks": list(asked_blocks),
        "asked_topic_blocks": list(asked_topic_blocks),
        "blocks": featurizer.widths(),
        "n_train": len(examples),
        "n_features": featurizer.n_features,
        "config": config.as_dict(),
        "cv_metrics": {"topic": topics.oof_metrics, "sentiment": sentiment.oof_metrics if sentiment else {},
                       **({"asked_topic": asked_topics.oof_metrics} if asked_topics else {}),
                       **({"asked_sentiment": asked_sentiment.oof_metrics} if asked_sentiment else {})},
        "versions": versions(featurizer),
    }
    return TopicModel(featurizer, topics, sentiment, metadata, asked_sentiment, asked_topics)


def _widen(task: LinearTask, cols: np.ndarray, width: int) -> None:
    """Zero weights for the columns a task was not trained on, so one feature matrix serves every task."""
    widened = []
    for w in task.weights:
        full = np.zeros((width, w.shape[1]), dtype=w.dtype)
        full[cols] = w
        widened.append(full)
    task.weights = widened


def count_fits(examples: Sequence[Example], config: ModelConfig | None = None) -> int:
    """How many progress steps `fit_model` reports (for a progress bar)."""
    config = config or ModelConfig()
    asked = config.features.question_weight > 0 and any(e.question for e in examples)
    steps = (1 + bool(asked and config.asked_topic_blocks)) * len(config.topics.members) * (config.topics.folds + 1)
    if len({e.sentiment for e in examples if e.sentiment}) >= 2:
        variants = 2 if config.features.shape_weight > 0 and "shape" not in config.sentiment_blocks else 1
        if config.asked_blocks and asked:
            variants += 1  # the asked sentiment task (when its blocks have features: a progress bar may end early)
        steps += variants * len(config.sentiment.members) * (config.sentiment.folds + 1)
    return steps


def versions(featurizer: Featurizer | None = None) -> dict[str, str]:
    from importlib.metadata import version

    import sklearn
    import spacy

    found = {"python": platform.python_version(), "numpy": np.__version__, "scikit-learn": sklearn.__version__,
             "spacy": spacy.__version__, "joblib": joblib.__version__}
    if featurizer is None or featurizer.has_block("tone"):
        found["vaderSentiment"] = version("vaderSentiment")
    if featurizer is None or featurizer.has_block("embedding"):
        found["wordllama"] = version("wordllama")
    return found


def save_model(model: TopicModel, directory: Path) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    state = {"format_version": FORMAT_VERSION, "featurizer": model.featurizer, "topics": model.topics,
             "sentiment": model.sentiment, "asked_sentiment": model.asked_sentiment,
             "asked_topics": model.asked_topics}
    joblib.dump(state, directory / MODEL_FILE, compress=3)
    metadata = dict(model.metadata)
    metadata["size_bytes"] = (directory / MODEL_FILE).stat().st_size
    model.metadata = metadata
    (directory / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return directory


def load_model(directory: Path) -> TopicModel:
    directory = Path(directory)
    path = directory / MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no model here (train one with `storybot nlp train`)")
    state = joblib.load(path)
    if state.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"{path}: model format {state.get('format_version')} is not {FORMAT_VERSION}: retrain")
    meta_path = directory / METADATA_FILE
    metadata = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    return TopicModel(state["featurizer"], state["topics"], state["sentiment"], metadata,
                      state.get("asked_sentiment"), state.get("asked_topics"))
