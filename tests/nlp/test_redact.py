from __future__ import annotations

import pytest

from bot.nlp.redact import luhn_ok, redact, redact_text


@pytest.mark.parametrize("text, expected", [
    ("call me on 07700 900123 please", "call me on [phone] please"),
    ("ring +44 20 7946 0958.", "ring [phone]."),
    ("+44 (0)20 7946 0958", "[phone]"),
    ("(020) 7946 0958 or 0161 496 0000", "[phone] or [phone]"),
    ("US: (555) 123-4567 or 555-123-4567", "US: [phone] or [phone]"),
    ("+1 555 123 4567", "[phone]"),
    ("Tel.07700 900123", "Tel.[phone]"),
    ("07700900123", "[phone]"),
    ("mail jo.bloggs+nhs@example.co.uk now", "mail [email] now"),
    ("card 4111 1111 1111 1111 ok", "card [card] ok"),
    ("card 4111-1111-1111-1111", "card [card]"),
    ("5500005555555559", "[card]"),
])
def test_redacts(text: str, expected: str):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "On 21/09/2021 at 10am I was seen at 14:30",
    "date 2026-11-22 and 22.11.2026",
    "visit_123 and check-in and find-parking and call-appointment",
    "I am 84 years old, paid £20 for parking, room 12, bed 4",
    "ref 12345678 and ward 7B, 3rd floor",
    "years 2019 2020 2021",
    "$1,250.00 and 3.5 hours and 1,000,000 people",
    "1234 5678 9012 3456",  # 16 digits that fail the Luhn check: not a card
    "pi is 3.14159265358",
    "",
])
def test_leaves_lookalikes_alone(text: str):
    result = redact(text)
    assert result.text == text
    assert not result.changed


def test_counts_each_kind():
    result = redact("a@b.org, c@d.com, 07700 900123, 4111 1111 1111 1111")
    assert result.counts == {"email": 2, "phone": 1, "card": 1}
    assert result.changed
    assert redact_text("x@y.co.uk") == "[email]"


def test_luhn():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


def test_huge_text_is_fine():
    text = "call 07700 900123 " * 5000
    assert redact(text).counts["phone"] == 5000
