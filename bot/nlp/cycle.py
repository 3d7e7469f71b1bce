"""Which Moment of Truth (MOT) a text is about, for any cycle of service, from day one.

    classifier = build_cycle_classifier(mots, examples=confirmed_pairs)
    suggestion = classifier.suggest("the receptionist found me a slot the same day")
    suggestion.ranked     # (("call-appointment", 0.61), ("check-in", 0.22), ...)
    suggestion.top        # "call-appointment", or None when not sure (`abstained`)

Zero-shot: each MOT is described by its name, description, example phrases (and aliases); a text is
compared with those by TF-IDF cosine similarity over lemmas (stop words dropped) and character
n-grams, and the similarities become a distribution with a softmax. Learning: confirmed examples
(`(text, mot_id)` pairs from staff confirming or correcting a suggestion, or customers' rated
comments) join the MOT descriptions as prototypes at once, and once there are enough of them a
logistic regression trained on them is blended in, with more weight as they accumulate. With a topic
model and a `{mot_id: [topics]}` map (see `bot.nlp.mapping`), its topic probabilities are blended in too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.analyzer import MAX_CHARS, build_analyzer
from bot.nlp.mapping import mot_probabilities
from bot.nlp.tfidf import fast_transform, hstack_csr

_TEMPERATURE = 0.07  # softmax temperature over cosine similarities
_MIN_SUPERVISED = 8  # confirmed examples before the trained model is blended in
_HALF_WEIGHT_AT = 60  # confirmed examples at which the trained model gets half the weight
_MAX_SUPERVISED_WEIGHT = 0.8
_TOPIC_WEIGHT = 0.3
_STOP = frozenset(STOP_WORDS) - {"not", "no", "never", "nothing", "nobody", "back", "call", "wait"}


@dataclass(frozen=True, slots=True)
class MotSpec:
    id: str
    name: str
    description: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Ranked MOTs (scores sum to 1, best first); `top` is None when abstained."""

    ranked: tuple[tuple[str, float], ...]
    abstained: bool

    @property
    def top(self) -> str | None:
        return None if self.abstained or not self.ranked else self.ranked[0][0]

    @property
    def score(self) -> float:
        return self.ranked[0][1] if self.ranked else 0.0


class TopicClassifier(Protocol):
    def classify(self, texts: Sequence[str], *, abstain_below: float | None = None) -> list[Any]: ...


def to_mot_spec(mot: Any) -> MotSpec:
    """A MotSpec from a dict, a tuple `(id, name, description, examples)` or an object with those fields."""
    if isinstance(mot, MotSpec):
        return mot
    if isinstance(mot, Mapping):
        fields = (mot["id"], mot.get("name", mot["id"]), mot.get("description", ""),
                  tuple(mot.get("examples", ())) + tuple(mot.get("aliases", ())))
    elif isinstance(mot, tuple | list):
        fields = (mot[0], mot[1] if len(mot) > 1 else mot[0], mot[2] if len(mot) > 2 else "",
                  tuple(mot[3]) if len(mot) > 3 else ())
    else:
        fields = (mot.id, getattr(mot, "name", mot.id), getattr(mot, "description", ""),
                  tuple(getattr(mot, "examples", ())) + tuple(getattr(mot, "aliases", ())))
    return MotSpec(str(fields[0]), str(fields[1]), str(fields[2]), tuple(str(e) for e in fields[3] if str(e).strip()))


