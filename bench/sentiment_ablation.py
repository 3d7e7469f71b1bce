"""Ablations for the sentiment (and topic) model of issue 13, point 3: train on `*-train`, score `*-dev`.

Each variant changes one thing against the shipped settings (`ModelConfig()`, sentiment on the word, char
and tone blocks) and reports dev sentiment macro-F1 / accuracy, the out-of-fold macro-F1 the trainer sees,
and the precision / coverage of the sentiments kept as likely right; topic variants report macro-F1 over
the labels present and over all training labels. Features are computed once per data set, so a variant
costs one `fit_task` (1-4 min on 2 busy cores). Variants:

- `shipped`: the shipped sentiment settings (word + char + tone, svc + lr);
- `vader-raw`, `vader-bins`: plus VADER's own compound/pos/neg/neu scores as a small dense block (raw,
  or compound binned one-hot plus its positive and negative parts);
- `tone-intensifier`: the tone block marks a negated intensified word apart ("Not very helpful." ->
  "XVP2 |" instead of "XP2 |"), so "not very X" can learn its own weight;
- `svc-c-0.05`, `svc-c-0.2`, `lr-only`: regularisation and members;
- `shape`, `embedding`: the writing-shape or sentence-embedding block for sentiment too;
- `vader-veto`: the shipped model, but a likely-right sentiment is dropped when VADER's compound
  disagrees (positive with compound <= -0.5, negative with >= 0.5);
- `topic-shipped`, `topic-embedding-x0.5`, `topic-embedding-x1.7`: the topic task, embedding block weight.

Second round (the decision rule, the label scale and other learners; `run_rule`, its own out-of-fold loop:
the same 5 stratified folds, one binary LinearSVC / LogisticRegression per column, Platt on the
out-of-fold scores, members' probabilities averaged; every choice is made on the out-of-fold figures):

- `rule-weights`: that loop with the trainer's rule (per-class multiplicative weights, coordinate ascent):
  the reference the rows below compare with;
- `rule-offsets`: per-class additive offsets on the log-probabilities over a full 2-d grid (negative,
  neutral; positive fixed), the optimum of the 3x3-smoothed out-of-fold surface;
- `no-class-weight`: members without class_weight="balanced" (the rule re-balances afterwards);
- `ordinal`, `ordinal-svc-lr`, `ovr+ordinal`: negative < neutral < positive as two cumulative binary
  classifiers (y >= neutral, y >= positive) -> P(negative) = 1 - P1, P(neutral) = P1 - P2, P(positive) = P2;
  alone, or averaged with the one-vs-rest members;
- `multinomial-lr`: plus a softmax LogisticRegression (C 3) member;
- `char-1-6`, `word-1-3`, `plain-words`, `tone-1-4`, `char-lower`: plus another n-gram block (characters
  1-6 across word boundaries, lemma 1-3-grams, plain lower-cased word 1-2-grams, tone 1-4-grams,
  lower-cased chars);
- `stack-topics`: a class-balanced multinomial LogisticRegression (C 0.1) over the members' out-of-fold
  scores and the topic model's (one LinearSVC per topic label on word + char + embedding), its own
  out-of-fold probabilities from a second 5-fold split (seed 1).

    .venv/bin/python bench/sentiment_ablation.py [--data ../shared/data/nhs-fft] [--only v6] [--all | variant ...]

Without variants it runs `DEFAULT` (about 10 minutes for both data sets on 2 idle cores; `--all`: ~60).
Results of every variant, and why none was kept, are in data/models/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlp.analyzer import NEGATIONS, build_analyzer, tone_lexicon  # noqa: E402
from bot.nlp.dataset import SENTIMENTS, Example, is_single_label, read_examples  # noqa: E402
from bot.nlp.ensemble import TaskConfig, fit_task  # noqa: E402
from bot.nlp.feature import FeatureConfig, Featurizer  # noqa: E402
from bot.nlp.metric import sentiment_scores, topic_scores  # noqa: E402

SENTIMENT_VARIANTS = {
    "shipped": {}, "vader-raw": {"vader": "raw"}, "vader-bins": {"vader": "bins"},
    "tone-intensifier": {"tone": "intensifier"}, "svc-c-0.05": {"svc_c": 0.05}, "svc-c-0.2": {"svc_c": 0.2},
    "lr-only": {"members": ("lr",)}, "shape": {"extra": "shape"}, "embedding": {"extra": "embedding"},
    "vader-veto": {"veto": 0.5},
}
RULE_VARIANTS = {
    "rule-weights": {}, "rule-offsets": {"rule": "offsets"}, "no-class-weight": {"class_weight": None},
    "ordinal": {"kinds": (("svc", "ord"),)}, "ordinal-svc-lr": {"kinds": (("svc", "ord"), ("lr", "ord"))},
    "ovr+ordinal": {"kinds": (("svc", "ovr"), ("lr", "ovr"), ("svc", "ord"), ("lr", "ord"))},
    "multinomial-lr": {"multinomial": True}, "char-1-6": {"block": "char-1-6"}, "word-1-3": {"block": "word-1-3"},
    "plain-words": {"block": "plain-words"}, "tone-1-4": {"block": "tone-1-4"}, "char-lower": {"block": "char-lower"},
    "stack-topics": {"stack": True},
}
DEFAULT = ("shipped", "vader-raw", "tone-intensifier", "vader-veto")
TOPIC_VARIANTS = {"topic-shipped": 1.0, "topic-embedding-x0.5": 0.5, "topic-embedding-x1.7": 1.7}
_BREAKS = frozenset({".", "!", "?", ";", "but", "however", "although", "though"})


def vader_block(texts: list[str], kind: str) -> sparse.csr_matrix:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    reader = SentimentIntensityAnalyzer()
    scores = np.array([[s["compound"], s["pos"], s["neg"], s["neu"]]
                       for s in (reader.polarity_scores(t[:5000]) for t in texts)], dtype=np.float32)
    if kind == "raw":
        return sparse.csr_matrix(scores * 0.5)
    compound = scores[:, 0]
    bins = np.eye(7, dtype=np.float32)[np.digitize(compound, [-0.6, -0.2, -0.05, 0.05, 0.2, 0.6])]
    parts = np.stack([np.maximum(compound, 0), np.maximum(-compound, 0), scores[:, 1], scores[:, 2]], 1)
    return sparse.csr_matrix(np.hstack([bins, parts]))


def tone_with_intensifiers(texts: list[str]) -> list[str]:
    """`Analyzer.tone_text`, except that a lexicon word after a negation and an intensifier gets `XV`."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT

    boosters = {word for word, value in BOOSTER_DICT.items() if value > 0} | {"that", "too", "overly"}
    analyzer, lexicon = build_analyzer(), tone_lexicon()
    out = []
    for text in texts:
        seq: list[str] = []
        negated = boosted = False
        for token in analyzer.tokens(text):
            if token.is_space:
                continue
            if token.is_punct or token.lower in _BREAKS:
                if token.lower in _BREAKS:
                    seq.append("|")
                negated = boosted = False
                continue
            if token.lower in NEGATIONS | {"n't", "hardly", "barely"} or token.lemma in NEGATIONS:
                negated, boosted = True, False
                continue
            if negated and token.lower in boosters:
                boosted = True
                continue
            valence = lexicon.get(token.lower, lexicon.get(token.lemma))
            if valence is not None and abs(valence) >= 0.5:
                mark = ("P" if valence > 0 else "N") + ("2" if abs(valence) >= 1.8 else "1")
                seq.append(("XV" if boosted else "X") + mark if negated else mark)
                boosted = False
        out.append(" ".join(seq) if seq else "EMPTY")
    return out


