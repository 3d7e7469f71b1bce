"""Write the fits that ship with the code (bot/nlp/data/fitted/, `bot.nlp.fitted.SHIPPED`): the question
parser's intent model, the message-kind model and the comment-sentiment model, each named by the digest of its
inputs, bot/nlp's code and the library versions. Every process needs them at start-up and fitting them takes tens
of seconds of CPU;
a fresh clone, the demo and each test worker read these instead. Run after changing anything in bot/nlp or
its corpora (tests/nlp/test_fitted.py says when); older files are removed.

    PYTHONPATH=$PWD .venv/bin/python devkit/prefit.py
"""

from __future__ import annotations

import json

from bot.nlp import fitted
from bot.nlp import comment_sentiment, message_kind_model, question_model


def main() -> int:
    fitted.SHIPPED.mkdir(parents=True, exist_ok=True)
    question_model.shipped_reader(fitted.SHIPPED)  # first: the message-kind fit reads every phrasing with the parser
    message_kind_model.shipped_kind_model(fitted.SHIPPED)
    comment_sentiment.comment_sentiment_model(fitted.SHIPPED)
    (fitted.SHIPPED / "versions.json").write_text(json.dumps(fitted.library_versions(), indent=1) + "\n")
    wanted = [fitted.shipped_fit("question-intent", question_model._shipped_digest()),
              fitted.shipped_fit("message-kind", message_kind_model._shipped_digest()),
              fitted.shipped_fit("comment-sentiment", comment_sentiment.shipped_digest())]
    for path in sorted(fitted.SHIPPED.glob("*.pkl")):
        print(f"{path.relative_to(fitted.SHIPPED.parents[3])}: {path.stat().st_size / 1e6:.1f} MB")
    missing = [path.name for path in wanted if not path.is_file()]
    if missing:  # the directory could not be written (read-only, full)
        print(f"not written: {', '.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
