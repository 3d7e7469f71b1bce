from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlp.redact import luhn_ok, nhs_number_ok, redact, redact_names, redact_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


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
    # issue 13: the shapes that were missed, NHS numbers and postcodes
    ("07 700 900 123", "[phone]"),
    ("the 1-800-555-0199 line", "the [phone] line"),
    ("call 2025550143", "call [phone]"),
    ("john dot smith at gmail dot com", "[email]"),
    ("jo (at) example (dot) co (dot) uk", "[email]"),
    ("NHS number 943 476 5919", "NHS number [nhs-number]"),
    ("9434765919 is mine", "[nhs-number] is mine"),
    ("943 476 5918", "[phone]"),  # fails the NHS check digit: still a (North American) phone shape
    ("I live in SW1A 1AA, near LS1 4DY", "I live in [postcode], near [postcode]"),
    ("(+44) 7700 900123 or +447700900123", "[phone] or [phone]"),
    # after a word that says an address follows, a postcode in lower case, run together or ordinal-like
    ("postcode ls62ab, 3rd floor flat", "postcode [postcode], 3rd floor flat"),
    ("i live at b33 8th so the bus is my only option", "i live at [postcode] so the bus is my only option"),
    ("my address is 12 high st, m1 1ae", "my address is 12 high st, [postcode]"),
    ("NHS#6548657977", "NHS#[nhs-number]"),  # right after "NHS#"; other "#" numbers are references
    ("booking #4471, ref#6548657977", "booking #4471, ref#6548657977"),
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
    "booking ref 2025550143, order #4111111111111111",
    "call 111 or 999; NHS 111; the M1 at 3pm; ward b2 3rd floor",
    "look at nhs.uk or www.nhs.uk/conditions",
    "Dr Smith and nurse Jane were lovely",  # names stay unless asked for
    "",
])
def test_leaves_lookalikes_alone(text: str):
    result = redact(text)
    assert result.text == text
    assert not result.changed


def test_counts_each_kind():
    result = redact("a@b.org, c@d.com, 07700 900123, 4111 1111 1111 1111")
    assert result.counts == {"email": 2, "phone": 1, "card": 1, "nhs-number": 0, "postcode": 0, "name": 0}
    assert result.changed
    assert redact_text("x@y.co.uk") == "[email]"


def test_luhn():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


def test_huge_text_is_fine():
    text = "call 07700 900123 " * 5000
    assert redact(text).counts["phone"] == 5000


def test_nhs_check_digit():
    assert nhs_number_ok("9434765919") and nhs_number_ok("4010232137")
    assert not nhs_number_ok("9434765918") and not nhs_number_ok("123") and not nhs_number_ok("abcdefghij")


@pytest.mark.parametrize("text, expected", [
    ("Dr Smith was brilliant", "Dr [name] was brilliant"),
    ("nurse Jane and Mr. Patel", "nurse [name] and Mr. [name]"),
    ("my name is john smith and", "my name is [name] and"),
    ("a porter called Yusuf Ali helped", "a porter called [name] helped"),
    ("Sarah Jones on reception", "[name] on reception"),
    ("Sarah's smile", "[name]'s smile"),
    ("I called Reception and Doctor Who was on", "I called Reception and Doctor Who was on"),
    ("Will you ring? Hope so. Thank you NHS", "Will you ring? Hope so. Thank you NHS"),
    # a name placed by where its person works or their role, in any case; accents, particles, appositions
    ("siobhan on reception was so kind", "[name] on reception was so kind"),
    ("kwame at the front desk found my glasses", "[name] at the front desk found my glasses"),
    ("giovanni the chef came out", "[name] the chef came out"),
    ("The bartender, Dmitri, was rude.", "The bartender, [name], was rude."),
    ("Seán behind the bar was great", "[name] behind the bar was great"),
    ("Dr van der Merwe's clinic", "Dr [name]'s clinic"),
    ("Jean-Luc made the best soup", "[name] made the best soup"),
    ("Lady at the front desk was rude. Staff on reception were kind.",
     "Lady at the front desk was rude. Staff on reception were kind."),
    ("It was a right faff at the desk. Very efficient at the front desk.",
     "It was a right faff at the desk. Very efficient at the front desk."),
    ("The waiter, who was new, was great", "The waiter, who was new, was great"),
    ("My name was called across the room", "My name was called across the room"),
    ("the physio (Kwame Asante) gave me exercises", "the physio ([name]) gave me exercises"),
    ("the dentist, Dr Zhang Wei, was gentle", "the dentist, Dr [name], was gentle"),
    ("thank you ngozi for staying late", "thank you [name] for staying late"),
    ("thank you so much, thanks to everyone", "thank you so much, thanks to everyone"),
])
def test_names_only_when_asked(text: str, expected: str):
    assert redact(text, names=True).text == expected
    assert redact_names(text) == expected
    assert redact(text).counts["name"] == 0


