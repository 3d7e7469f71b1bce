"""The labelled questions of every author, as one corpus the trained intent model learns from
(bot/nlp/data/question_rows.json, read by bot/nlp/question_model.py) and leave-one-author-out
benchmarks split by author (bench/question_authors.py).

Authors: "ours" (tests/fixtures/questions.yaml, questions_dev.yaml, questions_heldout.yaml), "second"
(questions_second_author.jsonl), "third" to "twentyfirst" but the seventh,
"twentyfourth" and "twentysixth" (questions_*_author.jsonl in the third author's format; the seventh,
twentysecond, twentythird, twentyfifth and twentyseventh authors' sets are held out and never learnt from: bench/data/questions-*-author.jsonl). Each row keeps the text as written, the intent in the parser's names, the cycle it
is asked in and the team's people (the model's text replaces MOTs, periods and people by placeholders,
so it needs them). Rows labelled "unknown" are left out: they teach no intent. The demo cycles' MOTs go
in the file too (bot/nlp may not read data/cycles).

Regenerate after editing a fixture (tests/nlp/test_question_model.py checks the file is current):

    PYTHONPATH=$PWD .venv/bin/python devkit/question_corpus.py
"""

from __future__ import annotations

import json
from typing import Any

from devkit.question_fixture import DEV_FIXTURE, FIXTURE, HELDOUT_FIXTURE, ROOT, cycle_mots, load_fixture
from devkit.question_second_author import INTENT_NAMES as SECOND_NAMES
from devkit.question_second_author import PEOPLE as SECOND_PEOPLE
from devkit.question_second_author import SECOND_AUTHOR_FIXTURE
from devkit.question_second_author import load_rows
from devkit.question_third_author import FOURTH_AUTHOR_FIXTURE, INTENT_NAMES, THIRD_AUTHOR_FIXTURE, cycle_of

CORPUS = ROOT / "bot" / "nlp" / "data" / "question_rows.json"
AUTHORS = ("ours", "second", "third", "fourth", "fifth", "sixth", "eighth", "ninth", "tenth", "eleventh", "twelfth",
           "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
           "nineteenth", "twentieth", "twentyfirst", "twentyfourth", "twentysixth", "thirtieth",
           "thirtysecond", "thirtyfourth", "thirtysixth", "thirtyseventh",
           "thirtyeighth", "thirtyninth", "fortieth", "fortysixth", "fortyseventh", "fortyeighth",
           "fortyninth", "fiftysecond", "fiftyfourth", "fiftyfifth", "fiftysixth", "fiftyeighth", "sixtieth",
           "sixtyfirst", "sixtythird", "sixtyfifth", "sixtyseventh", "sixtyninth", "seventyfirst",
           "seventythird", "seventyfifth", "seventysixth", "seventyeighth", "eightieth",
           "eightysecond", "eightythird", "eightyfifth", "eightysixth", "eightyeighth", "ninetieth",
           "ninetysecond", "ninetyfourth", "ninetysixth", "ninetyeighth", "hundredth",
           "hundredandsecond", "hundredandfourth", "hundredandsixth",
           "hundredandeighth", "hundredandtenth", "hundredandtwelfth",
           "hundredandthirteenth", "hundredandfifteenth", "hundredandsixteenth",
           "hundredandeighteenth", "hundredandnineteenth", "hundredandtwentieth",
           "hundredandtwentyfirst", "hundredandtwentythird", "hundredandtwentyfourth", "hundredandtwentysixth",
           "hundredandtwentyseventh", "hundredandtwentyninth", "hundredandthirtieth", "hundredandthirtysecond",
           "hundredandthirtythird", "hundredandthirtyfifth", "hundredandthirtyseventh",
           "hundredandthirtyninth", "hundredandfortyfirst", "hundredandfortythird", "hundredandfortyfifth",
           "hundredandfortyseventh", "hundredandfortyninth", "hundredandfiftyfirst", "hundredandfiftythird",
           "hundredandfiftyfifth", "hundredandfiftyseventh", "hundredandfiftyninth", "hundredandsixtyfirst",
           "hundredandsixtythird", "hundredandsixtyfifth", "hundredandsixtyseventh", "hundredandsixtyninth",
           "hundredandseventyfirst", "hundredandseventythird", "hundredandseventyfifth", "hundredandseventyseventh",
           "hundredandseventyninth", "hundredandeightyfirst", "hundredandeightythird", "hundredandeightyfifth",
           "hundredandeightyseventh", "hundredandeightyninth", "hundredandninetyfirst", "hundredandninetythird",
           "hundredandninetyfifth", "hundredandninetyseventh", "hundredandninetyninth", "twohundredandfirst",
           "twohundredandthird", "twohundredandfifth", "twohundredandseventh",
           "twohundredandninth", "twohundredandeleventh", "twohundredandthirteenth",
           "twohundredandfifteenth", "twohundredandseventeenth", "twohundredandnineteenth",
           "twohundredandtwentyfirst", "twohundredandtwentythird", "twohundredandtwentyfifth",
           "twohundredandtwentyseventh", "twohundredandtwentyninth",
           "twohundredandthirtyfirst", "twohundredandthirtythird", "twohundredandthirtyfifth",
           "twohundredandthirtyseventh", "twohundredandthirtyninth", "twohundredandfortyfirst",
           "twohundredandfortythird", "twohundredandfortyfifth", "twohundredandfortyseventh",
           "twohundredandfortyninth", "twohundredandfiftyfirst",
           "twohundredandfiftythird", "twohundredandfiftyfifth", "twohundredandfiftyseventh",
           "twohundredandfiftyninth", "twohundredandsixtyfirst", "twohundredandsixtythird",
           "twohundredandsixtyfifth", "twohundredandsixtyseventh", "twohundredandsixtyninth")
