"""`python -m bot.nlp train ...` / `python -m bot.nlp evaluate ...` (same as `storybot nlp ...`)."""

from bot.nlp.cli import main

main()