class Data:
    """One data set's train/dev texts and features, computed once."""

    def __init__(self, folder: Path, name: str) -> None:
        self.train = read_examples(folder / f"{name}-train.jsonl")
        self.dev = read_examples(folder / f"{name}-dev.jsonl")
        self.featurizer = Featurizer(FeatureConfig())
        self.X = self.featurizer.fit_transform([e.text for e in self.train])
        self.Xd = self.featurizer.transform([e.text for e in self.dev])

    def blocks(self, names: tuple[str, ...]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        cols = self.featurizer.columns(names)
        return self.X[:, cols], self.Xd[:, cols]


def run_sentiment(data: Data, name: str, vader: str = "", tone: str = "", svc_c: float = 0.1,
                  members: tuple[str, ...] = ("svc", "lr"), extra: str = "", veto: float = 0.0) -> str:
    blocks = ("word", "char") + (() if tone else ("tone",)) + ((extra,) if extra else ())
    X, Xd = data.blocks(blocks)
    train_texts, dev_texts = [e.text for e in data.train], [e.text for e in data.dev]
    if tone:
        vectorizer = TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, min_df=2, lowercase=False,
                                     token_pattern=r"\S+", dtype=np.float32)
        X = sparse.hstack([X, vectorizer.fit_transform(tone_with_intensifiers(train_texts)) * 0.5], format="csr")
        Xd = sparse.hstack([Xd, vectorizer.transform(tone_with_intensifiers(dev_texts)) * 0.5], format="csr")
    if vader:
        X = sparse.hstack([X, vader_block(train_texts, vader)], format="csr")
        Xd = sparse.hstack([Xd, vader_block(dev_texts, vader)], format="csr")
    rows = [i for i, e in enumerate(data.train) if e.sentiment]
    present = [s for s in SENTIMENTS if any(data.train[i].sentiment == s for i in rows)]
    S = np.array([[data.train[i].sentiment == s for s in present] for i in rows], dtype=np.int8)
    task = fit_task(X[rows], S, present, multilabel=False, config=TaskConfig(members=members, svc_c=svc_c), seed=0)
    P = task.probabilities(Xd)
    predicted = np.asarray(present, dtype=object)[P.argmax(1)]
    gold = np.array([e.sentiment or "" for e in data.dev], dtype=object)
    m = sentiment_scores(list(gold), list(predicted))
    kept = (P.max(1) >= task.sure_above) & (gold != "")
    if veto:
        compound = vader_block(dev_texts, "raw").toarray()[:, 0] * 2
        kept &= ~(((predicted == "positive") & (compound <= -veto)) | ((predicted == "negative") & (compound >= veto)))
    precision = float(np.mean(gold[kept] == predicted[kept])) if kept.any() else 0.0
    return (f"{name:<22} sentiment F1 {m['sentiment_macro_f1']:.4f} acc {m['sentiment_accuracy']:.4f} "
            f"(out of fold {task.oof_metrics['cv_macro_f1']:.4f}); likely right >= {task.sure_above:.3f}: "
            f"precision {precision:.3f}, coverage {kept.sum() / max(1, (gold != '').sum()):.3f}")


