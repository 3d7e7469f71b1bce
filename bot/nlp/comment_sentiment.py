"""The sentiment of a customer's own words (the visit survey's free text): `read_comments(model, texts)`.

The NHS FFT model (`bot.nlp.classifier`) learnt the sentiment of answers to the FFT's own questions ("What
was good?", "What could we do better?"), long and written to a hospital. On the short comments customers type
in the survey its most likely sentiment was right for 63-72 % of our labelled comments and it stored one for
only a third of them ("Food came out cold." neutral, "Best steak I've had in years." neutral, "Poor service
overall." neutral; `bench/comment_sentiment.py`). This model reads those comments:

- one multinomial logistic regression over the word, character, tone and embedding blocks of
  `bot.nlp.feature` (lemmas with negation marks, cased character n-grams, the lexicon polarity sequence,
  wordllama's 256-d sentence embedding);
- fitted on weighted rows (`training_rows`): customers' comments labelled by outside authors who never saw
  the model (bot/nlp/data/comment_sentiments.jsonl, weight 3); the message-kind corpus's customer feedback
  (a shining moment -> positive, an irritating or dull one -> negative; weight 3) and staff stories and
  problems (weight 1); the NHS FFT v6 comments (data/nhs-fft, train + dev; weight 0.5), which teach tone
  words our authors never used;
- `sure_above`: the lowest top probability from which the most likely sentiment is right at least
  `STORE_PRECISION` of the time on the comments of an author left out of the fit (each author's comments, and the
  customer feedback phrasings, left out in turn; the threshold is read on the authors' comments): below it
  nothing is stored, "not sure". Nor for a text mostly in another language (`mostly_english`). A positive reading of
  a text whose praise is all negated ("Not very helpful.", `Analyzer.negated_praise`) is never stored.

Fitting takes seconds (the author folds most of them); it is fitted once per machine (`bot.nlp.fitted`, named by
the digest of its training files and bot/nlp's code) and ships prefit (devkit/prefit.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from bot.nlp.analyzer import build_analyzer, english_words, tone_lexicon
from bot.nlp.dataset import SENTIMENTS
from bot.nlp.ensemble import sure_point
from bot.nlp.feature import FeatureConfig, Featurizer
from bot.nlp.fitted import digest_of, once_per_process
from bot.nlp.message_kind_lexicon import ENGLISH_WORDS, FOREIGN_WORDS
from bot.nlp.message_kind_model import PHRASINGS, load_phrasings

_DATA = Path(__file__).resolve().parent / "data"
COMMENTS = _DATA / "comment_sentiments.jsonl"
NHS = tuple(Path(__file__).resolve().parents[2] / "data" / "nhs-fft" / f"v6-{split}.jsonl" for split in ("train", "dev"))
STORE_PRECISION = 0.92  # of the sentiments stored, on the comments of authors left out of the fit (as ensemble.SURE_PRECISION)
ENGLISH_SHARE = 0.4  # a text with fewer English words than this (another language) gets no stored sentiment
MIN_OUT_OF_FOLD = 20  # fewer comments read out of fold: no threshold can be trusted, nothing is stored
C = 1.0
FEATURES = FeatureConfig(shape_weight=0.0, question_weight=0.0)  # word, char, tone (x0.5), embedding (x0.6)
WEIGHTS = {"comment": 3.0, "feedback": 3.0, "staff": 1.0, "nhs": 0.5}


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    sentiment: str
    kind: str  # a WEIGHTS key
    group: str  # who wrote it: the out-of-fold unit


@dataclass(frozen=True, slots=True)
class CommentReading:
    """`sentiment` (the most likely) with its `probability`; `likely` is it when it is likely right, else None."""

    sentiment: str
    probability: float
    likely: str | None


@dataclass(slots=True)
class CommentSentimentModel:
    featurizer: Featurizer
    classes: tuple[str, ...]
    weights: np.ndarray  # (n_features, n_classes) float32
    intercepts: np.ndarray  # (n_classes,)
    sure_above: float
    metrics: dict[str, float | int] = field(default_factory=dict)

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text, the probability of each of `classes`, and whether the model knows any of its words or
        characters (a text it knows nothing of, emoji only or another script, has no reading)."""
        X = self.featurizer.transform(list(texts))
        scores = np.asarray(X @ self.weights, dtype=np.float64) + self.intercepts
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True), self.featurizer.content_nnz(X) > 0

    def read(self, texts: Sequence[str]) -> list[CommentReading]:
        """One reading per text; empty, emoji-only or foreign texts are never likely right."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        if not texts:
            return []
        probs, known = self.probabilities(texts)
        negated = list(build_analyzer().negated_praise(texts))
        out = []
        for text, row, knows, praise_negated in zip(texts, probs, known, negated, strict=True):
            if not knows:
                out.append(CommentReading("neutral", 0.0, None))
                continue
            j = int(row.argmax())
            label, p = self.classes[j], float(row[j])
            sure = p >= self.sure_above and not (label == "positive" and praise_negated) and mostly_english(text)
            out.append(CommentReading(label, round(p, 4), label if sure else None))
        return out

    def read_one(self, text: str) -> CommentReading:
        return self.read([text])[0]


def mostly_english(text: str) -> bool:
    """Whether at least `ENGLISH_SHARE` of a text's words are English (a word form or lemma of the lemma table,
    a word of the tone lexicon or of the message-kind lexicon's English words, and not one of its common words of
    French, Spanish, German, Italian, Portuguese or Polish). The model was fitted on English: "Très mauvais service"
    and "Muy mal, esperamos dos horas" read as positive through their characters. Of our 8,549 labelled English
    comments and stories, 2 fall below (one-word "Attentive.", "Hardly any wait."): they are only not stored."""
    words = [t for t in build_analyzer().tokens(text) if t.is_alpha]
    english = _english()
    known = sum(1 for t in words if (t.lemma in english or t.lower in english) and t.lower not in FOREIGN_WORDS)
    return bool(words) and known >= ENGLISH_SHARE * len(words)


@cache
def _english() -> frozenset[str]:
    return english_words() | ENGLISH_WORDS | frozenset(tone_lexicon())


def training_rows(comments: Path = COMMENTS, phrasings: Sequence[Path] = PHRASINGS,
                  nhs: Sequence[Path] = NHS) -> list[Row]:
    rows = [Row(r["text"], r["sentiment"], "comment", r.get("author", "comments"))
            for r in map(json.loads, comments.read_text(encoding="utf-8").splitlines()) if r.get("sentiment") in SENTIMENTS]
    for p in load_phrasings(phrasings):
        if p.kind == "feedback" and p.role == "customer":
            rows.append(Row(p.text, "positive" if p.label == "story" else "negative", "feedback", "feedback"))
        elif p.kind in ("story", "problem") and p.role == "staff":
            rows.append(Row(p.text, "positive" if p.kind == "story" else "negative", "staff", "staff"))
    for path in nhs:
        if path.is_file():
            rows += [Row(r["text"], r["sentiment"], "nhs", "nhs")
                     for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                     if r.get("sentiment") in SENTIMENTS and r.get("text")]
    return rows


def fit_comment_sentiment(rows: Sequence[Row], *, c: float = C, weights: dict[str, float] | None = None,
                          features: FeatureConfig = FEATURES) -> CommentSentimentModel:
    weights = WEIGHTS if weights is None else weights
    featurizer = Featurizer(features)
    X = featurizer.fit_transform([r.text for r in rows])
    classes = tuple(s for s in SENTIMENTS if any(r.sentiment == s for r in rows))
    y = np.array([classes.index(r.sentiment) for r in rows])
    w = np.array([weights.get(r.kind, 0.0) for r in rows])
    groups = np.array([r.group for r in rows])
    held = sorted({r.group for r in rows if r.kind in ("comment", "feedback")})
    with threadpool_limits(1):
        oof = np.zeros((len(rows), len(classes)))
        scored = np.zeros(len(rows), dtype=bool)
        for group in held if len(held) > 1 else ():
            test = groups == group
            train = ~test & (w > 0)
            fit = _fit(X[train], y[train], w[train], c)
            oof[np.ix_(test, list(fit.classes_))] = fit.predict_proba(X[test])
            scored |= test
        final = _fit(X[w > 0], y[w > 0], w[w > 0], c)
    sure_above, precision, coverage = 1.0, 0.0, 0.0
    metrics: dict[str, float | int] = {"rows": len(rows), "authors_held_out": len(held)}
    comments = scored & (np.array([r.kind for r in rows]) == "comment")  # the threshold is for comments like these
    if comments.sum() >= MIN_OUT_OF_FOLD:
        gold = np.eye(len(classes))[y[comments]]
        sure_above, precision, coverage = sure_point(oof[comments], gold, precision=STORE_PRECISION)
        metrics.update(oof_accuracy=round(float((oof[comments].argmax(1) == y[comments]).mean()), 4),
                       oof_sure_precision=round(precision, 4), oof_sure_coverage=round(coverage, 4))
    coef = np.zeros((X.shape[1], len(classes)), dtype=np.float32)
    intercepts = np.zeros(len(classes))
    if len(final.classes_) > 2:
        coef[:, final.classes_] = final.coef_.T
        intercepts[final.classes_] = final.intercept_
    else:  # one score for the second class: softmax([0, s]) is its sigmoid
        coef[:, final.classes_[1]] = final.coef_[0]
        intercepts[final.classes_[1]] = final.intercept_[0]
    return CommentSentimentModel(featurizer, classes, coef, intercepts, round(float(sure_above), 4), metrics)


def _fit(X, y: np.ndarray, w: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000).fit(X, y, sample_weight=w)


def comment_sentiment_model(directory: Path | None) -> CommentSentimentModel:
    """The model fitted on the shipped training files: once per process, and with `directory` (the app's
    model directory) once per machine, or read from the fit shipped with the code."""
    return once_per_process(directory, "comment-sentiment", shipped_digest(),
                            lambda: fit_comment_sentiment(training_rows()), CommentSentimentModel)


@cache
def shipped_digest() -> str:
    return digest_of([path.read_bytes() if path.is_file() else b"" for path in (COMMENTS, *PHRASINGS, *NHS)])
