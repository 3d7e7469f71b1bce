"""Private to bot.nlp.question: the trained intent model, and when it may overrule the rules.

The model (`IntentReader`) is a logistic regression over word 1-2-grams and character 2-4-grams of a
question's *model text* (bot/nlp/question_front.py: the words left once periods, people and MOTs are
replaced by placeholders, so "xmot trend since xperiod" stands for every MOT and month). It learns from
two sources: paraphrases generated systematically (`paraphrases`: templates × synonyms × periods × MOT
words × chat shorthand (wk, mth, ppl, rn, oct) × typos, all seeded) and the real labelled questions of
every outside author (bot/nlp/data/question_rows.json, written by devkit/question_corpus.py). Fitted at
first use (cached per process, about a second); `fit_reader(exclude=...)` fits one without some
authors' rows, for leave-one-author-out benchmarks (bench/question_authors.py).

`settle` decides who wins, from the rules' reading (intent, confidence, alternatives) and the model's
probabilities. Its thresholds were chosen by leave-one-author-out (each author scored by a model that
never saw their rows, the thresholds picked on the other authors), not on any one set:

- the rules found no intent at all: the model's reading is answered as a weak one (confidence 0.55,
  its next readings as "Or:") when it is at least `answer` likely, else "did you mean" with its two
  or three likeliest readings — never a guess answered confidently;
- the rules read an intent weakly (confidence < 0.9) and the model reads another at least `overrule`
  likely: the model's reading, as a weak one (0.6) with the rules' reading first among the alternatives;
- a strong rules reading (a clear cue: 0.9 and up) is overruled only at `overrule_strong`;
- "did you mean" from the rules (unknown with alternatives), off-topic and help stay as the rules say (a "did you
  mean" can still become off-topic, below), except two: the guess the rules make from a window alone ("top
  contributors in october": `PERIOD_ONLY`), which the model reads like no reading at all, and a moment's name asked
  alone ("vitals?"), which is that moment's figures, its words and practices a button away (bare, "parking", or
  hedged, "hmm, parking?", the offer of the three stays);
- a count named as such ("the count of complaints about paying") is not turned into the list of them;
- the rules read nothing, or weakly, or only offer "did you mean", no moment is named, and the model reads
  off-topic at least `off_topic` likely with a word none of our own questions use ("how much PTO does Tom have
  left", "avg turn time friday"): off-topic — the bot says what it can do. The word check keeps a vague question
  of ours ("are we ok", "how's the mood in the clinic") a "did you mean" however sure the model is.
  Leave-one-author-out on the frozen rules: first 4,270 -> 4,284 of 4,820 fully right, none lost (not after a
  "did you mean", at 0.85); then, over 60 authors, after a "did you mean" too, at 0.8 (among 0.6-0.9):
  off-topic requests read so 523 -> 536 of 590, no other question lost. With a moment named it would read 13
  more, but took real questions about a moment ("are the chairs comfortable enough?") as off-topic: not done.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.nlp.fitted import digest_of, once_per_process
from bot.nlp.question_front import MOT_MARK, read_words
from bot.nlp.question_paraphrase import paraphrases
from bot.nlp.question_shorthand import in_english
from bot.nlp.question_table import MotRef
from bot.nlp.question_vocabulary import _STOPWORDS
from bot.nlp.question_vocabulary import (COMMENTS, HELP, MOT_DETAIL, OFF_TOPIC, PERIOD_ONLY, PRACTICES, RATING_COUNT, STORIES,
                                         STORY_COUNT, STRONGEST, UNKNOWN, WEAKEST)

CORPUS = Path(__file__).resolve().parent / "data" / "question_rows.json"
_NOW = datetime(2026, 11, 25, 10, 0)  # any moment: the model text has the periods as placeholders
_ROW_WEIGHT = 8.0  # a real question counts as eight generated ones (chosen by leave-one-author-out)
OFFERED = 0.1  # readings at least this likely are offered as "did you mean"
_FILLERS = frozenset({"far", "date", "yet", "now", "then", "ok", "okay", "thanks", "hmm", "again", "too", "instead"})
_COUNT_WORDS = frozenset({"count", "tally", "total", "sample"})  # ("sample size": how many ratings)  # a count named as such: the number is what is asked


@dataclass(frozen=True)
class IntentReader:
    """A fitted intent model and the thresholds `settle` uses."""

    model: Any  # sklearn pipeline: model text -> intent probabilities
    vocabulary: frozenset[str]
    answer: float = 0.6  # nothing from the rules: answer the model's reading at this probability
    overrule: float = 0.5  # a weak rules reading gives way to another reading this likely
    overrule_strong: float = 0.8  # a strong rules reading gives way only at this
    off_topic: float = 0.8  # a weak reading (or none), no moment named: off-topic when the model is this sure
    domain: frozenset[str] = frozenset()  # the words of the questions that are ours (every intent but off-topic)

    def readings(self, text: str, *, min_known: int = 2) -> list[tuple[str, float]]:
        """(intent, probability), most likely first; empty when fewer than `min_known` of the words are
        words the training texts use (gibberish, one-word small talk)."""
        if sum(1 for w in text.split() if w in self.vocabulary) < min_known:
            return []
        probabilities = self.model.predict_proba([text])[0]
        ranked = sorted(zip(self.model.classes_, probabilities), key=lambda kv: -kv[1])
        return [(str(intent), float(p)) for intent, p in ranked]

    def with_thresholds(self, **thresholds: float) -> IntentReader:
        return replace(self, **thresholds)


def settle(rules: tuple[str, float, tuple[str, ...]], text: str, reader: IntentReader, *,
           mot_named: bool = True, asked: bool = False) -> tuple[str, float, tuple[str, ...]]:
    """The intent, confidence and alternative intents to act on (see the module docstring). Without a
    moment named (`mot_named` False) the model's one-moment reading is not taken: "how did we do last
    week" has no moment to give the figures of; with one, its ranking of all moments is not either. The rules' "did you mean" is kept, except the one they
    give when they found a moment and nothing else ("is the waiting room getting any better": the model
    may read the rest; "hmm, parking?" it can't, and keeps the offer of that moment's figures, words and
    practices). `asked`: the message ended with a question mark."""
    intent, confidence, alternatives = rules
    read: list[list[tuple[str, float]]] = []

    def model() -> list[tuple[str, float]]:  # the model's readings, asked of it at most once
        if not read:
            read.append(reader.readings(text))
        return read[0]

    if _off_topic_by_model(intent, confidence, alternatives, text, reader, model, mot_named=mot_named):
        return OFF_TOPIC, 0.6, ()
    bare_moment = (intent == UNKNOWN and tuple(alternatives[:3]) == (MOT_DETAIL, COMMENTS, PRACTICES)
                   and sum(1 for w in text.split() if not w.startswith("x")) >= 3)  # placeholders: xmot…
    if (asked and intent == UNKNOWN and tuple(alternatives[:3]) == (MOT_DETAIL, COMMENTS, PRACTICES)
            and text.split() == [MOT_MARK]):
        # a moment's name asked and nothing else ("vitals?", "signage?", "Signposts?"): its figures, as every author
        # who wrote one meant (the answer offers its words and practices as buttons of its own, so no "Or:" twice);
        # typed bare ("parking", a keyword) or with a hedge ("hmm, parking?") the offer of the three stays
        return MOT_DETAIL, 0.6, ()
    period_only = (intent == UNKNOWN and tuple(alternatives) == PERIOD_ONLY  # and a word of the request besides the window
                   and any(w not in _STOPWORDS and w not in _FILLERS and not w.startswith("x") for w in text.split()))
    if intent in (OFF_TOPIC, HELP) or (intent == UNKNOWN and alternatives and not bare_moment and not period_only):
        return rules
    # with a moment named, not a ranking of all moments (no author labelled one so: "parking, do patients
    # hate it?" is about parking); without one, not one moment's figures
    # nor help in place of what the rules read ("what winds people up" is no request for help)
    readings = [(i, p) for i, p in model()
                if i != UNKNOWN and (i not in (WEAKEST, STRONGEST) if mot_named else i != MOT_DETAIL)
                and (i != HELP or intent == UNKNOWN)]
    if not readings:
        return rules
    best, p = readings[0]
    offered = tuple(i for i, q in readings[:3] if q >= OFFERED)
    if intent == UNKNOWN:
        if p >= reader.answer and best != OFF_TOPIC:
            return best, 0.55, offered[1:]
        return (UNKNOWN, 0.3, offered) if offered and not bare_moment else rules
    if best == intent or best == OFF_TOPIC:
        return rules
    if (intent in (RATING_COUNT, STORY_COUNT) and confidence >= 0.9 and best in (COMMENTS, STORIES, MOT_DETAIL)
            and _COUNT_WORDS.intersection(text.split())):
        return rules  # a count asked for plainly ("what's the count of complaints about paying"): a number, not the list
    if p >= (reader.overrule if confidence < 0.9 else reader.overrule_strong):
        others = tuple(i for i in (intent, *offered) if i != best)
        return best, 0.6, tuple(dict.fromkeys(others))[:2]
    return rules


def _off_topic_by_model(intent: str, confidence: float, alternatives: Sequence[str], text: str, reader: IntentReader,
                        model: Callable[[], list[tuple[str, float]]], *, mot_named: bool) -> bool:
    """No moment named, a weak reading of the rules (or none, or only their "did you mean"), and the model reads
    off-topic at least `off_topic` likely with a word none of our own questions use; not a reading with a window
    said ("for the fortnightly report: Mon 9 Nov to Sun 22 Nov", "how did the flu season go, Dec to Feb": ours)."""
    if mot_named or intent in (OFF_TOPIC, HELP) or (intent != UNKNOWN and confidence >= 0.9):
        return False
    words = text.split()
    if "xperiod" in words and (intent != UNKNOWN or alternatives):
        return False
    readings = [(i, p) for i, p in model() if i not in (UNKNOWN, MOT_DETAIL)]
    return (bool(readings) and readings[0][0] == OFF_TOPIC and readings[0][1] >= reader.off_topic
            and any(w not in reader.domain for w in words))


def _mots(raw: Sequence[Sequence[Any]]) -> tuple[MotRef, ...]:
    return tuple(MotRef(m[0], m[1], tuple(m[2])) for m in raw)


@lru_cache(maxsize=1)
def _corpus() -> dict[str, Any]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def model_text(text: str, mots: Sequence[MotRef], people: Sequence[str] = ()) -> str:
    """A labelled question as the model sees it when `parse_question` asks it (in English first, as there)."""
    return read_words(in_english(text), now=_NOW, tz="Europe/London", mots=mots, people=people).model_text


def training_rows(exclude: Iterable[str] = ()) -> list[tuple[str, str, float]]:
    """(model text, intent, weight): the paraphrases, then the labelled rows of authors not in `exclude`."""
    generated, labelled = _model_texts()
    skip = set(exclude)
    return [*((text, intent, 1.0) for text, intent in generated),
            *((text, intent, _ROW_WEIGHT) for author, text, intent in labelled if author not in skip)]


@lru_cache(maxsize=1)
def _model_texts() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str], ...]]:
    """Every training text read once a process (the parser's front, about a millisecond a text): the paraphrases'
    (model text, intent) and the labelled rows' (author, model text, intent), for each fit to take its rows from."""
    corpus = _corpus()
    cycles = {name: _mots(raw) for name, raw in corpus["cycles"].items()}
    clinic = cycles["healthcare-visit"]
    generated = tuple((model_text(text, clinic), intent) for text, intent in paraphrases())
    labelled = tuple((row["author"], model_text(row["text"], cycles[row["cycle"]], row["people"]), row["intent"])
                     for row in corpus["rows"])
    return generated, labelled


class _Model:
    """Word and character TF-IDF side by side, then the classifier: what a scikit-learn pipeline with a
    FeatureUnion does, without its per-call overhead (a parse reads one short text)."""

    def __init__(self, vectorizers: Sequence[Any], classifier: Any) -> None:
        self.vectorizers, self.classifier = tuple(vectorizers), classifier
        self.classes_ = classifier.classes_

    def features(self, texts: Sequence[str]) -> Any:
        from bot.nlp.tfidf import fast_transform, hstack_csr

        return hstack_csr([fast_transform(v, texts) for v in self.vectorizers])

    def predict_proba(self, texts: Sequence[str]) -> Any:
        """The classifier's `predict_proba` (one-vs-rest logistic, normalised over the classes), computed from
        its public weights: sklearn's input checks on every call cost more than the sums for one text."""
        import numpy as np
        from scipy.special import expit

        from bot.nlp.tfidf import row_of

        weights, intercept = self.classifier.coef_, self.classifier.intercept_
        scores = np.empty((len(texts), weights.shape[0]))
        for i, text in enumerate(texts):
            scores[i] = intercept
            offset = 0
            for vectorizer in self.vectorizers:
                columns, values = row_of(vectorizer, text)
                scores[i] += weights[:, columns + offset] @ values
                offset += len(vectorizer.vocabulary_)
        prob = expit(scores)
        if prob.shape[1] == 1:  # two classes: one row of weights, the second class against the first
            return np.hstack([1 - prob, prob])
        prob[prob.sum(axis=1) == 0, :] = 1  # as sklearn: nothing likely at all reads as every class alike
        return prob / prob.sum(axis=1, keepdims=True)


def fit_reader(exclude: Iterable[str] = ()) -> IntentReader:
    """An IntentReader fitted on the paraphrases and every author's rows but those in `exclude`."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    rows = training_rows(exclude)
    texts = [t for t, _, _ in rows]
    vectorizers = (
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2, token_pattern=r"\S+"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2),
    )
    x = hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
    # alpha and the rows' weight chosen by leave-one-author-out on the frozen rules (bench/question_authors.py --frozen)
    classifier = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=30, tol=None, random_state=0)
    classifier.fit(x, [i for _, i, _ in rows], sample_weight=[w for _, _, w in rows])
    domain = frozenset(w for t, intent, _ in rows if intent != OFF_TOPIC for w in t.split())
    return IntentReader(_Model(vectorizers, classifier), frozenset(w for t in texts for w in t.split()), domain=domain)


def default_reader() -> IntentReader:
    """The reader parse_question consults: fitted on everything, once per process (`shipped_reader`)."""
    return shipped_reader(None)


def shipped_reader(directory: Path | None) -> IntentReader:
    """The reader fitted on the paraphrases and every author's rows, once per process; with `directory`
    (the app's model directory; `bot.nlp.message_kind.prepare_kind_model` passes it at start-up) also
    once per machine (`bot.nlp.fitted`: `question-intent-<digest>.pkl`, named by the corpus, bot/nlp's
    code and the library versions), or read from the fit shipped with the code (`bot.nlp.fitted.SHIPPED`).
    Fitting takes seconds; reading the file, milliseconds."""
    return once_per_process(directory, "question-intent", _shipped_digest(), fit_reader, IntentReader)


@lru_cache(maxsize=1)
def _shipped_digest() -> str:
    return digest_of([CORPUS.read_bytes()])
