"""bot.nlp.question_french: questions written partly or wholly in French read as their English."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.nlp.question import parse_question
from bot.nlp.question_french import from_french
from devkit.question_fixture import cycle_mots

NOW = datetime(2026, 11, 25, 10, 0)  # a Wednesday


def _ask(text: str) -> object:
    return parse_question(text, now=NOW, tz="Europe/London", mots=cycle_mots("healthcare-visit"),
                          people=("Dana", "Alice", "Sam"))


@pytest.mark.parametrize(("text", "intent", "period_start", "mot_id"), [
    ("combien de ratings la semaine dernière?", "rating_count", date(2026, 11, 16), None),
    ("les pires moments ce mois-ci", "weakest", date(2026, 11, 1), None),
    ("how is le parking depuis octobre", "mot_detail", date(2026, 10, 1), "find-parking"),
    ("quels sont les commentaires sur l'accueil cette semaine", "comments", date(2026, 11, 23), "check-in"),
    ("combien d'histoires depuis le 1er octobre ?", "story_count", date(2026, 10, 1), None),
    ("qui a partagé le plus d'histoires ce mois-ci", "people", date(2026, 11, 1), None),
    ("la tendance de la salle d'attente depuis septembre", "trend", date(2026, 9, 1), "waiting-room"),
])
def test_french_questions_read_as_english(text: str, intent: str, period_start: date, mot_id: str | None) -> None:
    q = _ask(text)
    assert (q.intent, q.period.start.date(), q.mot_id) == (intent, period_start, mot_id)


def test_english_with_a_french_looking_word_or_name_is_left_alone() -> None:
    for text in ("stories about Des and Le Roux", "how is the sur-charge at the car park", "la la la"):
        assert from_french(text) == text
    assert _ask("stories about Des and Le Roux").person == "Des"


def test_other_languages_still_get_help_not_a_guess() -> None:
    q = _ask("wie war die Woche für die Patienten")
    assert q.intent == "unknown"
