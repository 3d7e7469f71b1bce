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


def test_french_seasons_windows_and_moments() -> None:
    q = _ask("Quels sont nos 3 pires moments de vérité ce mois-ci ?")
    assert (q.intent, q.limit, q.period.start.date()) == ("weakest", 3, date(2026, 11, 1))
    assert _ask("Quels sont nos points forts ce mois-ci ?").intent == "strongest"
    q = _ask("Est-ce que le paiement à la sortie s'améliore ces 4 derniers mois ?")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("trend", "checkout-pay", date(2026, 7, 26))
    q = _ask("Compare l'été 2026 avec le printemps pour l'attente des résultats")
    assert (q.intent, q.mot_id, q.period.label.startswith("summer")) == ("compare", "wait-results", True)
    assert _ask("combien de stories sur les prises de sang et examens depuis le 15 octobre").mot_id == "tests"
    assert _ask("quel temps fera-t-il demain à Bruxelles ?").intent == "off_topic"
