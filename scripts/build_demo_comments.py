"""Build data/demo/comments.jsonl (customer comments for the demo) from NHS FFT dev feedback.

Run by developers when the data or the cycle's topic mapping changes; the demo itself only reads the
output, never ../shared:

    .venv/bin/python scripts/build_demo_comments.py ../shared/data/nhs-fft/v6-dev.jsonl

Each comment is mapped to a MOT through the healthcare cycle's `topics:` lists (kept only when the
comment also shares words with the MOT's name, description or examples), and to a rating by its sentiment."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.config import DATA_DIR
from bot.cycle import load_cycle
from bot.textmatch import build_keyword_suggester

RATING = {"positive": "shining", "negative": "irritating", "neutral": "dull"}


def main(source: Path, out: Path = DATA_DIR / "demo" / "comments.jsonl", max_chars: int = 280) -> None:
    cycle = load_cycle(DATA_DIR / "cycles" / "healthcare-visit.yaml")
    topic_map = cycle.topic_map()
    if not topic_map:
        raise SystemExit("the healthcare cycle has no topics: mapping; nothing to build")
    suggest = build_keyword_suggester()
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = " ".join(row["text"].split())
        if row.get("sentiment") not in RATING or not 20 <= len(text) <= max_chars:
            continue
        candidates = {m for label in row["labels"] for m in topic_map.get(label, ())}
        if not candidates:
            continue
        ranked = [m for m, _ in suggest(text, cycle) if m in candidates]
        if not ranked:  # the label fits but the words don't: not a convincing quote for this MOT
            continue
        mot = ranked[0]
        rows.append({"text": text, "mot": mot, "rating": RATING[row["sentiment"]], "source": row["id"]})
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} comments to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
