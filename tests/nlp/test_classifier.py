from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import joblib
import pytest

from bot.nlp.classifier import fit_model, load_model, save_model
from bot.nlp.dataset import DatasetError, Example, read_examples
from bot.nlp.prediction import Prediction


def test_multilabel_model_predicts_sorted_calibrated_topics(v6_model):
    assert v6_model.multilabel
    assert set(v6_model.labels) == {"Timeliness of care", "Staff manner & personal attributes",
                                    "Transport to/ from services", "Contacting services"}
    [p] = v6_model.classify(["The ambulance took hours to arrive, a very long wait"])
    assert isinstance(p, Prediction)
    probs = [s.probability for s in p.topics]
    assert probs == sorted(probs, reverse=True)
    assert all(0.0 <= x <= 1.0 for x in probs)
    assert p.top is not None and p.top.label == "Timeliness of care"
    assert p.labels[0] == "Timeliness of care"
    assert p.sentiment in {"positive", "neutral", "negative"}
    assert 0.0 <= p.sentiment_probability <= 1.0
    assert [s.label for s in p.sentiments][0] == p.sentiment
    assert p.likely_sentiment in {p.sentiment, None}
    assert (p.likely_sentiment is None) == (p.sentiment_probability < v6_model.sentiment_sure_above)


def test_single_label_model_probabilities_sum_to_one(phase1_model):
    assert not phase1_model.multilabel
    [p] = phase1_model.classify(["The staff were friendly and kind"])
    assert sum(s.probability for s in p.topics) == pytest.approx(1.0, abs=0.03)
    assert len(p.labels) <= 1


def test_predictions_are_deterministic(v6_path):
    examples = read_examples(v6_path)
    texts = ["Waited all day", "The driver was lovely", "Could not get through on the phone"]
    first = fit_model(examples, seed=3).classify(texts)
    second = fit_model(examples, seed=3).classify(texts)
    assert first == second


def test_abstains_on_text_it_knows_nothing_about(v6_model):
    for text in ["", "😀😀😀", "   ", "Qxzv wprt"]:
        [p] = v6_model.classify([text])
        assert p.abstained and p.top is None and p.labels == ()


def test_abstention_threshold_can_be_overridden(v6_model):
    [sure] = v6_model.classify(["Waited a long time for the ambulance"], abstain_below=0.0)
    [unsure] = v6_model.classify(["Waited a long time for the ambulance"], abstain_below=1.01)
    assert not sure.abstained and unsure.abstained and unsure.top is None


def test_bad_input_is_classified_without_error(v6_model):
    texts = ["", "x" * 100_000, "🙂" * 500, "Le personnel était très gentil et serviable.",
             "Das Personal war sehr freundlich.", "日本語のテキスト", "\n\n\t", "<script>alert(1)</script>", None]
    predictions = v6_model.classify(texts)  # type: ignore[arg-type]
    assert len(predictions) == len(texts)
    assert v6_model.classify([]) == []


def test_save_and_load_round_trip(tmp_path: Path, v6_model):
    save_model(v6_model, tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "metadata.json").read_text())
    assert meta["labels"] == list(v6_model.labels) and meta["seed"] == 0
    assert {"scikit-learn", "spacy", "python"} <= set(meta["versions"])
    loaded = load_model(tmp_path / "m")
    texts = ["Waited too long", "Lovely staff"]
    assert loaded.classify(texts) == v6_model.classify(texts)
    assert (tmp_path / "m" / "model.joblib").stat().st_size < 50_000_000


def test_load_model_missing_directory(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "nothing")


def test_training_needs_two_labels():
    with pytest.raises(DatasetError):
        fit_model([Example("a", ("x",), "positive"), Example("b", ("x",), "negative")])


def test_null_sentiment_rows_are_used_for_topics_only(v6_path):
    examples = read_examples(v6_path)
    assert any(e.sentiment is None for e in examples)
    model = fit_model(examples, seed=0)
    assert model.sentiment is not None and set(model.sentiment.classes) <= {"positive", "neutral", "negative"}


def test_read_examples_reports_bad_lines(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "labels": ["a"], "sentiment": "positive"}\n{not json\n')
    with pytest.raises(DatasetError, match=":2:"):
        read_examples(bad)
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"text": "ok", "labels": ["a"], "sentiment": "great"}\n')
    with pytest.raises(DatasetError):
        read_examples(wrong)


def test_likely_sentiment_threshold_is_chosen_out_of_fold(v6_model):
    sure = v6_model.sentiment_sure_above
    assert 0.0 < sure <= 1.0 and v6_model.metadata["sentiment_sure_above"] == pytest.approx(sure, abs=1e-4)
    cv = v6_model.metadata["cv_metrics"]["sentiment"]
    assert cv["sure_coverage"] == 0.0 or cv["sure_precision"] >= 0.9
    [p] = v6_model.classify(["The driver was lovely"])
    unsure = Prediction(p.topics, p.labels, p.abstained, p.sentiment, 0.2, p.sentiments, sentiment_sure_above=0.5)
    assert unsure.likely_sentiment is None