def test_dev_fixture():
    """The dev fixture (bench/redaction.py prints the figures): every value, no false positive."""
    data = yaml.safe_load((FIXTURES / "nlp" / "redaction_dev.yaml").read_text())
    for row in data["pii"]:
        out = redact(row["text"], names=row["kind"] == "name").text
        assert row["value"] not in out and f"[{row['kind']}]" in out, (row, out)
    for text in data["clean"]:
        assert redact(text).text == text and redact(text, names=True).text == text
    for text in data["clean_names_off"]:
        assert redact(text).text == text and redact(text, names=True).text != text


def test_pathological_text_stays_fast():
    import time

    start = time.perf_counter()
    for text in ("a dot " * 2000, "1 " * 4000, ("ab" * 30 + " dot ") * 200, "Sarah Jones " * 1000):
        redact(text, names=True)
    assert time.perf_counter() - start < 5


def test_cli_redacts_stdin_lines():
    from typer.testing import CliRunner

    from bot.cli import build_cli

    lines = "call 07700 900123\nDr Smith, NHS 943 476 5919\n\nSW1A 1AA"
    result = CliRunner().invoke(build_cli(), ["nlp", "redact", "--names"], input=lines)
    assert result.exit_code == 0, result.output
    assert result.stdout == "call [phone]\nDr [name], NHS [nhs-number]\n\n[postcode]"
    plain = CliRunner().invoke(build_cli(), ["nlp", "redact", "--summary"], input=lines)
    assert plain.stdout.splitlines()[1] == "Dr Smith, NHS [nhs-number]"
    assert "phone=1" in plain.stderr and "postcode=1" in plain.stderr


def _blind(name: str) -> tuple[int, int, bool]:
    """(values in the right placeholder, values removed, every clean text unchanged with names off and on)."""
    data = yaml.safe_load((FIXTURES / "heldout" / name).read_text())
    right = removed = 0
    for row in data["pii"]:
        kind = row["kind"].replace("_", "-")
        out = redact(row["text"], names=kind == "name").text
        removed += row["value"] not in out
        right += row["value"] not in out and f"[{kind}]" in out
    return right, removed, all(redact(t).text == t and redact(t, names=True).text == t for t in data["clean"])


def test_blind_heldout_floor():
    """tests/fixtures/heldout/redaction.yaml, written blind: a regression floor at what the rules scored on
    their first, untuned run (59 of 60 values in the right placeholder; the miss is a lower-case name in a
    sign-off, "regards, david brennan"; no false positive on the 60 clean strings, names on or off)."""
    right, _, clean = _blind("redaction.yaml")
    assert right >= 59 and clean


def test_second_blind_heldout_floor():
    """tests/fixtures/heldout/redaction_second.yaml, a second blind author: on arrival 140 of 150 (every phone,
    e-mail, card and NHS number; 23 of 25 postcodes, 17 of 25 names), no false positive on its 100 clean texts;
    the postcode-after-an-address-word and placed-name rules came after it (150 of 150), so it is a floor now."""
    right, _, clean = _blind("redaction_second.yaml")
    assert right >= 150 and clean


def test_third_blind_heldout_floor():
    """tests/fixtures/heldout/redaction_third.yaml, written after the second's rules from the same brief: on arrival
    142 of 150 (an NHS number right after "NHS#" kept: the only value left in; four names, a run-together lower-case
    postcode with no cue, a dashed NHS number read as a phone), no false positive; after the "NHS#" and name fixes
    146 of 150 (the dashed NHS number is still [phone]: removed, as a North American shape)."""
    right, removed, clean = _blind("redaction_third.yaml")
    assert right >= 146 and removed >= 147 and clean
