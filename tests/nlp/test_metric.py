from __future__ import annotations

import pytest

from bot.nlp.dataset import Example
from bot.nlp.metric import evaluate, score, sentiment_scores, sure_scores, topic_scores
from bot.nlp.prediction import Prediction, Score


def test_topic_scores_macro_and_micro():
    gold = [("a",), ("a", "b"), ("c",)]
    pred = [("a",), ("a",), ("b",)]
    s = topic_scores(gold, pred)
    # a: tp 2 -> f1 1; b: fp 1, fn 1 -> 0; c: fn 1 -> 0
    assert s["topic_macro_f1"] == pytest.approx(1 / 3)
    assert s["topic_micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 2))


def test_sentiment_scores_skip_null_gold():
    s = sentiment_scores(["positive", None, "negative"], ["positive", "negative", "positive"])
    assert s["sentiment_accuracy"] == pytest.approx(0.5)


def test_score_counts_all_rows():
    examples = [Example("x", ("a",), "positive"), Example("y", (), "negative")]
    result = score(examples, [("a",), ()], ["positive", "negative"])
    assert result["n"] == 2 and result["topic_macro_f1"] == 1.0 and result["sentiment_macro_f1"] == 1.0


def test_topic_macro_over_all_training_labels():
    gold = [("a",), ("a", "b"), ("c",)]
    pred = [("a",), ("a",), ("b",)]
    s = topic_scores(gold, pred, all_labels=["a", "b", "c", "d"])
    assert s["topic_macro_f1"] == pytest.approx(1 / 3)  # over a, b, c (present)
    assert s["topic_macro_f1_all_labels"] == pytest.approx(1 / 4)  # d was never seen nor predicted: 0
    assert "topic_macro_f1_all_labels" not in topic_scores(gold, pred)


def test_sure_scores_count_only_kept_sentiments():
    s = sure_scores(["positive", "negative", None, "neutral"], ["positive", None, "negative", "positive"])
    assert s["sentiment_sure_precision"] == pytest.approx(0.5)  # 2 kept of 3 rated, 1 right
    assert s["sentiment_sure_coverage"] == pytest.approx(2 / 3)


def test_evaluate_reads_each_text_with_the_question_it_answers():
    """`storybot nlp evaluate` scores the model as the rows give it: the question too (NHS FFT rows carry one)."""
    seen: dict[str, object] = {}

    class Model:
        labels = ("a",)

        def classify(self, texts, *, questions=None, abstain_below=None):
            seen.update(texts=list(texts), questions=list(questions), abstain_below=abstain_below)
            return [Prediction((Score("a", 0.9),), ("a",), False, "positive", 0.9) for _ in texts]

    examples = [Example("Nothing.", ("a",), "positive", "What could we do better?"), Example("Fine", ("a",), "positive")]
    assert evaluate(Model(), examples)["sentiment_accuracy"] == 1.0
    assert seen == {"texts": ["Nothing.", "Fine"], "questions": ["What could we do better?", ""], "abstain_below": 0.0}
