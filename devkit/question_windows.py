"""Scoring the windows the period authors labelled (tests/fixtures/periods_first_author.jsonl, development;
bench/data/periods-second-author.jsonl, held out): one JSON object a line, {"q", "start", "end"} with ISO days
(the end exclusive) or "all" for all time, said on Wednesday 25 Nov 2026, 10:00, Europe/London. Shared by
bench/question.py and tests/nlp/test_question.py."""

from __future__ import annotations

from datetime import date
from typing import Any


def period_right(q: Any, row: dict[str, Any]) -> bool:
    """The window read is the one meant (a window that runs past today counts to tomorrow's midnight, as the
    authors label it; for a comparison, either side)."""
    if row["start"] == "all":
        return q.period.label.startswith("all time")
    want = (date.fromisoformat(row["start"]), date.fromisoformat(row["end"]))
    cut = date(2026, 11, 26)  # the authors' "now" is Wed 25 Nov 2026
    sides = [q.period] + ([q.compare] if q.compare is not None else [])
    return any((p.start.date(), min(p.end.date(), cut)) == want for p in sides)
