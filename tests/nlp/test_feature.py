"""The feature blocks: tone sequences (lexicon + negation), embeddings from the installed wheel, and the
Featurizer's named column blocks."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlp import embedding
from bot.nlp.analyzer import build_analyzer, tone_lexicon
from bot.nlp.feature import FeatureConfig, Featurizer, asked_kind


def test_tone_reads_lexicon_words_negation_and_boundaries():
    tone = list(build_analyzer().tone_text([
        "Consultant was dismissive and rude.",
        "Not very helpful.",
        "Brilliant paramedics. Took too long to get here.",
        "Staff were not rude at all but the food was awful",
        "",
        "🙂🙂",
    ]))
    assert tone[0] == "N2 |"  # "rude" is strongly negative
    assert tone[1] == "XP2 |"  # a positive word inside a negation's scope
    assert tone[2] == "P2 | |"
    assert tone[3] == "XN2 | N2"  # "but" ends the negation and marks a boundary
    assert tone[4] == "EMPTY" and tone[5] == "EMPTY"


@pytest.mark.parametrize(("text", "negated"), [
    ("Not very helpful.", True),
    ("Nobody was helpful.", True),
    ("wasn't very friendly", True),
    ("The doctor was not kind and did not listen.", True),
    ("Not a very good experience", True),
    ("No one was helpful at the desk.", True),  # "no one" opening a text is a negation, not an answer
    ("Not helpful, but the nurse was lovely.", False),  # praise left standing
    ("Consultant was dismissive and rude.", False),  # nothing negated
    ("Nothing could be better.", False),  # a negated comparative is praise
    ("Could not have done any better", False),
    ("Nothing, everyone was lovely", False),  # the answer to "what could we improve?"
    ("Nothing very happy staff", False),
    ("I don't think one phone call is good enough", False),  # the cue is too far from "good"
    ("The staff were not rude at all.", False),  # a negated complaint is not negated praise
    ("Very helpful staff.", False),
    ("", False),
    ("🙂🙂", False),
])
def test_negated_praise_reads_negation_close_to_a_positive_word(text: str, negated: bool):
    assert list(build_analyzer().negated_praise([text])) == [negated]


def test_tone_lexicon_ships_with_the_package():
    lexicon = tone_lexicon()
    assert len(lexicon) > 7000 and lexicon["rude"] < 0 < lexicon["helpful"]


def test_embeddings_load_from_the_wheel_without_network():
    # pytest-socket blocks the network here: the weights and tokenizer must come from the installed package
    vectors = embedding.embed(["The nurse was kind", "", "rude and dismissive", "kind nurse"])
    assert vectors.shape == (4, embedding.DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[[0, 2, 3]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any()  # nothing to embed
    assert vectors[0] @ vectors[3] > vectors[0] @ vectors[2]


TEXTS = ["The nurse was kind and helpful.", "Waited two hours, nobody told us why.", "Parking was awful!",
         "Lovely staff, not rude at all.", "The doctor did not listen."] * 3


@pytest.mark.parametrize("tone, emb, shape", [(0.5, 0.3, 0.3), (0.0, 0.0, 0.0), (0.5, 0.0, 0.3)])
def test_blocks_line_up_with_columns_and_transform_matches_fit(tone, emb, shape):
    featurizer = Featurizer(FeatureConfig(tone_weight=tone, embedding_weight=emb, shape_weight=shape))
    X = featurizer.fit_transform(TEXTS)
    widths = featurizer.widths()
    assert list(widths)[:2] == ["word", "char"] and X.shape[1] == sum(widths.values()) == featurizer.n_features
    assert ("tone" in widths) == (tone > 0) and ("embedding" in widths) == (emb > 0)
    assert np.allclose(featurizer.transform(TEXTS).toarray(), X.toarray(), atol=1e-5)
    assert len(featurizer.columns(("word", "char"))) == featurizer.content_width
    assert len(featurizer.columns(("word", "char", "tone", "embedding", "shape"))) == X.shape[1]


def test_keep_blocks_drops_the_unused_ones():
    featurizer = Featurizer(FeatureConfig(tone_weight=0.5, embedding_weight=0.3, shape_weight=0.3))
    X = featurizer.fit_transform(TEXTS)
    kept = featurizer.keep_blocks(["tone"])
    assert set(featurizer.widths()) == {"word", "char", "tone"}
    Xk = featurizer.transform(TEXTS)
    assert Xk.shape[1] == len(kept) and np.allclose(Xk.toarray(), X[:, kept].toarray(), atol=1e-5)
    assert (featurizer.content_nnz(Xk) > 0).all()
    [unknown] = featurizer.content_nnz(featurizer.transform(["😀"]))
    assert unknown == 0


@pytest.mark.parametrize(("question", "kind"), [
    ("How could we improve?", "improve"),
    ("What could we do better?", "improve"),
    ("What was good?", "praise"),
    ("What did you like about your visit?", "praise"),
    ("FFT Why?", "open"),
    ("Anything else you'd like to tell the team?", "open"),  # "you'd like to" is no praise
    ("Trust B - Q1", "open"),
    ("", None),
    ("   ", None),
    (None, None),
])
def test_asked_kind_reads_what_a_question_asks_for(question, kind):
    assert asked_kind(question) == kind


def _asked_featurizer() -> Featurizer:
    texts = ["Nothing.", "Nothing at all.", "The nurse was kind.", "Long wait.", "Nothing to add.", "Kind staff."]
    questions = ["What could we do better?", "What was good?", "What was good?", "What could we do better?",
                 "What could we do better?", "What was good?"]
    featurizer = Featurizer(FeatureConfig(embedding_weight=0))
    featurizer.fit_transform(texts, questions)
    return featurizer


def test_question_blocks_fire_only_for_texts_whose_question_is_known():
    featurizer = _asked_featurizer()
    assert featurizer.has_block("question") and featurizer.has_block("asked")
    cols = featurizer.columns(("question", "asked"))
    X = featurizer.transform(["Nothing.", "Nothing.", "Nothing."], ["What could we do better?", "What was good?", None])
    asked = X[:, cols].toarray()
    assert asked[0].any() and asked[1].any() and not asked[2].any()
    assert not np.array_equal(asked[0], asked[1])  # the same words answer two kinds of question
    plain = featurizer.columns(("word", "char", "tone"))
    assert np.array_equal(X[0, plain].toarray(), X[2, plain].toarray())  # the text's own blocks are unchanged
    assert not featurizer.transform(["Nothing."])[:, cols].toarray().any()  # no questions at all


def test_question_blocks_are_absent_when_no_training_text_had_a_question():
    featurizer = Featurizer(FeatureConfig(embedding_weight=0))
    featurizer.fit_transform(["Long wait.", "Kind staff.", "Rude."], None)
    assert not featurizer.has_block("question") and not featurizer.has_block("asked")
    X = featurizer.transform(["Long wait."], ["What could we do better?"])  # a question is harmless then
    assert X.shape[1] == featurizer.n_features


def test_questions_must_match_the_texts():
    with pytest.raises(ValueError, match="2 questions for 1 texts"):
        _asked_featurizer().transform(["Nothing."], ["Why?", "Why?"])