CYCLES = ("healthcare-visit", "restaurant-visit")
# The authors in the third author's format, each with their fixture: one map for the corpus and the benchmarks
AUTHOR_FIXTURES = {"third": THIRD_AUTHOR_FIXTURE, "fourth": FOURTH_AUTHOR_FIXTURE,
                   **{a: ROOT / "tests" / "fixtures" / f"questions_{a}_author.jsonl" for a in AUTHORS[4:]}}


def _ours() -> list[dict[str, Any]]:
    rows = []
    for path in (FIXTURE, DEV_FIXTURE, HELDOUT_FIXTURE):
        defaults, cases = load_fixture(path)
        for case in cases:
            rows.append({"text": case["text"], "intent": case["intent"], "author": "ours",
                         "cycle": case.get("cycle", defaults["cycle"]),
                         "people": list(case.get("people", defaults["people"]))})
    return rows


def rows_of(author: str) -> list[dict[str, Any]]:
    """One author's rows, in the parser's intent names."""
    if author == "ours":
        return _ours()
    if author == "second":
        return [{"text": r["q"], "intent": SECOND_NAMES.get(r["intent"], r["intent"]), "author": author,
                 "cycle": "healthcare-visit", "people": list(SECOND_PEOPLE)} for r in load_rows(SECOND_AUTHOR_FIXTURE)]
    return [{"text": r["q"], "intent": INTENT_NAMES.get(r["intent"], r["intent"]), "author": author,
             "cycle": cycle_of(r), "people": list(SECOND_PEOPLE)} for r in load_rows(AUTHOR_FIXTURES[author])]


def corpus() -> dict[str, Any]:
    rows = [r for author in AUTHORS for r in rows_of(author) if r["intent"] != "unknown"]
    cycles = {c: [[m.id, m.name, list(m.aliases)] for m in cycle_mots(c)] for c in CYCLES}
    return {"cycles": cycles, "rows": rows}


def render() -> str:
    return json.dumps(corpus(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main() -> None:
    CORPUS.write_text(render(), encoding="utf-8")
    print(f"{CORPUS.relative_to(ROOT)}: {len(corpus()['rows'])} rows")


if __name__ == "__main__":
    main()
