"""Topic/sentiment classifier vs a plain baseline on NHS FFT v6 and phase 1, plus costs.

Baseline: TfidfVectorizer(ngram_range=(1, 2)) (otherwise sklearn defaults) + LinearSVC or
LogisticRegression (defaults), one-vs-rest over the labels (multi-label data) or over the classes
(single-label data and sentiment). Ours: bot.nlp.classifier.fit_model with its defaults, trained on the
matching train file, scored on dev with bot.nlp.metric (the `storybot nlp evaluate` numbers).

    .venv/bin/python bench/nlp.py [--data ../shared/data/nhs-fft]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.preprocessing import MultiLabelBinarizer  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from bot.nlp.classifier import fit_model, load_model, save_model  # noqa: E402
from bot.nlp.dataset import Example, is_single_label, read_examples  # noqa: E402
from bot.nlp.metric import evaluate, score  # noqa: E402

KEYS = ("topic_macro_f1", "topic_micro_f1", "sentiment_macro_f1", "sentiment_accuracy")


def baseline(train: list[Example], dev: list[Example], make) -> dict:
    labelled = [e for e in train if e.labels]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    X = vectorizer.fit_transform([e.text for e in labelled])
    Xd = vectorizer.transform([e.text for e in dev])
    if is_single_label(labelled):
        topics = [(label,) for label in make().fit(X, [e.labels[0] for e in labelled]).predict(Xd)]
    else:
        binarizer = MultiLabelBinarizer()
        Y = binarizer.fit_transform([e.labels for e in labelled])
        topics = binarizer.inverse_transform(OneVsRestClassifier(make()).fit(X, Y).predict(Xd))
    rated = [e for e in train if e.sentiment]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    sentiment = make().fit(vectorizer.fit_transform([e.text for e in rated]), [e.sentiment for e in rated])
    return score(dev, topics, list(sentiment.predict(vectorizer.transform([e.text for e in dev]))))


def row(name: str, metrics: dict) -> str:
    return f"  {name:<26}" + "".join(f"{metrics[k]:>20.4f}" for k in KEYS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nhs-fft")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    header = f"  {'':<26}" + "".join(f"{k:>20}" for k in KEYS)
    for name in ("v6", "phase1"):
        train = read_examples(args.data / f"{name}-train.jsonl")
        dev = read_examples(args.data / f"{name}-dev.jsonl")
        print(f"\n{name}: train {len(train)} texts, dev {len(dev)} texts")
        print(header)
        svc = baseline(train, dev, LinearSVC)
        lr = baseline(train, dev, lambda: LogisticRegression(max_iter=1000))
        print(row("baseline tfidf+LinearSVC", svc))
        print(row("baseline tfidf+LogReg", lr))
        started = time.perf_counter()
        model = fit_model(train, seed=0)
        seconds = time.perf_counter() - started
        ours = evaluate(model, dev)
        print(row("ours", ours))
        best = {k: max(svc[k], lr[k]) for k in KEYS}
        print("  " + f"{'ours - best baseline':<26}" + "".join(f"{ours[k] - best[k]:>+20.4f}" for k in KEYS))
        print(f"  training time: {seconds:.1f} s (2 worker processes)")
        if name == "v6":
            costs(model, dev)


def costs(model, dev: list[Example]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        save_model(model, Path(tmp))
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        model = load_model(Path(tmp))
    texts = [e.text for e in dev]
    model.classify(texts[:50])  # warm up
    started = time.perf_counter()
    for _ in range(3):
        model.classify(texts)
    throughput = 3 * len(texts) / (time.perf_counter() - started)
    times = []
    for text in texts[:300]:
        t0 = time.perf_counter()
        model.classify([text])
        times.append((time.perf_counter() - t0) * 1000)
    p99 = statistics.quantiles(times, n=100)[98]
    print(f"  batch inference: {throughput:,.0f} texts/s; single text: p50 {statistics.median(times):.2f} ms, "
          f"p99 {p99:.2f} ms; model on disk: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
