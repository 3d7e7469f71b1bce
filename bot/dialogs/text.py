"""What the router says outside any dialog (welcome, help, the menu and its short answers, small talk, "did you
mean …") and around a dialog (the offer to switch subjects), in one place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.dialogs.engine import Actor, DialogSpec, Reply
from bot.events import Choice

RESUME, DISCARD = "resume", "discard"
SWITCH, STAY = "switch:go", "switch:stay"  # the buttons of `offer_switch`
HELP, HELP_LABEL = "help", "What can you do?"  # a button of `did_you_mean`

NOTHING_TO_CANCEL = "We're not in the middle of anything."
BUTTON_ENDED = "That button belongs to a conversation that has ended."
UNKNOWN_FORM = "Sorry, I don't know that form."
RESUMED = "Great, let's continue."
THANKS = "You're welcome! 😊"
BYE = "Bye for now! 👋 I'm here whenever you need me."
NO_HARM = "No worries at all! 🙂"
PROBLEM_SOON = "Problem reports are coming soon; until then, here is what you can do."
FLAGGED = "Thanks for flagging that. "
FEEDBACK_THANKS = "Thanks for telling us!"
FEEDBACK_MORE = "Thanks for telling us! A few quick taps will tell the team more:"
FEEDBACK_HINT = ("Thanks for telling us! To rate your visit, open the link on your receipt or tap "
                 "*Give feedback*.")
PRIVACY_HINT = ("To stop being named in team posts, say *don't mention me*; to be named again, "
                "*mention me again*.")
NUMBERS_LATER = "The numbers are for the team's managers; ask one of them. Let's carry on:"
KEEP_GOING = "Okay, let's keep going."
SMALLTALK_IN_DIALOG = {
    "greeting": "Hello! 👋 We're in the middle of your {title}.",
    "thanks": "You're welcome! Let's finish your {title}.",
    "bye": "Before you go, we're in the middle of your {title}: type *cancel* to drop it.",
    "apology": "No problem at all. We're in the middle of your {title}: type *cancel* to drop it.",
    "chat": "🙂 I'm not much of a chatter, I'm afraid. We're in the middle of your {title}.",
    "ack": "Okay! We're in the middle of your {title}.",
}


def welcome(actor: Actor) -> str:
    if actor.role == "customer":
        return "Hello! 👋 I collect feedback about your visit, anonymously. Tap *Give feedback* to start."
    return f"Hi {actor.display_name}! 👋 I collect great customer moments so the whole team can learn from them."


def help_text(actor: Actor) -> str:
    lines = ["Here's what I can do:"]
    if actor.role in ("staff", "manager"):
        lines.append("• *story* — tell me about a great customer moment (or just write it to me)")
        lines.append("• *problem* — report a moment that went wrong (irritating or dull), so it can be fixed")
        lines.append("• *problems* — read the problems reported in the last 30 days"
                     + (" and shared with you" if actor.role == "manager" else " (your own)"))
        lines.append("• *my stories* — the stories you've told")
    lines.append("• *feedback* — rate the moments of a visit, anonymously")
    if actor.role == "manager":
        lines.append("• ask in plain words, e.g. *which MOTs are weakest this week?*")
    lines.append("In a conversation: *back*, *restart*, *cancel*, *help*.")
    return "\n".join(lines)


def capabilities(actor: Actor) -> str:
    """A short, role-specific answer to "what can you do?" (the long list is `help_text`)."""
    if actor.role == "customer":
        return "I collect anonymous feedback about your visit: tap *Give feedback* or open the link on your receipt."
    if actor.role == "manager":
        return ("I collect the team's great customer moments and problems, and answer questions about them, "
                "e.g. *which moments are weakest this week?*")
    return ("I collect great customer moments and problems: just tell me what happened, in your own words, "
            "or tap *Tell a story*.")


def ack(actor: Actor) -> str:
    """An "ok", a nod or an emoji said outside any dialog."""
    if actor.role == "customer":
        return "Thanks! To tell us about your visit, tap *Give feedback*."
    return "👍 Anything else? Just tell me, or tap below."


def chat(actor: Actor) -> str:
    """Banter ("tell me a joke", "long day", "are you sentient?"): kindly, and back to what the bot is for."""
    if actor.role == "customer":
        return "🙂 I'm not much of a chatter, I'm afraid: I'm here to hear about your visit. Tap *Give feedback*."
    if actor.role == "manager":
        return ("🙂 I'm not much of a chatter, I'm afraid: I know your team's moments of truth. "
                "Ask me e.g. *which moments are weakest this week?*")
    return ("🙂 I'm not much of a chatter, I'm afraid: I'm here for customer moments. "
            "Tell me about one (a great one or a problem), or tap below.")


def callback(actor: Actor) -> str:
    """A customer asking to be called back, outside the survey."""
    return ("I can't call you myself, but the team can get in touch: open the link on your receipt (or tap *Give "
            "feedback*), tell us what happened, and answer *yes* when I ask whether the team may contact you.")


def for_managers(actor: Actor) -> str:
    """Told to staff and customers who ask for numbers."""
    if actor.role == "customer":
        return "The numbers are for the team's managers, sorry. You can tell us about your visit, though."
    return "The numbers are for the team's managers, sorry. You can tell a story, though."


def did_you_mean(choices: tuple[Choice, ...]) -> Reply:
    """The answer to a message that could not be read: the likeliest things meant, as buttons."""
    return Reply("I'm not sure what you mean. Did you mean…", choices)


def offer_switch(title: str, said: str) -> Reply:
    """Inside a dialog, a message that changed the subject: `said` is the new dialog's title."""
    return Reply(f"That sounds like a new {said}. Switch to it and drop your {title}?",
                 (Choice(SWITCH, "Switch"), Choice(STAY, f"Keep going with the {title}")))


def smalltalk_in_dialog(detail: str | None, title: str) -> str:
    """Small talk said where a dialog asked for an answer; the question follows it."""
    return SMALLTALK_IN_DIALOG.get(detail or "ack", SMALLTALK_IN_DIALOG["ack"]).format(title=title)


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
