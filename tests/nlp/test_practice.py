from __future__ import annotations

import json
from pathlib import Path

from bot.nlp.analyzer import build_analyzer
from bot.nlp.practice import (
    build_practice_cards,
    effect_of,
    extract_behaviours,
    group_behaviours,
    learn_verb_lexicon,
    normalise,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "practice_sentences.jsonl"


def _overlap(a: str, b: str) -> float:
    x, y = set(a.split()), set(b.split())
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def test_extracts_staff_behaviours():
    [b] = extract_behaviours("The receptionist offered my dad a wheelchair at the door.", source_id="s1", author="ana")
    assert b.text == "offered my dad a wheelchair at the door"
    assert b.normalised == "offer wheelchair door"
    assert (b.source_id, b.author) == ("s1", "ana")
    texts = [b.text for b in extract_behaviours("She really listened to me and then called back with the results "
                                                "the same day. I was offered a cup of tea.")]
    assert texts == ["listened to me", "called back with the results the same day", "offered a cup of tea"]


def test_descriptions_are_not_behaviours():
    for text in ["The staff were lovely.", "Everyone involved was very nice and helpful.", "Excellent service!",
                 "Very pleased with how I was treated.", ""]:
        assert extract_behaviours(text) == []


def test_labelled_fixture_precision_and_recall():
    analyzer = build_analyzer()
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines() if line.strip()]
    assert len(rows) >= 50
    extracted = correct = labelled = found = 0
    for row in rows:
        behaviours = extract_behaviours(row["text"])
        gold = normalise(analyzer.tokens(row["behaviour"])) if row["behaviour"] else None
        hit = any(gold and _overlap(b.normalised, gold) >= 0.5 for b in behaviours)
        extracted += bool(behaviours)
        correct += hit
        labelled += bool(gold)
        found += hit
    assert correct / extracted >= 0.85
    assert found / labelled >= 0.85


def test_grouping_near_duplicates():
    behaviours = [b for text in ["She listened to me.", "The doctor really listened to me.",
                                 "They offered a wheelchair at the door.", "He offered me a wheelchair at the door."]
                  for b in extract_behaviours(text)]
    groups = group_behaviours(behaviours)
    assert sorted(len(g) for g in groups) == [2, 2]


def test_practice_cards_are_spreadable_with_two_people():
    items = [
        ("s1", "The porter offered a wheelchair at the door. It made me feel welcome.", "ana", "enter-building"),
        ("s2", "A volunteer offered my mum a wheelchair at the door.", "ben", "enter-building"),
        ("s3", "She offered a wheelchair at the entrance door.", "ana", "enter-building"),
        ("s4", "The nurse explained my results in plain words.", "cat", "receive-results"),
    ]
    cards = build_practice_cards(items)
    top = cards[0]
    assert top.mot_id == "enter-building" and top.people_count == 2 and top.spreadable
    assert set(top.supporting_ids) == {"s1", "s2", "s3"}
    assert top.effect == "made me feel welcome"
    single = next(c for c in cards if c.mot_id == "receive-results")
    assert not single.spreadable and single.people_count == 1
    assert not build_practice_cards(items, min_people=3)[0].spreadable


def test_effect_and_lexicon():
    assert effect_of("They called me back, which made me feel safe.") == "made me feel safe"
    assert effect_of("Nothing special") is None
    lexicon = learn_verb_lexicon(["She smiled at me."] * 3 + ["He smiled."], min_count=3)
    assert "smile" in lexicon