def run_topic(data: Data, name: str, embedding_weight: float) -> str:
    X, Xd = data.blocks(("word", "char", "embedding"))
    scale = np.ones(X.shape[1], dtype=np.float32)
    scale[-data.featurizer.widths()["embedding"]:] = embedding_weight  # the embedding block comes last here
    X, Xd = (X @ sparse.diags(scale)).tocsr(), (Xd @ sparse.diags(scale)).tocsr()
    rows = [i for i, e in enumerate(data.train) if e.labels]
    classes = sorted({label for i in rows for label in data.train[i].labels})
    Y = np.array([[label in data.train[i].labels for label in classes] for i in rows], dtype=np.int8)
    labelled: list[Example] = [data.train[i] for i in rows]
    task = fit_task(X[rows], Y, classes, multilabel=not is_single_label(labelled), seed=0)
    chosen = task.decide(task.probabilities(Xd))
    dev = [i for i, e in enumerate(data.dev) if e.labels]
    m = topic_scores([data.dev[i].labels for i in dev], [[classes[j] for j in chosen[i]] for i in dev], classes)
    return (f"{name:<22} topic F1 present {m['topic_macro_f1']:.4f}, all labels {m['topic_macro_f1_all_labels']:.4f} "
            f"(out of fold {task.oof_metrics['cv_macro_f1']:.4f})")


def _extra_block(kind: str, train: list[str], dev: list[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    from bot.nlp.feature import _tone_texts, _word_texts

    common = {"sublinear_tf": True, "min_df": 2, "dtype": np.float32}
    words = {"lowercase": False, "token_pattern": r"\S+", **common}
    if kind == "char-1-6":
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 6), max_features=200_000, **common)
    elif kind == "word-1-3":
        vectorizer, train, dev = TfidfVectorizer(ngram_range=(1, 3), **words), _word_texts(train), _word_texts(dev)
    elif kind == "plain-words":
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), **common)
    elif kind == "tone-1-4":
        vectorizer, train, dev = TfidfVectorizer(ngram_range=(1, 4), **words), _tone_texts(train), _tone_texts(dev)
    else:  # char-lower
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), **common)
    return vectorizer.fit_transform(train).tocsr(), vectorizer.transform(dev).tocsr()


