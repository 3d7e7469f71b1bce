from __future__ import annotations

import pytest

from bot.nlp.dataset import Example
from bot.nlp.metric import score, sentiment_scores, topic_scores


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
