"""Build data/demo/comments.jsonl (customers' comments for `make demo`) from the hand-checked
data/demo/comment_sources.yaml.

Run by developers after editing the sources; the demo itself only reads the output:

    .venv/bin/python scripts/build_demo_comments.py            # build, then report how the classifier reads them
    .venv/bin/python scripts/build_demo_comments.py --candidates physician   # NHS comments to review for a MOT

How a comment gets in: `--candidates MOT` lists NHS FFT comments (data/nhs-fft) that the day-one comment
classifier reads as that MOT, without the off-topic words below; a person reads them and copies the
ones that really are about that moment of a clinic visit into the sources as `nhs: <id>` (or writes a
comment where none fits). The build then repairs the text (`bot.seed.repair_text`: mojibake, line
breaks), and refuses a duplicate, an unknown cycle, MOT or rating, and an off-topic word in a clinic
comment. Finally it prints, per MOT, how many comments it has and how many of them the classifier puts
in its top three (a low share is a reason to re-read those comments, not to drop them blindly)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from bot.config import DATA_DIR
from bot.cycle import Cycle, load_cycles
from bot.learning import MotLearner
from bot.seed import repair_text

SOURCES = DATA_DIR / "demo" / "comment_sources.yaml"
OUT = DATA_DIR / "demo" / "comments.jsonl"
NHS = [DATA_DIR / "nhs-fft" / "v6-train.jsonl", DATA_DIR / "nhs-fft" / "v6-dev.jsonl"]
MODEL_DIR = DATA_DIR / "models" / "nhs-fft-v6"
RATINGS = ("shining", "dull", "irritating")
# Words of an emergency, transport, dental or inpatient service: not an outpatient clinic visit.
OFF_TOPIC = re.compile(
    r"\b(ambulances?|paramedics?|crew|dentists?|dental|999|111|a ?& ?e|wards?|taxi|patient transport|"
    r"drivers?|call handlers?|admitted|inpatients?|blue light)\b", re.IGNORECASE)


def day_one(cycle: Cycle):  # type: ignore[no-untyped-def]
    """The classifier a new team's survey reads comments with (descriptions, examples, topic model)."""
    return MotLearner(cycles={cycle.id: cycle}, model_dir=MODEL_DIR, sessionmaker=None).classifier(cycle)


def nhs_comments() -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for path in NHS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def build(sources: Path = SOURCES, out: Path = OUT) -> list[dict]:
    """The rows of comments.jsonl; raises SystemExit naming every entry that is refused."""
    cycles = load_cycles(DATA_DIR / "cycles")
    nhs = nhs_comments()
    rows, problems, seen = [], [], set()
    for cycle_id, mots in (yaml.safe_load(sources.read_text(encoding="utf-8")) or {}).items():
        cycle = cycles.get(cycle_id)
        if cycle is None:
            problems.append(f"unknown cycle {cycle_id}")
            continue
        for mot_id, by_rating in mots.items():
            if cycle.mot(mot_id) is None:
                problems.append(f"{cycle_id}: unknown MOT {mot_id}")
                continue
            for rating, entries in by_rating.items():
                if rating not in RATINGS:
                    problems.append(f"{mot_id}: unknown rating {rating}")
                    continue
                for entry in entries:
                    if isinstance(entry, dict):
                        row = nhs.get(entry.get("nhs", ""))
                        if row is None:
                            problems.append(f"{mot_id}: no NHS comment {entry}")
                            continue
                        text, source = repair_text(row["text"]), row["id"]
                    else:
                        text, source = repair_text(str(entry)), "written for the demo"
                    if text.lower() in seen:
                        problems.append(f"{mot_id}: duplicate {text!r}")
                    elif cycle_id == "healthcare-visit" and OFF_TOPIC.search(text):
                        problems.append(f"{mot_id}: off-topic for a clinic: {text!r}")
                    else:
                        seen.add(text.lower())
                        rows.append({"text": text, "cycle": cycle_id, "mot": mot_id, "rating": rating,
                                     "source": source})
    if problems:
        raise SystemExit("comment sources refused:\n  " + "\n  ".join(problems))
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


def report(rows: list[dict]) -> None:
    """Per MOT: comments (shining/dull/irritating) and how many the day-one classifier ranks in its top 3."""
    cycles = load_cycles(DATA_DIR / "cycles")
    for cycle_id, cycle in cycles.items():
        mine = [r for r in rows if r["cycle"] == cycle_id]
        suggestions = day_one(cycle).suggest_many([r["text"] for r in mine], k=3, kind="comment")
        in_top3 = Counter(r["mot"] for r, s in zip(mine, suggestions, strict=True)
                          if r["mot"] in [m for m, _ in s.ranked])
        print(f"{cycle_id}: {len(mine)} comments; in the classifier's top 3: {sum(in_top3.values())}")
        for mot in cycle.mots:
            ratings = Counter(r["rating"] for r in mine if r["mot"] == mot.id)
            n = sum(ratings.values())
            print(f"  {mot.id:18} {n:2} (✨{ratings['shining']} 😐{ratings['dull']} 😠{ratings['irritating']})"
                  f"  top-3 {in_top3[mot.id]}/{n}")


def candidates(cycle: Cycle, mot_id: str, limit: int = 40) -> None:
    """NHS comments the classifier reads as `mot_id` (most confident first), for a person to review."""
    rows = [r for r in nhs_comments().values()
            if r.get("sentiment") and 20 <= len(r["text"]) <= 300 and not OFF_TOPIC.search(r["text"])]
    texts = [repair_text(r["text"]) for r in rows]
    suggestions = day_one(cycle).suggest_many(texts, k=1, kind="comment")
    found = sorted(((s.confidence, r["sentiment"], r["id"], t) for r, t, s in zip(rows, texts, suggestions, strict=True)
                    if s.ranked and s.ranked[0][0] == mot_id), reverse=True)
    for confidence, sentiment, row_id, text in found[:limit]:
        print(f"{confidence:.2f} {sentiment:8} nhs: {row_id} | {text}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", metavar="MOT", help="list NHS comments to review for this clinic MOT")
    args = parser.parse_args(argv)
    if args.candidates:
        cycle = load_cycles(DATA_DIR / "cycles")["healthcare-visit"]
        if cycle.mot(args.candidates) is None:
            raise SystemExit(f"no MOT {args.candidates!r} in the clinic cycle")
        candidates(cycle, args.candidates)
        return
    rows = build()
    print(f"wrote {len(rows)} comments to {OUT}", file=sys.stderr)
    report(rows)


if __name__ == "__main__":
    main()
