"""Scores for topic and sentiment predictions, shared by `storybot nlp evaluate` and the benchmarks.

Topic macro-F1 averages per-label F1 over every label that occurs in the gold labels or the predictions
(as scikit-learn does for multi-class data when `labels` is not given): a label neither present nor
predicted says nothing about the model. `topic_macro_f1_all_labels` averages over every label the model
was trained on instead (a label never seen nor predicted counts as 0), as scikit-learn does with
`labels=` the training labels: the stricter figure when a rare label is missing from the evaluation data.
Micro-F1 pools all (text, label) decisions. Sentiment scores skip texts whose gold sentiment is null;
`sentiment_sure_precision`/`_coverage` are the accuracy and share of the sentiments the model calls
likely right (`Prediction.likely_sentiment`).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.nlp.dataset import Example


def f1(tp: int, fp: int, fn: int) -> float:
    denom = 2 * tp + fp + fn
    return 2 * tp / denom if denom else 0.0


def topic_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]],
                 all_labels: Sequence[str] = ()) -> dict[str, float]:
    """Macro (labels present) and micro F1; with `all_labels`, also the macro-F1 over all of those."""
    labels = sorted({label for row in gold for label in row} | {label for row in predicted for label in row})
    counts = {label: [0, 0, 0] for label in labels}  # tp, fp, fn
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = set(g), set(p)
        for label in gs & ps:
            counts[label][0] += 1
        for label in ps - gs:
            counts[label][1] += 1
        for label in gs - ps:
            counts[label][2] += 1
    macro = sum(f1(*c) for c in counts.values()) / len(counts) if counts else 0.0
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    result = {"topic_macro_f1": macro, "topic_micro_f1": f1(tp, fp, fn)}
    if all_labels:
        every = set(all_labels)
        result["topic_macro_f1_all_labels"] = sum(f1(*counts[label]) for label in labels if label in every) / len(every)
    return result


def sentiment_scores(gold: Sequence[str | None], predicted: Sequence[str | None]) -> dict[str, float]:
    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g]
    if not pairs:
        return {"sentiment_macro_f1": 0.0, "sentiment_accuracy": 0.0}
    classes = sorted({g for g, _ in pairs} | {p for _, p in pairs if p})
    per_class = []
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        per_class.append(f1(tp, fp, fn))
    return {
        "sentiment_macro_f1": sum(per_class) / len(per_class),
        "sentiment_accuracy": sum(1 for g, p in pairs if g == p) / len(pairs),
    }


def sure_scores(gold: Sequence[str | None], likely: Sequence[str | None]) -> dict[str, float]:
    """Precision and coverage of the sentiments kept as likely right (None = not kept), over rated texts."""
    pairs = [(g, p) for g, p in zip(gold, likely, strict=True) if g]
    kept = [(g, p) for g, p in pairs if p]
    return {"sentiment_sure_precision": sum(1 for g, p in kept if g == p) / len(kept) if kept else 0.0,
            "sentiment_sure_coverage": len(kept) / len(pairs) if pairs else 0.0}


def score(examples: Sequence[Example], topics: Sequence[Sequence[str]], sentiments: Sequence[str | None],
          *, digits: int = 4, all_labels: Sequence[str] = (),
          likely: Sequence[str | None] | None = None) -> dict[str, float | int]:
    """The evaluate line: topic macro/micro-F1 (over labelled texts), sentiment macro-F1/accuracy, n."""
    labelled = [i for i, e in enumerate(examples) if e.labels]
    result: dict[str, float | int] = {}
    result.update(topic_scores([examples[i].labels for i in labelled], [topics[i] for i in labelled], all_labels))
    result.update(sentiment_scores([e.sentiment for e in examples], list(sentiments)))
    if likely is not None:
        result.update(sure_scores([e.sentiment for e in examples], list(likely)))
    rounded: dict[str, float | int] = {k: round(float(v), digits) for k, v in result.items()}
    rounded["n"] = len(examples)
    return rounded


def evaluate(model, examples: Sequence[Example]) -> dict[str, float | int]:
    """Score a TopicModel on examples (with the question each answers, when the rows carry one); abstention
    is switched off so every text gets its best guess."""
    predictions = model.classify([e.text for e in examples], questions=[e.question for e in examples],
                                 abstain_below=0.0)
    return score(examples, [p.labels for p in predictions], [p.sentiment for p in predictions],
                 all_labels=model.labels, likely=[p.likely_sentiment for p in predictions])
