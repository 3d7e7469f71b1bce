"""bot/nlp/question_shorthand.py: Hinglish read as English only where it is Hinglish."""

import pytest

from bot.nlp.question_shorthand import hinglish


@pytest.mark.parametrize(("text", "english"), [
    ("kitne ratings aaye is hafte", "how many ratings came this week"),
    ("top 3 shining moments is mahine", "top 3 shining moments this month"),  # a Hindi window alone
    ("pichle 6 weeks mein sabse zyada kya", "last 6 weeks in most what"),
    ("parking ka kya haal hai", "parking how is it going"),
    # English stays English: "is" before an English unit, one Hindi-looking word, "show me"
    ("how many patients said the wait is 2 weeks or more", "how many patients said the wait is 2 weeks or more"),
    ("what is 30 days of ratings for parking", "what is 30 days of ratings for parking"),
    ("is the check in ok", "is the check in ok"),
    ("kitne ratings aaye is hafte, show me", "how many ratings came this week, show me"),
])
def test_hinglish_is_read_as_english_and_english_is_left_alone(text: str, english: str) -> None:
    assert hinglish(text) == english
