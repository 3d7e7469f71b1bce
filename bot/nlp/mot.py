"""Which Moment of Truth (MOT) a text is about, for any cycle of service, from day one.

    classifier = build_cycle_classifier(mots, examples=confirmed)   # (text, mot_id) or (text, mot_id, kind)
    suggestion = classifier.suggest("the receptionist found me a slot the same day", kind="comment")
    suggestion.ranked      # (("call-appointment", 0.61), ("check-in", 0.22), ...): probabilities, best first
    suggestion.confidence  # how often the top MOT is right at this confidence (calibrated), e.g. 0.93
    suggestion.top         # "call-appointment", or None when not sure (`abstained`)

Two kinds of text are read differently: a staff member's **story** ("a lady was lost so I walked her
to the clinic") and a customer's **comment** ("nobody could tell me the way"). Per kind:

1. **Descriptions**: the text's cosine similarity to each MOT's "name. description" and example
   phrases (TF-IDF over content lemmas, and over character 3–5-grams; the mean of a MOT's best two).
2. **Topic model** (optional): an external topic model's probabilities mapped to MOTs through the
   cycle's `topics:` lists (`bot.nlp.mapping`).
   **Learned model**: a logistic regression trained on the descriptions, examples and confirmed examples,
   reading the TF-IDF lemmas and characters and a 256-d sentence embedding (`bot.nlp.embedding`,
   `EMBEDDING_WEIGHT`): its log-probabilities are the third source, and on staff stories the strongest.
   These make a log-linear model, `logit[mot] = Σ weight[kind][source] · evidence[source][mot]`, and a
   softmax gives the *prior*. The weights are measured on labelled stories and comments by
   `bench/mot_weights.py` (a conditional logistic regression), not assumed: the NHS topic model, trained on
   patients' comments, earns little weight on staff stories.
3. **Confirmed examples** (`(text, mot_id, kind)` from staff confirming or correcting a suggestion and
   customers' rated comments) are votes: example i gives its MOT `agreement_i · exp((sim − 1) / kernel)`,
   nearly 1 for the same words, nearly 0 for unrelated ones (examples of the other kind count
   `other_kind` as much). The votes are added to the prior as pseudo-counts,
   `q[mot] = (prior_strength · p[mot] + votes[mot]) / (prior_strength + Σ votes)`, so a single click
   never outweighs the cycle's own descriptions; agreeing examples add up. `agreement_i` is how far
   the rest of the evidence (descriptions, topic model and the *other* examples) agrees with example
   i's label: the probability it gives that label over the probability of its favourite, so a lone
   click against confident descriptions counts for little, and counts fully once others agree.

**Calibration**: the chance that the top MOT is right is `sigmoid(c0 + c1·margin + c2·strength +
c3·support)` (margin: log-ratio of the best two; strength: the description similarity of the best;
support: the share of the examples' votes), fitted per kind on out-of-fold predictions. A MOT is
suggested (or stored) only when that is at least `sure_at` (0.9: right nine times out of ten);
otherwise the caller shows the best guesses, or stores none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp import embedding
from bot.nlp.analyzer import MAX_CHARS, build_analyzer
from bot.nlp.mapping import mot_probabilities
from bot.nlp.tfidf import fast_transform, hstack_csr

KINDS = ("story", "comment")
_STOP = frozenset(STOP_WORDS) - {"not", "no", "never", "nothing", "nobody", "back", "call", "wait"}
# The learned model reads the TF-IDF lemmas and characters and, beside them, a 256-d sentence embedding
# (`bot.nlp.embedding`, the one the topic model loads anyway) scaled by this: it knows that a GP is a
# doctor and a card reader a payment without an example saying so. With LEARNED_C, measured by
# `bench/mot_weights.py` (step 0) on the development sets.
EMBEDDING_WEIGHT = 0.5
LEARNED_C = 3.0


@dataclass(frozen=True, slots=True)
class KindWeights:
    """How to read one kind of text. Measured by `bench/mot_weights.py` on bench/data/*-dev.jsonl."""

    words: float  # logit weight of the lemma similarity to the descriptions
    chars: float  # logit weight of the character n-gram similarity to the descriptions
    topic: float = 0.0  # logit weight of the topic model's mapped probability (0: not consulted)
    topic_bias: float = 0.0  # logit added to the MOTs that have topics (they get topic evidence at all)
    learned: float = 0.0  # logit weight of the log-probability of the model trained on descriptions + examples
    examples: float = 0.0  # logit weight of the similarity to a MOT's confirmed examples (best two, by agreement)
    prior_strength: float = 2.0  # pseudo-count of the prior against the confirmed examples' votes
    kernel: float = 0.1  # a vote is exp((similarity - 1) / kernel)
    other_kind: float = 0.5  # an example of the other kind votes this much
    calibration: tuple[float, float, float, float] = (-1.0, 1.0, 4.0, 1.0)  # c0, margin, strength, support
    sure_at: float = 0.9  # suggest / store a MOT only when it is right this often


# Measured on bench/data/mot-{stories,comments}-dev.jsonl with the shipped NHS topic model
# (data/models/nhs-fft-v6) by `bench/mot_weights.py`; re-run it after retraining that model.
WEIGHTS: dict[str, KindWeights] = {
    "story": KindWeights(words=0.86, chars=1.14, topic=0.0, topic_bias=0.0, learned=2.72, examples=2.0,
                         prior_strength=1.0, kernel=0.05, other_kind=1.0, calibration=(-0.62, 0.79, 2.7, 0.0),
                         sure_at=0.9),
    "comment": KindWeights(words=3.35, chars=2.88, topic=0.0, topic_bias=0.0, learned=2.41, examples=8.0,
                           prior_strength=1.0, kernel=0.05, other_kind=1.0, calibration=(-3.4, 0.88, 7.86, 0.0),
                           sure_at=0.9),
}


@dataclass(frozen=True, slots=True)
class MotSpec:
    id: str
    name: str
    description: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Ranked MOTs (probabilities summing to 1, best first); `top` is None when abstained.
    `confidence`: the calibrated chance that the first one is right."""

    ranked: tuple[tuple[str, float], ...]
    abstained: bool
    confidence: float = 0.0

    @property
    def top(self) -> str | None:
        return None if self.abstained or not self.ranked else self.ranked[0][0]

    @property
    def score(self) -> float:
        return self.ranked[0][1] if self.ranked else 0.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """Each source's evidence for texts × MOTs (what `bench/mot_weights.py` fits the weights on)."""

    words: np.ndarray  # (n, m) lemma cosine to the descriptions, mean of the best two per MOT
    chars: np.ndarray  # (n, m) character n-gram cosine, likewise
    topic: np.ndarray | None  # (n, m) mapped topic probabilities, None without a topic model
    learned: np.ndarray | None  # (n, m) log-probabilities of the model trained on descriptions + examples
    example_words: np.ndarray  # (n, e) lemma cosine to each confirmed example
    example_chars: np.ndarray  # (n, e)
    matched: np.ndarray  # (n,) False: nothing in the text is known (empty, emoji, another language)


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

    def __init__(self, mots: Sequence[MotSpec], examples: Sequence[tuple[str, str, str]], *,
                 topic_model: TopicClassifier | None, topic_map: Mapping[str, Sequence[str]] | None,
                 weights: Mapping[str, KindWeights], embedding_weight: float = EMBEDDING_WEIGHT,
                 learned_c: float = LEARNED_C) -> None:
        self.mots = tuple(mots)
        self.ids = tuple(m.id for m in self.mots)
        self.examples = tuple(examples)
        self.weights = dict(weights)
        self._embedding_weight, self._learned_c = embedding_weight, learned_c
        self._topic_model = topic_model
        self._topic_map = {k: tuple(v) for k, v in (topic_map or {}).items() if k in self.ids and v}
        docs, owners = _prototypes(self.mots)
        # Distinct (text, MOT, kind) examples: the same story seeded twice is one vote, not two.
        distinct = list(dict.fromkeys((t[:MAX_CHARS], m, k) for t, m, k in self.examples))
        self._example_texts = [t for t, _, _ in distinct]
        self._example_kind = np.array([k for _, _, k in distinct], dtype=object)
        self._example_mot = np.array([self.ids.index(m) for _, m, _ in distinct], dtype=np.int64)
        # The descriptions are compared in a space fitted on the cycle alone, so that learning new
        # examples never changes how a text compares with the descriptions (the prior's weights were
        # measured that way); the examples in a space fitted on the examples and the descriptions.
        self._words, self._chars = _vectorizers(docs + [m.name for m in self.mots], docs)
        words, chars = _vectors(self._words, self._chars, docs)
        self._proto_words, self._proto_chars = words.T.tocsr(), chars.T.tocsr()
        owner = np.array([self.ids.index(o) for o in owners])
        # Each MOT's prototype columns as one row, padded with -1 (an extra column of -inf), so the
        # best two similarities per MOT come out of one `np.partition` instead of a loop over MOTs.
        groups = [np.flatnonzero(owner == j) for j in range(len(self.ids))]
        width = max(2, *(len(g) for g in groups))
        self._groups = np.array([np.pad(g, (0, width - len(g)), constant_values=-1) for g in groups])
        self._single = np.array([len(g) == 1 for g in groups])
        self._has_topic = np.array([mot_id in self._topic_map for mot_id in self.ids], dtype=float)
        self._ex_vectorizers = None
        examples_read = None  # the examples in the examples' space: read once, used three times below
        if distinct:
            self._ex_vectorizers = _vectorizers(docs + self._example_texts, docs + self._example_texts)
            examples_read = _vectors(*self._ex_vectorizers, self._example_texts)
            self._ex_words, self._ex_chars = examples_read[0].T.tocsr(), examples_read[1].T.tocsr()
        self._learned: tuple[np.ndarray, np.ndarray] | None = None
        self._example_evidence = self.evidence(self._example_texts, read=examples_read) if distinct else None
        self._agreement = self.agreements(self.weights)
        self._learned = self._fit_learned(docs, owners, examples_read)

    def __getstate__(self) -> dict[str, object]:
        """Pickled (`bot.nlp.fitted`) without the topic model, which is shared and loaded on its own:
        `with_topic_model` gives it back."""
        state = {name: value for name, value in self.__dict__.items() if name != "_topic_model"}
        return {**state, "_had_topic_model": self._topic_model is not None}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state, _topic_model=None)

    def with_topic_model(self, topic_model: TopicClassifier | None) -> CycleClassifier:
        """This classifier, read back from a pickle, with the topic model it was fitted with (if any)."""
        if self.__dict__.pop("_had_topic_model", False):
            self._topic_model = topic_model
        return self

    # --- evidence ---------------------------------------------------------------------------------

    def _best_two(self, sims: np.ndarray) -> np.ndarray:
        padded = np.hstack([sims, np.full((sims.shape[0], 1), -np.inf)])  # column -1: the padding
        top2 = -np.partition(-padded[:, self._groups], 1, axis=2)[:, :, :2]  # (texts, mots, 2)
        return np.where(self._single, top2[:, :, 0], top2.mean(axis=2))

    def evidence(self, texts: Sequence[str], *, with_topics: bool | None = None,
                 topics: Sequence[Mapping[str, float]] | None = None,
                 read: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None) -> Evidence:
        """Every source's evidence. `topics`: the topic model's `{topic: probability}` per text when
        the caller has them already (the survey reads the sentiment from the same prediction). The
        topic model is consulted only when a kind of text gives it weight (or `with_topics`). `read`:
        the texts in the examples' space when the caller has them already (the build, for its examples)."""
        if with_topics is None:
            with_topics = any(w.topic for w in self.weights.values())
        words, chars = _vectors(self._words, self._chars, texts)
        n = len(texts)
        matched = (np.asarray(words.getnnz(axis=1)) > 0) | (np.asarray(chars.getnnz(axis=1)) > 0)
        topic = None
        if with_topics and self._topic_map and (topics is not None or self._topic_model is not None):
            if topics is None:
                assert self._topic_model is not None
                topics = [p.topic_probabilities() for p in self._topic_model.classify(list(texts), abstain_below=0.0)]
            topic = np.zeros((n, len(self.ids)))
            for i, probabilities in enumerate(topics):
                mapped = dict(mot_probabilities(probabilities, self._topic_map))
                topic[i] = [mapped.get(mot_id, 0.0) for mot_id in self.ids]
        learned_words, learned_chars = words, chars
        if self._ex_vectorizers is not None:
            learned_words, learned_chars = read if read is not None else _vectors(*self._ex_vectorizers, texts)
            matched |= (np.asarray(learned_words.getnnz(axis=1)) > 0)
            ex_words, ex_chars = (learned_words @ self._ex_words).toarray(), (learned_chars @ self._ex_chars).toarray()
        else:
            ex_words = ex_chars = np.zeros((n, 0))
        learned = None
        if self._learned is not None:
            coef, intercept = self._learned
            z = np.asarray(self._learned_features(texts, learned_words, learned_chars) @ coef) + intercept
            learned = z - z.max(axis=1, keepdims=True)
            learned -= np.log(np.exp(learned).sum(axis=1, keepdims=True))
        return Evidence(self._best_two((words @ self._proto_words).toarray()),
                        self._best_two((chars @ self._proto_chars).toarray()), topic, learned, ex_words, ex_chars,
                        matched)

    def _learned_features(self, texts: Sequence[str], words: sparse.csr_matrix | None = None,
                          chars: sparse.csr_matrix | None = None) -> sparse.csr_matrix:
        """What the learned model reads: TF-IDF lemmas and characters (in the examples' space once there
        are examples; `words`, `chars` when the caller has them already) and the sentence embedding."""
        if words is None or chars is None:
            words, chars = _vectors(*(self._ex_vectorizers or (self._words, self._chars)), texts)
        if not self._embedding_weight:
            return hstack_csr([words, chars], [0.6, 0.4])
        vectors = sparse.csr_matrix(embedding.embed(texts))
        return hstack_csr([words, chars, vectors], [0.6, 0.4, self._embedding_weight])

    def _fit_learned(self, docs: list[str], owners: list[str],
                     examples_read: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None
                     ) -> tuple[np.ndarray, np.ndarray] | None:
        """A logistic regression on the descriptions (and the examples, each weighted by its agreement):
        a discriminative reading of the same words (and of their embedding), which finds what tells MOTs
        apart. `examples_read`: the examples in their space, read already (each row is read on its own, so
        the descriptions' rows stacked on them are the same matrix as reading all the texts at once)."""
        if not any(w.learned for w in self.weights.values()):
            return None
        texts = docs + self._example_texts
        words = chars = None
        if examples_read is not None and self._ex_vectorizers is not None:
            docs_words, docs_chars = _vectors(*self._ex_vectorizers, docs)
            words = sparse.vstack([docs_words, examples_read[0]], format="csr")
            chars = sparse.vstack([docs_chars, examples_read[1]], format="csr")
        labels = [self.ids.index(o) for o in owners] + list(self._example_mot)
        own = [self._agreement[kind][i] if kind in self._agreement else 1.0
               for i, kind in enumerate(self._example_kind)]
        # newton-cg: the same optimum as lbfgs (suggestions identical on our held-out stories, probabilities
        # within 0.002) in about 40 % of the time; a build runs at every retrain of the live bot
        model = LogisticRegression(C=self._learned_c, max_iter=2000, class_weight="balanced", solver="newton-cg")
        model.fit(self._learned_features(texts, words, chars), labels, sample_weight=np.array([1.0] * len(docs) + own))
        coef = np.full((model.coef_.shape[1], len(self.ids)), 0.0)
        intercept = np.full(len(self.ids), -30.0)  # a MOT the model never saw: (almost) impossible
        if len(model.classes_) == 2:  # binary: sklearn keeps one row for the second class
            coef[:, model.classes_[1]], intercept[model.classes_[1]] = model.coef_[0], model.intercept_[0]
            intercept[model.classes_[0]] = 0.0
        else:
            coef[:, model.classes_], intercept[model.classes_] = model.coef_.T, model.intercept_
        return coef, intercept

    def _prior(self, ev: Evidence, w: KindWeights,
               like: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The prior (descriptions + topic model + the learned model + `like`, the similarity to the
        confirmed examples) and the description similarity, both (n, m)."""
        strength = (ev.words + ev.chars) / 2
        logits = w.words * ev.words + w.chars * ev.chars
        if like is not None and w.examples:
            logits = logits + w.examples * like
        if ev.topic is not None and w.topic:
            logits = logits + w.topic * ev.topic + w.topic_bias * self._has_topic
        if ev.learned is not None and w.learned:
            logits = logits + w.learned * ev.learned
        return _softmax(logits), strength

    def _like(self, ev: Evidence, w: KindWeights, kind: str, agreement: np.ndarray | None) -> np.ndarray:
        """(n, m) per MOT, the mean of the two best similarities to its confirmed examples, each
        similarity times the example's agreement (and `other_kind` for the other kind); a MOT with one
        example gets half of it: one click is half the evidence of two that agree."""
        n = ev.example_words.shape[0]
        like = np.zeros((n, len(self.ids)))
        if ev.example_words.shape[1] == 0:
            return like
        sims = (ev.example_words + ev.example_chars) / 2
        sims = sims * np.where(self._example_kind == kind, 1.0, w.other_kind)
        if agreement is not None:
            sims = sims * agreement
        for j in range(len(self.ids)):
            cols = sims[:, self._example_mot == j]
            if cols.shape[1] == 1:
                like[:, j] = cols[:, 0] / 2
            elif cols.shape[1] > 1:
                like[:, j] = -np.partition(-cols, 1, axis=1)[:, :2].mean(axis=1)
        return like

    def _votes(self, ev: Evidence, w: KindWeights, kind: str, agreement: np.ndarray | None) -> np.ndarray:
        """(n, m) confirmed examples' votes for each MOT."""
        n = ev.example_words.shape[0]
        votes = np.zeros((n, len(self.ids)))
        if ev.example_words.shape[1] == 0:
            return votes
        sims = (ev.example_words + ev.example_chars) / 2
        kernel = np.exp((np.minimum(sims, 1.0) - 1.0) / w.kernel)
        kernel *= np.where(self._example_kind == kind, 1.0, w.other_kind)
        if agreement is not None:
            kernel *= agreement
        for j in range(len(self.ids)):  # m columns: cheaper than a one-hot product for a few texts
            mask = self._example_mot == j
            if mask.any():
                votes[:, j] = kernel[:, mask].sum(axis=1)
        return votes

    def agreements(self, weights: Mapping[str, KindWeights]) -> dict[str, np.ndarray]:
        """Per kind of reading: each example's agreement with the rest of the evidence (see the module
        doc). The example itself is left out; two rounds, so examples that agree lift each other."""
        ev = self._example_evidence
        rows = np.arange(len(self._example_texts))
        if ev is None:
            return {kind: np.ones(0) for kind in weights}
        out = {}
        for kind in weights:
            w = weights[kind]
            prior, _ = self._prior(ev, w)
            agreement = np.ones(len(rows))
            for _ in range(2):
                votes = self._votes(ev, w, kind, agreement)
                sims = (ev.example_words + ev.example_chars) / 2
                own = np.exp((np.minimum(sims[rows, rows], 1.0) - 1.0) / w.kernel) * agreement
                own *= np.where(self._example_kind == kind, 1.0, w.other_kind)
                votes[rows, self._example_mot] -= own  # leave the example itself out
                votes = np.maximum(votes, 0.0)
                posterior = (w.prior_strength * prior + votes) / (w.prior_strength + votes.sum(axis=1, keepdims=True))
                agreement = posterior[rows, self._example_mot] / posterior.max(axis=1)
            out[kind] = agreement
        return out

    # --- reading --------------------------------------------------------------------------------------

    def _weights(self, kind: str) -> KindWeights:
        if kind not in self.weights:
            raise ValueError(f"unknown kind of text {kind!r} (known: {', '.join(self.weights)})")
        return self.weights[kind]

    def read(self, texts: Sequence[str], *, kind: str = "story",
             topics: Sequence[Mapping[str, float]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(probabilities (n, m), confidence (n,)): the MOT distribution per text and the calibrated
        chance that its most likely MOT is right (0 when nothing in the text is known)."""
        w = self._weights(kind)
        ev = self.evidence(texts, with_topics=bool(w.topic), topics=topics)
        return self.combine(ev, kind)

    def combine(self, ev: Evidence, kind: str, weights: KindWeights | None = None,
                agreement: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities and confidence from the evidence; `weights` and `agreement` (from
        `agreements`) default to this classifier's own (`bench/mot_weights.py` tries others)."""
        w = weights or self._weights(kind)
        if weights is None:
            agreement = self._agreement.get(kind)
        like = self._like(ev, w, kind, agreement) if w.examples else None
        prior, strength = self._prior(ev, w, like)
        votes = self._votes(ev, w, kind, agreement)
        total = votes.sum(axis=1, keepdims=True)
        probs = (w.prior_strength * prior + votes) / (w.prior_strength + total)
        confidence = calibrated_confidence(probs, strength, total[:, 0] / (w.prior_strength + total[:, 0]), w)
        probs[~ev.matched] = 1.0 / len(self.ids)
        confidence[~ev.matched] = 0.0
        return probs, confidence

    def scores(self, texts: Sequence[str], *, kind: str = "story") -> np.ndarray:
        """(len(texts), len(mots)) MOT probabilities, rows summing to 1 (uniform when nothing matched)."""
        return self.read(texts, kind=kind)[0]

    def suggest_many(self, texts: Sequence[str], *, k: int | None = None, kind: str = "story",
                     topics: Sequence[Mapping[str, float]] | None = None) -> list[Suggestion]:
        probs, confidence = self.read(texts, kind=kind, topics=topics)
        sure_at = self._weights(kind).sure_at
        out = []
        for row, sure in zip(probs, confidence, strict=True):
            order = np.argsort(-row, kind="stable")[: k or len(self.ids)]
            ranked = tuple((self.ids[j], round(float(row[j]), 4)) for j in order)
            out.append(Suggestion(ranked=ranked, abstained=bool(sure < sure_at), confidence=round(float(sure), 4)))
        return out

    def suggest(self, text: str, *, k: int | None = None, kind: str = "story",
                topics: Mapping[str, float] | None = None) -> Suggestion:
        return self.suggest_many([text], k=k, kind=kind, topics=None if topics is None else [topics])[0]

    def rank(self, text: str, *, k: int = 4, kind: str = "story") -> list[tuple[str, float]]:
        """`[(mot_id, score)]`, best first; empty when not sure (the shape the story dialog's `suggest` uses)."""
        suggestion = self.suggest(text, k=k, kind=kind)
        return [] if suggestion.abstained else list(suggestion.ranked)


def calibrated_confidence(probs: np.ndarray, strength: np.ndarray, support: np.ndarray,
                          w: KindWeights) -> np.ndarray:
    """P(the most likely MOT is right) from the margin over the second, the description similarity of
    the most likely and the examples' share of the evidence."""
    features = confidence_features(probs, strength, support)
    z = w.calibration[0] + features @ np.asarray(w.calibration[1:])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def confidence_features(probs: np.ndarray, strength: np.ndarray, support: np.ndarray) -> np.ndarray:
    """(n, 3): log(p1 / p2), the description similarity of the most likely MOT, the examples' share."""
    order = np.argsort(-probs, axis=1, kind="stable")
    rows = np.arange(len(probs))
    p1, p2 = probs[rows, order[:, 0]], probs[rows, order[:, 1]]
    margin = np.log(np.maximum(p1, 1e-12)) - np.log(np.maximum(p2, 1e-12))
    return np.column_stack([margin, strength[rows, order[:, 0]], support])


def build_cycle_classifier(
    mots: Iterable[Any],
    examples: Iterable[tuple[str, str] | tuple[str, str, str]] = (),
    *,
    abstain_below: float | None = None,
    topic_model: TopicClassifier | None = None,
    topic_map: Mapping[str, Sequence[str]] | None = None,
    weights: Mapping[str, KindWeights] | None = None,
    embedding_weight: float = EMBEDDING_WEIGHT,
    learned_c: float = LEARNED_C,
) -> CycleClassifier:
    """A classifier for one cycle: `mots` as dicts/tuples/objects with id, name, description, examples;
    `examples` as confirmed `(text, mot_id)` pairs or `(text, mot_id, kind)` triples (kind "story" when
    not given; unknown MOT ids are ignored). `abstain_below` replaces the calibrated `sure_at` (0.9) of
    every kind; `embedding_weight` (0: no embedding) and `learned_c` shape the learned model."""
    specs = [to_mot_spec(m) for m in mots]
    if len(specs) < 2:
        raise ValueError("a cycle classifier needs at least two MOTs")
    if len({s.id for s in specs}) != len(specs):
        raise ValueError("duplicate MOT ids")
    ids = {s.id for s in specs}
    triples = []
    for example in examples:
        text, mot_id = example[0], example[1]
        kind = str(example[2]) if len(example) > 2 else "story"
        if mot_id in ids and isinstance(text, str) and text.strip():
            triples.append((text, str(mot_id), kind if kind in KINDS else "story"))
    chosen = dict(weights or WEIGHTS)
    if abstain_below is not None:
        chosen = {kind: replace(w, sure_at=abstain_below) for kind, w in chosen.items()}
    return CycleClassifier(specs, triples, topic_model=topic_model, topic_map=topic_map, weights=chosen,
                           embedding_weight=embedding_weight, learned_c=learned_c)


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


def _prototypes(mots: Sequence[MotSpec]) -> tuple[list[str], list[str]]:
    docs: list[str] = []
    owners: list[str] = []
    for mot in mots:
        for doc in (f"{mot.name}. {mot.description}", *mot.examples):
            docs.append(doc)
            owners.append(mot.id)
    return docs, owners


def _vectorizers(word_docs: list[str], char_docs: list[str]) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    words = TfidfVectorizer(analyzer=_content_lemmas, ngram_range=(1, 1), sublinear_tf=True).fit(word_docs)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(char_docs)
    return words, chars


def _vectors(words: TfidfVectorizer, chars: TfidfVectorizer,
             texts: Sequence[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    texts = [(t or "")[:MAX_CHARS] for t in texts]
    return fast_transform(words, texts), fast_transform(chars, texts)


@lru_cache(maxsize=16384)
def _content_lemmas(text: str) -> tuple[str, ...]:
    """The content lemmas of a text, kept for the next call: a cycle's build reads its labelled stories and
    examples four times over (fitting the spaces, the examples' evidence, their agreement, the learned model)."""
    return tuple(lemma for lemma in build_analyzer().lemmas(text)
                 if lemma not in _STOP and any(c.isalnum() for c in lemma))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
