"""What the router says outside any dialog: welcome, help, the menu and its short answers, in one place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.dialogs.engine import Actor, DialogSpec, Reply
from bot.events import Choice

RESUME, DISCARD = "resume", "discard"

NOTHING_TO_CANCEL = "We're not in the middle of anything."
NOT_UNDERSTOOD = "Sorry, I didn't understand that."
BUTTON_ENDED = "That button belongs to a conversation that has ended."
UNKNOWN_FORM = "Sorry, I don't know that form."
RESUMED = "Great, let's continue."


def welcome(actor: Actor) -> str:
    if actor.role == "customer":
        return "Hello! 👋 I collect feedback about your visit, anonymously. Tap *Give feedback* to start."
    return f"Hi {actor.display_name}! 👋 I collect great customer moments so the whole team can learn from them."


def help_text(actor: Actor) -> str:
    lines = ["Here's what I can do:"]
    if actor.role in ("staff", "manager"):
        lines.append("• *story* — tell me about a great customer moment (or just write it to me)")
        lines.append("• *problem* — report a moment that went wrong (irritating or dull), so it can be fixed")
    lines.append("• *feedback* — rate the moments of a visit, anonymously")
    if actor.role == "manager":
        lines.append("• ask in plain words, e.g. *which MOTs are weakest this week?*")
    lines.append("In a conversation: *back*, *restart*, *cancel*, *help*.")
    return "\n".join(lines)


def menu(actor: Actor, dialogs: Iterable[DialogSpec]) -> Reply:
    """A button for each dialog with a `menu` label that `actor` may start, in the order given."""
    choices = tuple(Choice(f"go:{spec.name}", spec.menu) for spec in dialogs
                    if spec.menu and (spec.roles is None or actor.role in spec.roles))
    return Reply("What would you like to do?", choices)


def unknown_command(command: str) -> str:
    return f"Sorry, I don't know the command /{command}."


def busy(title: str) -> str:
    return f"We're in the middle of your {title}. Finish it first, or type *cancel* to drop it."


def clipped(limit: int) -> str:
    return f"That's a long message! I kept the first {limit:,} characters."


def timed_out(title: str, since: datetime) -> Reply:
    when = since.strftime("%d %b %H:%M UTC")
    return Reply(
        f"Welcome back! Our {title} from {when} timed out before we finished. Continue where we left off?",
        (Choice(RESUME, "Continue"), Choice(DISCARD, "Start fresh")),
    )


def dropped(title: str) -> str:
    return f"Okay, I dropped that {title}."
