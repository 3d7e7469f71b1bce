"""How the ask dialog words its replies: examples, rating icons, changes in percentage points, quotes."""

from __future__ import annotations

from bot.dialogs.engine import DialogContext
from bot.insight import MotStat
from bot.markup import escape

EXAMPLES = (
    "which MOTs are weakest this week?",
    "worst touchpoints last month",
    "how did check-in do since Monday?",
    "compare this week with last",
    "what are people saying about parking?",
    "best practices for the waiting room",
    "stories about Dana",
    "how many ratings this week? / how many irritating ratings for parking?",
    "top 3 things patients hate, all time",
    "trend for check-in since October",
    "who shared the most stories this month?",
    "compare phone booking oct vs nov",
    "show me the chart",
)
ICON = {"shining": "✨", "dull": "😐", "irritating": "😠"}


def _mix(stat: MotStat) -> str:
    return " · ".join(f"{ICON[r]} {stat.pct(r)}%" for r in ("shining", "dull", "irritating"))


def arrow(delta: int | None) -> str:
    if delta is None:
        return "(no earlier ratings)"
    return f"▲ {delta} pp" if delta > 0 else f"▼ {-delta} pp" if delta < 0 else "= 0 pp"


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quote(ctx: DialogContext, text: str, prefix: str = "") -> str:
    """A quote of what someone wrote, redacted, clipped and shown as typed (never markup). `prefix`
    is ours: escape any name in it."""
    return f"    > {prefix}“{escape(_clip(ctx.services.redact(text)))}”"


def help_text() -> str:
    lines = "\n".join(f"• {e}" for e in EXAMPLES)
    return (f"Ask me about your team's moments of truth in plain words, for example:\n{lines}\n"
            "Name a period if you like: *last week*, *this month*, *since Monday*, *last 14 days*.")