def _binary_scores(member: str, X, Xd, t: np.ndarray, splits, class_weight) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold and dev decision scores of one binary member."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    def fit(rows):
        if t[rows].min() == t[rows].max():
            return None
        if member == "svc":
            return LinearSVC(C=0.1, class_weight=class_weight, random_state=0).fit(X[rows], t[rows])
        return LogisticRegression(C=3.0, class_weight=class_weight, solver="liblinear", random_state=0).fit(
            X[rows], t[rows])

    oof = np.zeros(X.shape[0])
    for train, test in splits:
        model = fit(train)
        oof[test] = model.decision_function(X[test]) if model else (3.0 if t[train][0] else -3.0)
    model = fit(np.arange(X.shape[0]))
    return oof, model.decision_function(Xd)


def _platt(oof: np.ndarray, dev: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=100.0).fit(oof.reshape(-1, 1), t)
    a, c = fit.coef_[0, 0], fit.intercept_[0]
    return 1 / (1 + np.exp(-np.clip(a * oof + c, -30, 30))), 1 / (1 + np.exp(-np.clip(a * dev + c, -30, 30)))


def _normalise(P: np.ndarray) -> np.ndarray:
    return P / np.maximum(P.sum(1, keepdims=True), 1e-12)


def _from_cumulative(P: np.ndarray) -> np.ndarray:
    """(P(y >= neutral), P(y >= positive)) -> (negative, neutral, positive) probabilities."""
    ge1, ge2 = P[:, 0], np.minimum(P[:, 1], P[:, 0])
    return _normalise(np.maximum(np.stack([1 - ge1, ge1 - ge2, ge2], 1), 1e-9))


def _macro(pred: np.ndarray, gold: np.ndarray) -> float:
    from bot.nlp.ensemble import _macro_f1

    return _macro_f1(pred, gold, 3)


def _offsets(P: np.ndarray, y: np.ndarray) -> np.ndarray:
    from scipy.ndimage import uniform_filter

    grid = np.round(np.arange(-1.5, 1.51, 0.05), 3)
    L = np.log(np.maximum(P, 1e-12))
    surface = np.array([[_macro((L + [u, v, 0.0]).argmax(1), y) for v in grid] for u in grid])
    a, b = np.unravel_index(np.argmax(uniform_filter(surface, size=3, mode="nearest")), surface.shape)
    return np.array([grid[a], grid[b], 0.0])


