from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    assert len(rows) >= 140
    extracted = correct = labelled = found = 0
    for row in rows:
        behaviours = extract_behaviours(row["text"], voice=row.get("voice", "customer"))
        gold = normalise(analyzer.tokens(row["behaviour"])) if row["behaviour"] else None
        hit = any(gold and _overlap(b.normalised, gold) >= 0.5 for b in behaviours)
        extracted += bool(behaviours)
        correct += hit
        labelled += bool(gold)
        found += hit
    assert correct / extracted >= 0.9
    assert found / labelled >= 0.9


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


def test_the_teller_anywhere_in_the_sentence_and_never_the_customer():
    def texts(text: str) -> list[str]:
        return [b.text for b in extract_behaviours(text, voice="staff")]

    assert texts("When his scan was done, I walked him back to his car.") == ["walked him back to his car"]
    assert texts("When she got lost, my colleague Jen and I took her to the lift.") == ["took her to the lift"]
    assert texts("My colleague Sam walked the couple to the eye clinic.") == ["walked the couple to the eye clinic"]
    assert texts("I noticed she was struggling with the kiosk and checked her in at the desk.") == [
        "checked her in at the desk"]
    for customer in ("A lady came up to my desk totally lost.", "He walked in with his daughter and sat down.",
                     "She thanked me twice.", "The patient came back the next week to say thanks."):
        assert texts(customer) == [], customer
    # the same words from a customer: "I" is the customer, "she" is staff
    assert [b.text for b in extract_behaviours("She walked me to my car.")] == ["walked me to my car"]
    assert extract_behaviours("I walked in and waited.") == []
    with pytest.raises(ValueError):
        extract_behaviours("x", voice="manager")


def test_verbs_survive_normalising_and_unlisted_verbs_count_for_the_teller():
    [b] = extract_behaviours("I called the insurer while she waited.", voice="staff")
    assert b.normalised == "call insurer"
    found = extract_behaviours("I booked his next appointment before he left and texted him the details.",
                               voice="staff")
    assert [b.text for b in found] == ["booked his next appointment before he left", "texted him the details"]
    assert found[1].normalised == "text detail"


def test_paraphrases_group_and_effects_attach():
    texts = ["I walked her to her car.", "After the scan I walked him back to his car.",
             "I walked the couple to the eye clinic.", "We walked the family to the children's clinic."]
    behaviours = [b for i, t in enumerate(texts) for b in extract_behaviours(t, source_id=f"s{i}", voice="staff")]
    groups = sorted(sorted(b.source_id for b in g) for g in group_behaviours(behaviours))
    assert groups == [["s0", "s1"], ["s2", "s3"]]
    items = [("s1", "I rang him back with the results.", "ana", "follow-up", "staff", "He slept that night."),
             ("s2", "I phoned her back the same day, which put her at ease.", "ben", "follow-up", "staff", None)]
    [card] = [c for c in build_practice_cards(items[:2]) if c.mot_id == "follow-up"]
    assert card.people_count == 2 and card.effect == "put her at ease"
    [alone] = build_practice_cards(items[:1])
    assert alone.effect == "He slept that night."
    assert effect_of("They said it made the wait bearable.") == "made the wait bearable"


