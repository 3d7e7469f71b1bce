"""Leave-one-author-out for bot.nlp.question: how well the parser reads questions by someone whose
questions it never learnt from. The labelled sets are by five authors (devkit/question_corpus.py:
ours, second, third ... twenty-first but the seventh). For each author the trained intent model is fitted WITHOUT that
author's rows (paraphrases plus the other authors' rows) and scores that author's rows; the pooled
figure over all authors is the one that predicts held-out performance. (The rules were written
looking at some of these sets, so for those authors the figure is still optimistic; the model part is
honest.)

`settle`'s thresholds (bot/nlp/question_model.py) are tuned here too, nested: for each author the
thresholds are picked on the other authors' leave-one-out rows, then that author is scored with them.
The thresholds that do best pooled over everyone are printed last.

That tuning is biased: the rules were tuned on the first four authors' rows, so on them the rules are
always right and the model can only lose. `--frozen` is the honest version: for the third to twenty-first
authors (the seventh is held out) it takes what the rules read *before anyone tuned them on that author*
(bench/question_frozen/<author>.jsonl, made by devkit/question_frozen_rules.py from the commit before
each author's set was first used), lets the model fitted without that author settle it, and picks the
thresholds nested (on the other frozen authors). That pooled figure is the one that predicts how the
parser does on a new author; the shipped thresholds (bot/nlp/question_model.py) come from it.

Run from the project root (about a minute):

    PYTHONPATH=$PWD .venv/bin/python bench/question_authors.py
    PYTHONPATH=$PWD .venv/bin/python bench/question_authors.py --defaults     # the shipped thresholds only
    PYTHONPATH=$PWD .venv/bin/python bench/question_authors.py --paraphrases-only  # no author's rows at all
    PYTHONPATH=$PWD .venv/bin/python bench/question_authors.py --frozen      # rules as before each author
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from itertools import product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlp.question_front import MOT_MARK  # noqa: E402
from bot.nlp.question_model import CORPUS, IntentReader, _mots, fit_reader, model_text, settle  # noqa: E402
from devkit.question_corpus import AUTHOR_FIXTURES, AUTHORS  # noqa: E402
from devkit.question_fixture import DEV_FIXTURE, FIXTURE, HELDOUT_FIXTURE, load_fixture, moment, parse_case  # noqa: E402
from devkit.question_second_author import SECOND_AUTHOR_FIXTURE  # noqa: E402
from devkit.question_second_author import score as score_second  # noqa: E402
from devkit.question_third_author import score as score_third  # noqa: E402

GRID = {"answer": (0.6,), "overrule": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
        "overrule_strong": (0.6, 0.7, 0.8, 0.9, 0.95, 1.01)}
Row = tuple[bool, bool, bool]  # fully right, intent right, not understood
FROZEN = ROOT / "bench" / "question_frozen"
# every outside development author but the second (whose rows are in another format): each has its frozen readings,
# bench/question_frozen/<author>.jsonl, the rules' reading the day the set arrived
FROZEN_AUTHORS = tuple(a for a in AUTHORS if a not in ("ours", "second"))
FROZEN_GRID = {"answer": (0.4, 0.5, 0.6, 0.7, 0.8), "overrule": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
               "overrule_strong": (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)}


class _Memo:
    """A fitted pipeline whose probabilities are remembered per text: the grid re-reads the same rows."""

    def __init__(self, model: Any) -> None:
        self.model, self.classes_, self.seen = model, model.classes_, {}

    def predict_proba(self, texts: list[str]) -> Any:
        key = texts[0]
        if key not in self.seen:
            self.seen[key] = self.model.predict_proba(texts)
        return self.seen[key]


def _span(value: Any, zone: Any) -> Any:
    return None if value is None else (moment(value[0], zone), moment(value[1], zone))


def score_author(author: str, reader: IntentReader) -> list[Row]:
    if author == "ours":
        out = []
        for path in (FIXTURE, DEV_FIXTURE, HELDOUT_FIXTURE):
            defaults, cases = load_fixture(path)
            for case in cases:
                q, zone = parse_case(defaults, case, reader)
                intent = q.intent == case["intent"]
                fully = intent and (q.period.start, q.period.end) == _span(case["period"], zone) and (
                    q.mot_id == case.get("mot_id"))
                out.append((fully, intent, q.intent == "unknown" != case["intent"] and not q.alternative_intents))
        return out
    if author == "second":
        results = score_second(SECOND_AUTHOR_FIXTURE, reader)
    else:
        results = score_third(AUTHOR_FIXTURES[author], reader)
    return [(r["right"]["fully"], r["right"]["intent"],
             (r["question"].intent == "unknown" != r["want_intent"] and not r["question"].alternative_intents)
             or (r["question"].intent == "off_topic" != r["want_intent"])) for r in results]


def _line(name: str, rows: list[Row], extra: str = "") -> str:
    n = len(rows)
    fully, intent, lost = (sum(r[k] for r in rows) for k in range(3))
    return (f"  {name:<8} {n:>5}  fully right {fully:>4}/{n} {fully / n:6.1%}   intent {intent / n:6.1%}"
            f"   not understood {lost / n:5.1%}{extra}")


def frozen(readers: dict[str, IntentReader]) -> None:
    """Rules as they were before each author, settled by the model fitted without that author."""
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    cycles = {name: _mots(raw) for name, raw in corpus["cycles"].items()}
    meta = {(r["author"], r["text"]): r for r in corpus["rows"]}
    combos = [dict(zip(FROZEN_GRID, values)) for values in product(*FROZEN_GRID.values())]
    scores: dict[tuple[str, int], list[Row]] = {}
    for author in FROZEN_AUTHORS:
        lines = (FROZEN / f"{author}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        texts = []
        for row in rows:
            m = meta.get((author, row["text"]), {"cycle": "healthcare-visit", "people": []})
            texts.append(model_text(row["text"], cycles[m["cycle"]], m["people"]))
        for n, combo in enumerate([{"answer": 2.0, "overrule": 2.0, "overrule_strong": 2.0}, *combos]):
            reader = readers[author].with_thresholds(**combo)
            out = []
            for row, text in zip(rows, texts):
                intent, _, alternatives = settle((row["intent"], row["confidence"], tuple(row["alternatives"])), text,
                                                 reader, mot_named=MOT_MARK in text.split())  # as the parser does
                right = intent == row["want"]
                lost = (intent == "unknown" != row["want"] and not alternatives) or intent == "off_topic" != row["want"]
                out.append((right and row["period"] and row["mot"], right, lost))
            scores[(author, n - 1)] = out

    def pooled(n: int, authors: tuple[str, ...]) -> tuple[int, float]:
        return sum(r[0] for a in authors for r in scores[(a, n)]), sum(combos[n].values())

    print("rules frozen before each author (bench/question_frozen), alone:")
    print(_line("pooled", [r for a in FROZEN_AUTHORS for r in scores[(a, -1)]]))
    for author in FROZEN_AUTHORS:
        print(_line(author, scores[(author, -1)]))
    print("... settled by the model fitted without the author (thresholds picked on the other two):")
    every: list[Row] = []
    for author in FROZEN_AUTHORS:
        others = tuple(a for a in FROZEN_AUTHORS if a != author)
        pick = max(range(len(combos)), key=lambda n: pooled(n, others))
        every += scores[(author, pick)]
        print(_line(author, scores[(author, pick)], f"   thresholds {combos[pick]}"))
    print(_line("pooled", every))
    best = max(range(len(combos)), key=lambda n: pooled(n, FROZEN_AUTHORS))
    print(f"best thresholds over the three: {combos[best]} ({pooled(best, FROZEN_AUTHORS)[0]} fully right)")
    shipped = readers[FROZEN_AUTHORS[0]]
    mine = {"answer": shipped.answer, "overrule": shipped.overrule, "overrule_strong": shipped.overrule_strong}
    if mine in combos:
        n = combos.index(mine)
        print(f"... with the shipped thresholds {mine}:")
        for author in FROZEN_AUTHORS:
            print(_line(author, scores[(author, n)]))
        print(_line("pooled", [r for a in FROZEN_AUTHORS for r in scores[(a, n)]]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--defaults", action="store_true", help="score with the shipped thresholds only")
    parser.add_argument("--paraphrases-only", action="store_true", help="fit on the paraphrases alone")
    parser.add_argument("--grid", action="store_true", help="also print every threshold combination's figures")
    parser.add_argument("--frozen", action="store_true", help="rules as before each author (the honest figure)")
    args = parser.parse_args()

    readers = {}
    for author in AUTHORS:
        fitted = fit_reader(exclude=AUTHORS if args.paraphrases_only else (author,))
        readers[author] = replace(fitted, model=_Memo(fitted.model))
    if args.frozen:
        frozen(readers)
        return 0
    combos = [dict(zip(GRID, values)) for values in product(*GRID.values())]
    if args.defaults:
        combos = [{}]
    scores: dict[int, dict[str, list[Row]]] = {}
    for n, combo in enumerate(combos):
        scores[n] = {a: score_author(a, readers[a].with_thresholds(**combo)) for a in AUTHORS}

    def pooled(n: int, authors: tuple[str, ...]) -> tuple[int, float]:
        fully = sum(r[0] for a in authors for r in scores[n][a])
        # ties: the more cautious thresholds (the model overrules less)
        return fully, sum(combos[n].values()) if combos[n] else 0.0

    if args.grid:
        print("answer overrule strong  " + "  ".join(f"{a:>6}" for a in AUTHORS))
        for n, combo in enumerate(combos):
            print(f"{combo.get('answer', '-'):>6} {combo.get('overrule', '-'):>8} {combo.get('overrule_strong', '-'):>6}  "
                  + "  ".join(f"{sum(r[0] for r in scores[n][a]):>6}" for a in AUTHORS))
    print("leave-one-author-out (model fitted without the author scored; thresholds picked on the others):")
    every: list[Row] = []
    for author in AUTHORS:
        others = tuple(a for a in AUTHORS if a != author)
        pick = max(scores, key=lambda n: pooled(n, others))
        rows = scores[pick][author]
        every += rows
        print(_line(author, rows, f"   thresholds {combos[pick] or 'shipped'}"))
    print(_line("pooled", every))
    best = max(scores, key=lambda n: pooled(n, AUTHORS))
    print(f"best thresholds pooled over every author: {combos[best] or 'shipped'}")
    print(_line("pooled", [r for a in AUTHORS for r in scores[best][a]], "   (with those, not nested)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