class CycleClassifier:
    """Built by `build_cycle_classifier`; immutable, cheap to rebuild when examples change."""

    def __init__(self, mots: Sequence[MotSpec], examples: Sequence[tuple[str, str]], *, abstain_below: float,
                 topic_model: TopicClassifier | None, topic_map: Mapping[str, Sequence[str]] | None) -> None:
        self.mots = tuple(mots)
        self.ids = tuple(m.id for m in self.mots)
        self.examples = tuple(examples)
        self.abstain_below = abstain_below
        self._topic_model = topic_model
        self._topic_map = {k: tuple(v) for k, v in (topic_map or {}).items() if k in self.ids and v}
        docs, owners = _prototypes(self.mots, self.examples)
        self._words = TfidfVectorizer(analyzer=_content_lemmas, ngram_range=(1, 1), sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._words.fit(docs + [m.name for m in self.mots])
        self._chars.fit(docs)
        self._proto = self._vectors(docs)
        self._proto_t = self._proto.T.tocsr()  # (features, prototypes): X @ it = all similarities at once
        self._owner = np.array([self.ids.index(o) for o in owners])
        # Each MOT's prototype columns as one row, padded with -1 (an extra column of -inf), so the
        # best two similarities per MOT come out of one `np.partition` instead of a loop over MOTs.
        groups = [np.flatnonzero(self._owner == j) for j in range(len(self.ids))]
        width = max(2, *(len(g) for g in groups))
        self._groups = np.array([np.pad(g, (0, width - len(g)), constant_values=-1) for g in groups])
        self._single = np.array([len(g) == 1 for g in groups])
        self._supervised, self._supervised_weight = self._fit_supervised()

    def _vectors(self, texts: Sequence[str]) -> sparse.csr_matrix:
        texts = [(t or "")[:MAX_CHARS] for t in texts]
        words, chars = fast_transform(self._words, texts), fast_transform(self._chars, texts)
        return hstack_csr([words, chars], [0.6, 0.4])

    def _fit_supervised(self) -> tuple[LogisticRegression | None, float]:
        usable = [(t, m) for t, m in self.examples if m in self.ids]
        if len(usable) < _MIN_SUPERVISED or len({m for _, m in usable}) < 2:
            return None, 0.0
        seeds = [(d, m.id) for m in self.mots for d in (m.name, m.description, *m.examples) if d]
        texts, labels = zip(*(seeds + usable), strict=True)
        model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
        model.fit(self._vectors(list(texts)), list(labels))
        n = len(usable)
        return model, _MAX_SUPERVISED_WEIGHT * n / (n + _HALF_WEIGHT_AT)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(mots)) MOT probabilities, rows summing to 1 (uniform when nothing matched)."""
        X = self._vectors(texts)
        sims = (X @ self._proto_t).toarray() / 2 ** 0.5  # both blocks are unit length: cosine in [0, 1]
        padded = np.hstack([sims, np.full((len(texts), 1), -np.inf)])  # column -1: the padding
        top2 = -np.partition(-padded[:, self._groups], 1, axis=2)[:, :, :2]  # (texts, mots, 2)
        best = np.where(self._single, top2[:, :, 0], top2.mean(axis=2))  # mean of the best two
        zero_shot = _softmax(best / _TEMPERATURE)
        probs = zero_shot
        if self._supervised is not None:
            learned = np.zeros_like(probs)
            cols = [self.ids.index(c) for c in self._supervised.classes_]
            learned[:, cols] = self._supervised.predict_proba(X)
            w = self._supervised_weight
            probs = (1 - w) * zero_shot + w * learned
        if self._topic_model is not None and self._topic_map:
            probs = self._blend_topics(texts, probs)
        matched = np.asarray(X.getnnz(axis=1)) > 0
        probs[~matched] = 1.0 / len(self.ids)
        return probs

    def _blend_topics(self, texts: Sequence[str], probs: np.ndarray) -> np.ndarray:
        assert self._topic_model is not None
        out = probs.copy()
        for i, prediction in enumerate(self._topic_model.classify(list(texts), abstain_below=0.0)):
            mapped = dict(mot_probabilities(prediction.topic_probabilities(), self._topic_map))
            vector = np.array([mapped.get(mot_id, 0.0) for mot_id in self.ids])
            if vector.sum() > 0:
                out[i] = (1 - _TOPIC_WEIGHT) * probs[i] + _TOPIC_WEIGHT * vector / vector.sum()
        return out

    def suggest_many(self, texts: Sequence[str], *, k: int | None = None) -> list[Suggestion]:
        out = []
        for row in self.scores(texts):
            order = np.argsort(-row, kind="stable")[: k or len(self.ids)]
            ranked = tuple((self.ids[j], round(float(row[j]), 4)) for j in order)
            uniform = np.allclose(row, row[0])
            out.append(Suggestion(ranked=ranked, abstained=bool(uniform or ranked[0][1] < self.abstain_below)))
        return out

    def suggest(self, text: str, *, k: int | None = None) -> Suggestion:
        return self.suggest_many([text], k=k)[0]

    def rank(self, text: str, *, k: int = 4) -> list[tuple[str, float]]:
        """`[(mot_id, score)]`, best first; empty when not sure (the shape the story dialog's `suggest` uses)."""
        suggestion = self.suggest(text, k=k)
        return [] if suggestion.abstained else list(suggestion.ranked)


def build_cycle_classifier(
    mots: Iterable[Any],
    examples: Iterable[tuple[str, str]] = (),
    *,
    abstain_below: float | None = None,
    topic_model: TopicClassifier | None = None,
    topic_map: Mapping[str, Sequence[str]] | None = None,
) -> CycleClassifier:
    """A classifier for one cycle: `mots` as dicts/tuples/objects with id, name, description, examples;
    `examples` as confirmed `(text, mot_id)` pairs (unknown MOT ids are ignored)."""
    specs = [to_mot_spec(m) for m in mots]
    if len(specs) < 2:
        raise ValueError("a cycle classifier needs at least two MOTs")
    if len({s.id for s in specs}) != len(specs):
        raise ValueError("duplicate MOT ids")
    ids = {s.id for s in specs}
    pairs = [(str(t), str(m)) for t, m in examples if m in ids and isinstance(t, str) and t.strip()]
    threshold = abstain_below if abstain_below is not None else 1.5 / len(specs)
    return CycleClassifier(specs, pairs, abstain_below=threshold, topic_model=topic_model, topic_map=topic_map)


def retrain(mots: Iterable[Any], rows: Iterable[Any], **options: Any) -> CycleClassifier:
    """Rebuild from stored rows: `(text, mot_id)` pairs, dicts or objects with `.text` and `.mot_id`
    (e.g. `TrainingExample` rows). Options are passed to `build_cycle_classifier`."""
    pairs = []
    for row in rows:
        if isinstance(row, Mapping):
            pairs.append((row.get("text", ""), row.get("mot_id", "")))
        elif isinstance(row, tuple | list):
            pairs.append((row[0], row[1]))
        else:
            pairs.append((getattr(row, "text", ""), getattr(row, "mot_id", "")))
    return build_cycle_classifier(mots, pairs, **options)


def _prototypes(mots: Sequence[MotSpec], examples: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    docs: list[str] = []
    owners: list[str] = []
    for mot in mots:
        for doc in (f"{mot.name}. {mot.description}", *mot.examples):
            docs.append(doc)
            owners.append(mot.id)
    for text, mot_id in examples:
        docs.append(text[:MAX_CHARS])
        owners.append(mot_id)
    return docs, owners


def _content_lemmas(text: str) -> list[str]:
    return [lemma for lemma in build_analyzer().lemmas(text) if lemma not in _STOP and any(c.isalnum() for c in lemma)]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
