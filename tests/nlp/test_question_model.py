"""bot.nlp.question_model: generated paraphrases and the intent model used where the rules read nothing."""

from __future__ import annotations

from datetime import datetime

from bot.nlp.question import INTENTS, parse_question
from bot.nlp.question_model import CONFIDENT, confident_reading, model_readings, paraphrases
from devkit.question_fixture import cycle_mots


def test_paraphrases_are_systematic_and_deterministic() -> None:
    rows = paraphrases()
    assert rows == paraphrases()  # seeded
    assert len(rows) > 1500
    covered = {intent for _, intent in rows}
    assert covered <= set(INTENTS) and {"weakest", "rating_count", "trend", "people"} <= covered
    texts = " ".join(t for t, _ in rows).split()
    assert {"wk", "ppl", "oct"} & set(texts)  # shorthand variants are in


def test_model_reads_unseen_wordings_and_stays_quiet_on_noise() -> None:
    best, _ = confident_reading("how many folks answered the survey")
    assert best == "rating_count"
    assert model_readings("xyzzy plugh") == [] and model_readings("thanks") == []
    readings = model_readings("where do patients get stuck most")
    assert readings[0][0] == "weakest" and abs(sum(p for _, p in readings) - 1) < 1e-6


def test_unclear_questions_get_did_you_mean_never_a_confident_guess() -> None:
    q = parse_question("what gets on peoples nerves", now=datetime(2026, 11, 22, 15), tz="Europe/London",
                       mots=cycle_mots("healthcare-visit"))
    assert q.intent == "unknown" and q.confidence < 0.5 and 2 <= len(q.alternative_intents) <= 3
    assert "weakest" in q.alternative_intents
    assert CONFIDENT >= 0.7