def run_rule(data: Data, name: str, rule: str = "weights", class_weight: str | None = "balanced",
             kinds: tuple[tuple[str, str], ...] = (("svc", "ovr"), ("lr", "ovr")), multinomial: bool = False,
             block: str = "", stack: bool = False) -> str:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.preprocessing import StandardScaler

    from bot.nlp.ensemble import _tune_class_weights

    X, Xd = data.blocks(("word", "char", "tone"))
    rows = [i for i, e in enumerate(data.train) if e.sentiment]
    X, y = X[rows], np.array([SENTIMENTS.index(data.train[i].sentiment) for i in rows])
    if block:
        A, B = _extra_block(block, [data.train[i].text for i in rows], [e.text for e in data.dev])
        X, Xd = sparse.hstack([X, A], format="csr"), sparse.hstack([Xd, B], format="csr")
    splits = list(StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(y)), y))
    parts, raw = [], []
    for kind in ("ovr", "ord"):
        members = [m for m, k in kinds if k == kind]
        if not members:
            continue
        targets = [y == j for j in range(3)] if kind == "ovr" else [y >= 1, y >= 2]
        probs = []
        for member in members:
            scores = [_binary_scores(member, X, Xd, t.astype(int), splits, class_weight) for t in targets]
            raw += scores
            calibrated = [_platt(o, d, t.astype(int)) for (o, d), t in zip(scores, targets, strict=True)]
            oof, dev = np.stack([c[0] for c in calibrated], 1), np.stack([c[1] for c in calibrated], 1)
            probs.append((oof, dev) if kind == "ovr" else (_from_cumulative(oof), _from_cumulative(dev)))
        oof, dev = np.mean([p[0] for p in probs], 0), np.mean([p[1] for p in probs], 0)
        parts.append((_normalise(oof), _normalise(dev)))
    Po, Pd = np.mean([p[0] for p in parts], 0), np.mean([p[1] for p in parts], 0)
    if multinomial:
        model = lambda: LogisticRegression(C=3.0, class_weight=class_weight, max_iter=3000)  # noqa: E731
        oof = np.zeros((len(y), 3))
        for train, test in splits:
            oof[test] = model().fit(X[train], y[train]).predict_proba(X[test])
        Po, Pd = (Po + oof) / 2, (Pd + model().fit(X, y).predict_proba(Xd)) / 2
    if stack:
        topic_oof, topic_dev = _topic_scores(data, rows, splits)
        A = np.hstack([np.stack([o for o, _ in raw], 1), topic_oof])
        B = np.hstack([np.stack([d for _, d in raw], 1), topic_dev])
        scaler = StandardScaler().fit(A)
        A, B = scaler.transform(A), scaler.transform(B)
        meta = lambda: LogisticRegression(C=0.1, class_weight="balanced", max_iter=2000)  # noqa: E731
        Po = np.zeros((len(y), 3))
        for train, test in StratifiedKFold(5, shuffle=True, random_state=1).split(A, y):
            Po[test] = meta().fit(A[train], y[train]).predict_proba(A[test])
        Pd = meta().fit(A, y).predict_proba(B)
    if rule == "offsets":
        offsets = _offsets(Po, y)
        decide = lambda P: (np.log(np.maximum(P, 1e-12)) + offsets).argmax(1)  # noqa: E731
    else:
        weights = _tune_class_weights(Po, np.eye(3, dtype=np.int8)[y])
        decide = lambda P: (P * weights).argmax(1)  # noqa: E731
    m = sentiment_scores([e.sentiment or "" for e in data.dev], [SENTIMENTS[j] for j in decide(Pd)])
    return (f"{name:<22} sentiment F1 {m['sentiment_macro_f1']:.4f} acc {m['sentiment_accuracy']:.4f} "
            f"(out of fold {_macro(decide(Po), y):.4f})")


def _topic_scores(data: Data, rows: list[int], splits) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold (over the sentiment folds) and dev topic scores, one class-balanced LinearSVC per label."""
    X, Xd = data.blocks(("word", "char", "embedding"))
    X = X[rows]
    classes = sorted({label for i in rows for label in data.train[i].labels})
    scores = [_binary_scores("svc", X, Xd, np.array([label in data.train[i].labels for i in rows], dtype=int),
                             splits, "balanced") for label in classes]
    return np.stack([o for o, _ in scores], 1), np.stack([d for _, d in scores], 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nhs-fft")
    parser.add_argument("--only", choices=("v6", "phase1"))
    parser.add_argument("--all", action="store_true", help="every variant")
    every = [*SENTIMENT_VARIANTS, *RULE_VARIANTS, *TOPIC_VARIANTS]
    parser.add_argument("variants", nargs="*", help=f"of {every}; default {DEFAULT}")
    args = parser.parse_args()
    unknown = set(args.variants) - set(every)
    if unknown:
        parser.error(f"unknown variant(s) {sorted(unknown)}")
    warnings.filterwarnings("ignore")
    for name in (args.only,) if args.only else ("v6", "phase1"):
        data = Data(args.data, name)
        print(f"\n{name}: train {len(data.train)}, dev {len(data.dev)}", flush=True)
        for variant in every if args.all else args.variants or DEFAULT:
            started = time.perf_counter()
            if variant in SENTIMENT_VARIANTS:
                line = run_sentiment(data, variant, **SENTIMENT_VARIANTS[variant])
            elif variant in RULE_VARIANTS:
                line = run_rule(data, variant, **RULE_VARIANTS[variant])
            else:
                line = run_topic(data, variant, TOPIC_VARIANTS[variant])
            print(f"  {line} [{time.perf_counter() - started:.0f} s]", flush=True)


if __name__ == "__main__":
    main()
