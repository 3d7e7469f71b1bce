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

FIFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fifth_author.jsonl"
SIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixth_author.jsonl"
EIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eighth_author.jsonl"
NINTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_ninth_author.jsonl"
TENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_tenth_author.jsonl"
ELEVENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eleventh_author.jsonl"
TWELFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_twelfth_author.jsonl"
THIRTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirteenth_author.jsonl"
FOURTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fourteenth_author.jsonl"
FIFTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fifteenth_author.jsonl"
SIXTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixteenth_author.jsonl"
SEVENTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_seventeenth_author.jsonl"
EIGHTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eighteenth_author.jsonl"
NINETEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_nineteenth_author.jsonl"
TWENTIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_twentieth_author.jsonl"
TWENTYFIRST_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_twentyfirst_author.jsonl"
TWENTYFOURTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_twentyfourth_author.jsonl"
TWENTYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_twentysixth_author.jsonl"
THIRTIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirtieth_author.jsonl"
THIRTYSECOND_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirtysecond_author.jsonl"
THIRTYFOURTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirtyfourth_author.jsonl"
THIRTYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirtysixth_author.jsonl"
THIRTYSEVENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirtyseventh_author.jsonl"
THIRTYEIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirtyeighth_author.jsonl"
THIRTYNINTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_thirtyninth_author.jsonl"
FORTIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fortieth_author.jsonl"
FORTYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fortysixth_author.jsonl"
FORTYSEVENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fortyseventh_author.jsonl"
FORTYEIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fortyeighth_author.jsonl"
FORTYNINTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fortyninth_author.jsonl"
FIFTYSECOND_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fiftysecond_author.jsonl"
FIFTYFOURTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fiftyfourth_author.jsonl"
FIFTYFIFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fiftyfifth_author.jsonl"
FIFTYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fiftysixth_author.jsonl"
FIFTYEIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fiftyeighth_author.jsonl"
SIXTIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixtieth_author.jsonl"
SIXTYFIRST_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixtyfirst_author.jsonl"
SIXTYTHIRD_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixtythird_author.jsonl"
SIXTYFIFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixtyfifth_author.jsonl"
SIXTYSEVENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixtyseventh_author.jsonl"
SIXTYNINTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_sixtyninth_author.jsonl"
SEVENTYFIRST_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_seventyfirst_author.jsonl"
SEVENTYTHIRD_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_seventythird_author.jsonl"
SEVENTYFIFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_seventyfifth_author.jsonl"
SEVENTYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_seventysixth_author.jsonl"
SEVENTYEIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_seventyeighth_author.jsonl"
EIGHTIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eightieth_author.jsonl"
EIGHTYSECOND_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eightysecond_author.jsonl"
EIGHTYTHIRD_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eightythird_author.jsonl"
EIGHTYFIFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eightyfifth_author.jsonl"
EIGHTYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eightysixth_author.jsonl"
EIGHTYEIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_eightyeighth_author.jsonl"
NINETIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_ninetieth_author.jsonl"
NINETYSECOND_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_ninetysecond_author.jsonl"
NINETYFOURTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_ninetyfourth_author.jsonl"
NINETYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_ninetysixth_author.jsonl"
NINETYEIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_ninetyeighth_author.jsonl"
HUNDREDTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredth_author.jsonl"
HUNDREDANDSECOND_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandsecond_author.jsonl"
HUNDREDANDFOURTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandfourth_author.jsonl"
HUNDREDANDSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandsixth_author.jsonl"
HUNDREDANDEIGHTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandeighth_author.jsonl"
HUNDREDANDTENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtenth_author.jsonl"
HUNDREDANDTWELFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwelfth_author.jsonl"
HUNDREDANDTHIRTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandthirteenth_author.jsonl"
HUNDREDANDFIFTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandfifteenth_author.jsonl"
HUNDREDANDSIXTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandsixteenth_author.jsonl"
HUNDREDANDEIGHTEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandeighteenth_author.jsonl"
HUNDREDANDNINETEENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandnineteenth_author.jsonl"
HUNDREDANDTWENTIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwentieth_author.jsonl"
HUNDREDANDTWENTYFIRST_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwentyfirst_author.jsonl"
HUNDREDANDTWENTYTHIRD_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwentythird_author.jsonl"
HUNDREDANDTWENTYFOURTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwentyfourth_author.jsonl"
HUNDREDANDTWENTYSIXTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwentysixth_author.jsonl"
HUNDREDANDTWENTYSEVENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwentyseventh_author.jsonl"
HUNDREDANDTWENTYNINTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandtwentyninth_author.jsonl"
HUNDREDANDTHIRTIETH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandthirtieth_author.jsonl"
HUNDREDANDTHIRTYSECOND_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandthirtysecond_author.jsonl"
HUNDREDANDTHIRTYTHIRD_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandthirtythird_author.jsonl"
HUNDREDANDTHIRTYFIFTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandthirtyfifth_author.jsonl"
HUNDREDANDTHIRTYSEVENTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandthirtyseventh_author.jsonl"
HUNDREDANDTHIRTYNINTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_hundredandthirtyninth_author.jsonl"
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
           "hundredandthirtyninth")
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
