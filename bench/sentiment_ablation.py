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

    .venv/bin/python bench/sentiment_ablation.py [--data ../shared/data/nhs-fft] [--only v6] [--all | variant ...]

Without variants it runs `DEFAULT` (about 10 minutes for both data sets on 2 idle cores; `--all`: ~30).
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nhs-fft")
    parser.add_argument("--only", choices=("v6", "phase1"))
    parser.add_argument("--all", action="store_true", help="every variant")
    parser.add_argument("variants", nargs="*", help=f"of {[*SENTIMENT_VARIANTS, *TOPIC_VARIANTS]}; default {DEFAULT}")
    args = parser.parse_args()
    unknown = set(args.variants) - set(SENTIMENT_VARIANTS) - set(TOPIC_VARIANTS)
    if unknown:
        parser.error(f"unknown variant(s) {sorted(unknown)}")
    warnings.filterwarnings("ignore")
    for name in (args.only,) if args.only else ("v6", "phase1"):
        data = Data(args.data, name)
        print(f"\n{name}: train {len(data.train)}, dev {len(data.dev)}", flush=True)
        for variant in [*SENTIMENT_VARIANTS, *TOPIC_VARIANTS] if args.all else args.variants or DEFAULT:
            started = time.perf_counter()
            if variant in SENTIMENT_VARIANTS:
                line = run_sentiment(data, variant, **SENTIMENT_VARIANTS[variant])
            else:
                line = run_topic(data, variant, TOPIC_VARIANTS[variant])
            print(f"  {line} [{time.perf_counter() - started:.0f} s]", flush=True)


if __name__ == "__main__":
    main()