def _bench():  # bench/practices.py: the figures this test holds to
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "practices.py"
    spec = importlib.util.spec_from_file_location("bench_practices", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_targets_dev_and_heldout_floor():
    """Issue 13's targets on dev (precision >= 0.9 at recall >= 0.8, grouping F1 >= 0.8), and the held-out
    part as a regression floor at what it scored when first run, untuned (58/59, 58/58, grouping F1 0.872; 0.887 with
    the objects' embedding)."""
    bench = _bench()
    dev = bench.evaluate(bench.load(bench.FIXTURES["dev"]))
    assert dev["rows"] + 75 >= 200
    assert dev["precision"] >= 0.9 and dev["recall"] >= 0.8 and dev["group_f1"] >= 0.8
    held = bench.evaluate(bench.load(bench.FIXTURES["heldout"]))
    assert held["correct"] >= 58 and held["extracted"] <= 59 and held["found"] >= 58
    assert held["group_f1"] >= 0.88
    # a blind outside author's 200 sentences, measured on arrival and never tuned on: extraction meets the targets
    # (124 of 129 right, 124 of 150 found); grouping does not (F1 0.285, 0.342 with the objects' embedding; see
    # bench/practices.py): a floor for both
    # (its misses then read: restaurant roles as staff, more verbs; 141 of 145 right, 141 of 150 found now)
    blind = bench.evaluate(bench.load(bench.FIXTURES["heldout-second"]))
    assert blind["correct"] >= 141 and blind["extracted"] <= 145 and blind["found"] >= 141
    assert blind["group_f1"] >= 0.37 and blind["effects_found"] >= 25 and blind["effects_extra"] == 0
    # another blind author's 200, never read: 119/125 and 119/150 on arrival, 132/139 and 132/150 after the roles and
    # verbs the first one's misses gave
    third = bench.evaluate(bench.load(bench.FIXTURES["heldout-third"]))
    assert third["correct"] >= 132 and third["extracted"] <= 139 and third["found"] >= 132
    assert third["group_f1"] >= 0.36 and third["effects_found"] >= 18 and third["effects_extra"] <= 2
    # a third blind author's 200, never read: a floor (grouping 0.248 on arrival, 0.276 with the warmth, allergy,
    # diagram and hand concepts the first one's groups gave)
    fourth = bench.evaluate(bench.load(bench.FIXTURES["heldout-fourth"]))
    assert fourth["correct"] >= 130 and fourth["extracted"] <= 131 and fourth["found"] >= 130
    assert fourth["group_f1"] >= 0.27 and fourth["effects_found"] >= 13 and fourth["effects_extra"] <= 1


@pytest.mark.parametrize(("text", "effect"), [
    ("The staff surprised my husband with a cake, he was over the moon.", "he was over the moon"),
    ("I held her hand until it was over and she calmed down.", "she calmed down"),
    ("The nurse stayed with me until my husband arrived, I wasn't scared anymore.", "I wasn't scared anymore"),
    ("Maria let the boy play with the stethoscope and he stopped crying.", "he stopped crying"),
    ("Everyone was so lovely, I left feeling much calmer.", "I left feeling much calmer"),
    ("He rang the same evening with my results so I didn't have to worry all weekend.",
     "I didn't have to worry all weekend"),
    ("She drew me a picture of my knee, finally I understood!", "I understood"),
    ("We filled the form in together and he was so relieved.", "he was so relieved"),
])
def test_the_effect_told_as_how_the_customer_was_after(text: str, effect: str) -> None:
    assert effect_of(text) == effect


@pytest.mark.parametrize("text", [
    "The printer was down, so I stopped what I was doing and wrote the labels by hand.",
    "We were short-staffed, so I stopped taking calls for ten minutes to clear the queue.",
    "I was on my break and she was waiting at the desk.",
    "He was in a wheelchair, so I took him round by the lift.",
])
def test_no_effect_where_none_is_told(text: str) -> None:
    assert effect_of(text) is None


def test_a_cards_effect_is_its_own_wordings_story_first() -> None:
    """The card shows the group's typical wording: its effect is that story's, not another member's (a QA pass saw
    "brought blankets for the waiting room" carry an unrelated story's "The boy calmed down")."""
    items = [("s1", "I brought a warm blanket for the boy with autism in the corner.", "alice", "waiting-room",
              "staff", "The boy calmed down"),
             ("s2", "I brought a warm blanket for her.", "sam", "waiting-room", "staff", "She stopped shivering")]
    [card] = [c for c in build_practice_cards(items) if len(c.supporting_ids) == 2]
    assert card.behaviour == "brought a warm blanket for her" and card.effect == "She stopped shivering"
