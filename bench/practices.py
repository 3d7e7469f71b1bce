"""Best-practice extraction and grouping against hand-labelled sentences.

tests/fixtures/nlp/practice_sentences.jsonl (dev: NHS FFT praise sentences from v6-dev / phase1-dev, lightly
trimmed, and staff-story sentences written for this benchmark) and practice_heldout.jsonl (held-out: more
stories and praise written before the rules were changed, never tuned on) and practice_heldout_second.jsonl (200
sentences by an outside author who never saw the code, from a brief giving the labels only; never tuned on: on
arrival extraction precision 0.961, recall 0.827, grouping F1 0.285 (0.342 since the objects' embedding joined the
concept vectors, chosen on the other two sets): its groups are finer than a verb's ("phoned a cab" and "called her
daughter" are two practices; our concept vectors put most calls together), and this bench groups all of a set's
behaviours at once where the product groups them per MOT; its stated effects were then read: 9 of 31 found on
arrival, 25 now, none where none is stated; and its extraction misses: restaurant roles as staff, more verbs: 0.972 /
0.940 now) and practice_heldout_third.jsonl (200 more by another such author from the same brief, never read:
extraction 0.952 / 0.793, grouping F1 0.337, effects 18 of 30 with 2 of 170 found where none is stated on arrival;
0.950 / 0.880 and grouping 0.319 after the roles and verbs) and practice_heldout_fourth.jsonl (a third such author,
never read: extraction 0.992 / 0.867, grouping F1 0.248, effects 13 of 30 with 1 of 170 found where none is stated
on arrival). Then the concept table gained warmth (blanket, coat: no longer a drink), allergy, diagram and hand
(from the first blind author's groups; the dev fixtures unchanged): grouping F1 0.327 -> 0.374 there, and on the two
never read 0.319 -> 0.363 and 0.248 -> 0.276. Tried since and not kept (figures: dev / our held-out / the first
blind set, the two never read not printed): a wordllama embedding of the whole behaviour, of its text or of its
sentence beside the concepts (0.757-0.759 / 0.70-0.82 / 0.36-0.39); a learned pair model over ten similarities
(concepts, object, text and verb embeddings, shared words, same verb or concept; logistic regression or boosted
trees, each set left out in turn: best 0.833 / 0.853 / 0.333 or 0.722 / 0.927 / 0.394); the words' own k-means
classes of the embedding (0.736 / 0.763 / 0.367); a 1,447-word lexicon of 142 service-practice concepts written by a
helper who never saw the code or the sets (0.793 / 0.710 / 0.311; thresholds 0.65-0.75 no better); and grouping the
behaviours per MOT as the product does, with the classifier's MOT for each sentence (recall falls: 0.388 / 0.361 /
0.237). With the gold wording of each behaviour instead of what is extracted, the first blind set groups at 0.459:
the gap is in grouping, not extraction. Each row has the behaviour a person would put on a practice card (or null), a group id for behaviours that are the same practice, the
`voice` ("staff": the teller's story, "I" is staff; "customer": praise) and, where the text states one, the
`effect`.

- extraction precision: sentences where something was extracted and it matches the labelled behaviour
  (content-lemma F1 >= 0.5) / sentences where something was extracted
- extraction recall: sentences whose labelled behaviour was extracted / sentences with a labelled behaviour
- grouping precision (recall): of the pairs of matched behaviours put in one group, the share that have the
  same gold group (of the gold same-group pairs, the share put together); F1 of the two
- effect: rows with a stated effect where effect_of() finds it (word F1 >= 0.5), and rows labelled as
  stating none where it finds something anyway (the NHS rows carry no effect label and are left out)

    .venv/bin/python bench/practices.py [--threshold 0.55] [--show] [--only dev|heldout]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlp.analyzer import build_analyzer  # noqa: E402
from bot.nlp.practice import GROUP_THRESHOLD, effect_of, extract_behaviours, group_behaviours, normalise  # noqa: E402

FIXTURES = {"dev": ROOT / "tests" / "fixtures" / "nlp" / "practice_sentences.jsonl",
            "heldout": ROOT / "tests" / "fixtures" / "nlp" / "practice_heldout.jsonl",
            "heldout-second": ROOT / "tests" / "fixtures" / "nlp" / "practice_heldout_second.jsonl",
            "heldout-third": ROOT / "tests" / "fixtures" / "nlp" / "practice_heldout_third.jsonl",
            "heldout-fourth": ROOT / "tests" / "fixtures" / "nlp" / "practice_heldout_fourth.jsonl"}
TITLES = {"dev": "dev", "heldout": "held-out (written before the rules, untuned)",
          "heldout-second": "held-out, a blind outside author (its misses were read for the rules since)",
          "heldout-third": "held-out, a second blind outside author (never read)",
          "heldout-fourth": "held-out, a third blind outside author (never read)"}


def overlap_f1(a: str, b: str) -> float:
    x, y = set(a.split()), set(b.split())
    if not x or not y:
        return 0.0
    common = len(x & y)
    return 2 * common / (len(x) + len(y))


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(rows: list[dict[str, Any]], *, threshold: float = GROUP_THRESHOLD, show: bool = False) -> dict[str, float]:
    analyzer = build_analyzer()
    extracted_n = correct = labelled = found = 0
    effects_n = effects_found = effects_extra = no_effect_n = 0
    matched = []  # (behaviour, gold group)
    for row in rows:
        voice = row.get("voice", "customer")
        behaviours = extract_behaviours(row["text"], source_id=row["id"], author=row["id"], voice=voice)
        gold = normalise(analyzer.tokens(row["behaviour"])) if row["behaviour"] else None
        hit = next((b for b in behaviours if gold and overlap_f1(b.normalised, gold) >= 0.5), None)
        if behaviours:
            extracted_n += 1
            correct += hit is not None
        if gold:
            labelled += 1
            found += hit is not None
        if hit is not None:
            matched.append((hit, row["group"]))
        effect = effect_of(row["text"])
        if row.get("effect"):
            effects_n += 1
            effects_found += bool(effect) and overlap_f1(effect.lower(), row["effect"].lower()) >= 0.5
        elif "effect" in row:  # labelled as stating none (the NHS rows were not labelled for effects)
            no_effect_n += 1
            effects_extra += effect is not None
        if show:
            mark = "ok " if (hit is not None) or (not gold and not behaviours) else "BAD"
            print(f"{mark} {voice[:4]} {row['text'][:70]!r:75} -> {[b.text for b in behaviours]} "
                  f"(gold: {row['behaviour']})")
    groups = group_behaviours([b for b, _ in matched], threshold=threshold)
    cluster = {id(b): k for k, g in enumerate(groups) for b in g}
    together = same = gold_pairs = 0
    for (b1, g1), (b2, g2) in itertools.combinations(matched, 2):
        pred = cluster[id(b1)] == cluster[id(b2)]
        together += pred
        same += pred and g1 == g2
        gold_pairs += g1 == g2
    if show:
        for g in groups:
            gold_of = {id(b): grp for b, grp in matched}
            print("  group:", [(b.text, gold_of[id(b)]) for b in g])
    precision = same / max(together, 1)
    recall = same / max(gold_pairs, 1)
    return {
        "rows": len(rows), "labelled": labelled, "extracted": extracted_n, "correct": correct, "found": found,
        "precision": correct / max(extracted_n, 1), "recall": found / max(labelled, 1),
        "groups": len(groups), "matched": len(matched), "gold_groups": len({g for _, g in matched}),
        "group_precision": precision, "group_recall": recall, "same": same, "together": together,
        "gold_pairs": gold_pairs,
        "group_f1": 2 * precision * recall / max(precision + recall, 1e-9),
        "effects": effects_n, "effects_found": effects_found, "no_effect": no_effect_n, "effects_extra": effects_extra,
    }


def report(title: str, r: dict[str, float], threshold: float) -> None:
    print(f"{title}: {r['rows']} sentences ({r['labelled']} with a behaviour, {r['rows'] - r['labelled']} without)")
    print(f"  extraction precision: {r['precision']:.3f} ({r['correct']}/{r['extracted']})")
    print(f"  extraction recall:    {r['recall']:.3f} ({r['found']}/{r['labelled']})")
    print(f"  grouping (threshold {threshold}): {r['groups']} groups from {r['matched']} behaviours, "
          f"{r['gold_groups']} gold groups")
    print(f"  grouping precision:   {r['group_precision']:.3f} ({r['same']}/{r['together']} pairs)")
    print(f"  grouping recall:      {r['group_recall']:.3f} ({r['same']}/{r['gold_pairs']} pairs)")
    print(f"  grouping F1:          {r['group_f1']:.3f}")
    print(f"  effect found:         {r['effects_found']}/{r['effects']} stated; "
          f"{r['effects_extra']}/{r['no_effect']} rows without one got one anyway")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=GROUP_THRESHOLD)
    parser.add_argument("--show", action="store_true", help="print every sentence's result and the groups")
    parser.add_argument("--only", choices=sorted(FIXTURES), help="one part only")
    args = parser.parse_args()
    for name, path in FIXTURES.items():
        if args.only and name != args.only:
            continue
        report(TITLES[name], evaluate(load(path), threshold=args.threshold, show=args.show), args.threshold)


if __name__ == "__main__":
    main()
