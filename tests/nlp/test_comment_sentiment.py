"""bot.nlp.comment_sentiment: the sentiment of a customer's comment, stored only when likely right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.nlp import comment_sentiment as cs


@pytest.fixture(scope="module")
def model() -> cs.CommentSentimentModel:
    return cs.comment_sentiment_model(None)  # the shipped fit (fitted here when the code has changed since)


@pytest.mark.parametrize(("text", "sentiment"), [
    ("Consultant was dismissive and rude.", "negative"),  # issue 13: the NHS model read it as positive
    ("The food came out cold.", "negative"),  # the NHS model: neutral
    ("Poor service overall, nobody seemed to care.", "negative"),
    ("Best steak I've had in years.", "positive"),  # the NHS model: neutral
    ("Highly recommend, the nurse was lovely.", "positive"),
    ("waited 2 hrs in reception, no one told us anything 😡", "negative"),
])
def test_plain_praise_and_complaints_are_stored(model, text: str, sentiment: str) -> None:
    reading = model.read_one(text)
    assert (reading.sentiment, reading.likely) == (sentiment, sentiment), reading


def test_a_negated_complaint_is_not_read_as_a_complaint(model) -> None:
    """"Seen on time, no waiting at all." came out negative (issue 13)."""
    for text in ("Seen on time, no waiting at all.", "No queue at the barrier, out in a minute."):
        assert model.read_one(text).likely in ("positive", None), text


def test_negated_praise_is_never_stored_as_praise(model) -> None:
    for text in ("Not very helpful.", "The receptionist wasn't friendly at all."):
        assert model.read_one(text).likely != "positive", text


@pytest.mark.parametrize("text", ["", "   ", "🙂", "🦄🦄", "42", "x" * 50_000, "\x00\x01", None])
def test_nothing_to_read_is_never_stored(model, text) -> None:
    [reading] = model.read([text])
    assert reading.likely is None
    assert 0.0 <= reading.probability <= 1.0
    if not (text or "").strip() or text in ("🙂", "🦄🦄", "\x00\x01"):  # nothing the model knows: no reading at all
        assert reading == cs.CommentReading("neutral", 0.0, None)


@pytest.mark.parametrize("text", ["Très mauvais service", "Muy mal, esperamos dos horas", "sehr gut, danke",
                                  "Ottimo servizio", "Obrigado pelo atendimento", "Bardzo dobra obsługa"])
def test_another_language_gets_no_stored_sentiment(model, text: str) -> None:
    """The model learnt English: its character n-grams read the first two as praise."""
    assert not cs.mostly_english(text)
    assert model.read_one(text).likely is None


@pytest.mark.parametrize("text", ["the doc was gr8 tbh", "nurse rang n explained everything, massive relief 🙌",
                                  "Doctor show me x-ray picture, bone is healed now, alhamdulillah", "Disappointing."])
def test_english_with_slang_or_a_word_of_another_language_is_english(text: str) -> None:
    assert cs.mostly_english(text)


def test_the_storing_threshold_is_chosen_on_authors_left_out(model) -> None:
    """Each outside author's comments are read by a model fitted without them; the threshold keeps at least
    STORE_PRECISION of what is stored right there, and most comments get a sentiment."""
    metrics = model.metrics
    assert metrics["authors_held_out"] >= 6
    assert metrics["oof_sure_precision"] >= cs.STORE_PRECISION
    assert metrics["oof_sure_coverage"] >= 0.6 and metrics["oof_accuracy"] >= 0.75
    assert 1 / 3 < model.sure_above < 1.0


def test_training_rows_name_their_source_and_author(tmp_path: Path) -> None:
    comments = tmp_path / "comments.jsonl"
    comments.write_text("\n".join(json.dumps(r) for r in [
        {"text": "Lovely nurse.", "sentiment": "positive", "author": "a"},
        {"text": "Rude porter.", "sentiment": "negative", "author": "b"},
        {"text": "No label here."},
    ]) + "\n", encoding="utf-8")
    nhs = tmp_path / "nhs.jsonl"
    nhs.write_text(json.dumps({"text": "Staff were kind.", "sentiment": "positive"}) + "\n", encoding="utf-8")
    rows = cs.training_rows(comments, nhs=(nhs, tmp_path / "missing.jsonl"))
    by_kind = {kind: [r for r in rows if r.kind == kind] for kind in cs.WEIGHTS}
    assert [(r.text, r.group) for r in by_kind["comment"]] == [("Lovely nurse.", "a"), ("Rude porter.", "b")]
    assert [r.text for r in by_kind["nhs"]] == ["Staff were kind."]
    assert by_kind["feedback"] and by_kind["staff"]  # the message-kind corpus's customers' feedback and staff stories
    assert {r.sentiment for r in by_kind["feedback"]} == {"positive", "negative"}


def test_a_model_fitted_on_too_little_stores_nothing() -> None:
    rows = [cs.Row(text, sentiment, "comment", author) for author in ("a", "b") for text, sentiment in (
        ("great nurse", "positive"), ("rude nurse", "negative"), ("lovely doctor", "positive"),
        ("cold food", "negative"))]
    model = cs.fit_comment_sentiment(rows, features=cs.FeatureConfig(embedding_weight=0.0, shape_weight=0.0,
                                                                     question_weight=0.0))
    assert model.classes == ("negative", "positive")
    assert model.sure_above == 1.0  # fewer than twenty comments out of fold: no threshold can be trusted
    reading = model.read_one("great doctor")
    assert reading.sentiment == "positive" and reading.likely is None