def test_negated_praise_is_never_a_likely_positive(v6_model):
    """Issue 13: "Not very helpful." read as positive (the model weighs "helpful", not the "not") is not
    stored; a negative or neutral reading of it, and positives without negated praise, are kept as before."""
    [p, q] = v6_model.classify(["Not very helpful.", "The driver was lovely"])
    assert p.negated_praise and not q.negated_praise
    sure = dict(sentiment_sure_above=0.5, negated_praise=True)
    positive = Prediction(p.topics, p.labels, p.abstained, "positive", 0.95, p.sentiments, **sure)
    negative = Prediction(p.topics, p.labels, p.abstained, "negative", 0.95, p.sentiments, **sure)
    assert positive.likely_sentiment is None
    assert negative.likely_sentiment == "negative"
    assert Prediction(q.topics, q.labels, q.abstained, "positive", 0.95, q.sentiments,
                      sentiment_sure_above=0.5).likely_sentiment == "positive"


def test_metadata_names_the_blocks_each_task_uses(v6_model):
    meta = v6_model.metadata
    assert {"word", "char"} <= set(meta["blocks"]) and {"word", "char", "tone"} <= set(meta["sentiment_blocks"])
    assert "vaderSentiment" in meta["versions"]


def test_saved_model_is_byte_for_byte_reproducible(tmp_path: Path, v6_path):
    examples = read_examples(v6_path)
    for name in ("a", "b"):
        save_model(fit_model(examples, seed=0), tmp_path / name)
    assert (tmp_path / "a" / "model.joblib").read_bytes() == (tmp_path / "b" / "model.joblib").read_bytes()


BETTER, GOOD = "What could we do better?", "What was good?"


@pytest.fixture(scope="module")
def asked_examples(v6_path) -> list[Example]:
    """The fixture rows answering one of two questions, and "Nothing." as the answer to both: praise when
    asked what could be better, a complaint when asked what was good (as in NHS FFT comments)."""
    rows = [replace(e, question=(GOOD, BETTER)[i % 2]) for i, e in enumerate(read_examples(v6_path))]
    nothing = [Example(text, ("Positive experience & gratitude",), "positive", BETTER)
               for text in ("Nothing.", "Nothing at all.", "Nothing, keep it up.", "Nothing really.")]
    nothing += [Example(text, ("Negative experience & dissatisfaction",), "negative", GOOD)
                for text in ("Nothing.", "Nothing at all.", "Nothing, sadly.", "Nothing really.")]
    return rows + nothing


def test_the_question_a_text_answers_is_read_by_a_second_sentiment_task(asked_examples):
    model = fit_model(asked_examples, seed=0)
    assert model.asked_sentiment is not None
    assert {"question", "asked"} <= set(model.metadata["asked_sentiment_blocks"])
    assert "asked_sentiment" in model.metadata["cv_metrics"]
    better, good, plain = model.classify(["Nothing."] * 3, questions=[BETTER, GOOD, None])
    positive = {p: dict(p.sentiments)["positive"] for p in (better, good, plain)}
    assert better.sentiment == "positive" and positive[better] > positive[plain] > positive[good]
    assert better.sentiment_sure_above == pytest.approx(model.asked_sentiment_sure_above)


def test_a_text_without_its_question_is_read_as_by_a_model_trained_without_questions(asked_examples):
    with_questions = fit_model(asked_examples, seed=0)
    without = fit_model([replace(e, question="") for e in asked_examples], seed=0)
    assert without.asked_sentiment is None and not without.featurizer.has_block("question")
    texts = ["Nothing.", "The staff were lovely", "Waited two hours"]
    for questions in (None, ["", None, "  "]):
        a = with_questions.classify(texts, questions=questions)
        b = without.classify(texts)
        assert [p.sentiments for p in a] == [p.sentiments for p in b]
        assert [(p.topics, p.labels, p.abstained) for p in a] == [(p.topics, p.labels, p.abstained) for p in b]
        assert [p.sentiment_sure_above for p in a] == [p.sentiment_sure_above for p in b]


def test_read_examples_keeps_the_question(tmp_path: Path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "Nothing.", "sentiment": "positive", "question": " What could we do better? "}\n'
                    '{"text": "Long wait", "sentiment": "negative", "question": 7}\n')
    assert [e.question for e in read_examples(path)] == [BETTER, ""]


def test_a_model_of_an_older_format_asks_to_be_retrained(tmp_path: Path, v6_model):
    save_model(v6_model, tmp_path)
    state = joblib.load(tmp_path / "model.joblib")
    joblib.dump({**state, "format_version": 2}, tmp_path / "model.joblib")
    with pytest.raises(ValueError, match="model format 2 is not 3: retrain"):
        load_model(tmp_path)


def test_questions_must_be_one_per_text(v6_model):
    with pytest.raises(ValueError, match="2 questions for 1 texts"):
        v6_model.classify(["Nothing."], questions=["Why?", "Why?"])
    assert v6_model.classify([], questions=[]) == []
