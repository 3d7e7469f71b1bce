"""Write the fits that ship with the code (bot/nlp/data/fitted/, `bot.nlp.fitted.SHIPPED`): the question
parser's intent model and the message-kind model, each named by the digest of its inputs, bot/nlp's code and
the library versions. Every process needs both at start-up and fitting them takes tens of seconds of CPU;
a fresh clone, the demo and each test worker read these instead. Run after changing anything in bot/nlp or
its corpora (tests/nlp/test_fitted.py says when); older files are removed.

    PYTHONPATH=$PWD .venv/bin/python devkit/prefit.py
"""

from __future__ import annotations

from bot.nlp import fitted
from bot.nlp.message_kind_model import shipped_kind_model
from bot.nlp.question_model import shipped_reader


def main() -> None:
    fitted.SHIPPED.mkdir(parents=True, exist_ok=True)
    shipped_reader(fitted.SHIPPED)  # first: the message-kind fit reads every phrasing with the question parser
    shipped_kind_model(fitted.SHIPPED)
    for path in sorted(fitted.SHIPPED.glob("*.pkl")):
        print(f"{path.relative_to(fitted.SHIPPED.parents[3])}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
