"""`read_text`: short texts are classified on the event loop (no thread hand-off), long ones in a
worker thread so the web app keeps acknowledging events meanwhile."""

from __future__ import annotations

import threading

from bot.dialogs.service import INLINE_NLP_CHARS, read_text


async def test_short_texts_inline_long_texts_in_a_thread():  # type: ignore[no-untyped-def]
    seen: list[tuple[str, int, object]] = []

    def read(text: str, cycle: object) -> str:
        seen.append((text, threading.get_ident(), cycle))
        return text.upper()[:5]

    loop_thread = threading.get_ident()
    cycle = object()
    for text in ("", "🙂 kind nurse", "x" * INLINE_NLP_CHARS):
        assert await read_text(read, text, cycle) == text.upper()[:5]
        assert seen[-1] == (text, loop_thread, cycle)
    long = "y" * (INLINE_NLP_CHARS + 1)
    assert await read_text(read, long, cycle) == "YYYYY"
    assert seen[-1][0] == long and seen[-1][1] != loop_thread
