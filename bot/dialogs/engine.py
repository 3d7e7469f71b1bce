"""The dialogue engine: dialogs are declared as data (`DialogSpec` of named steps) and advanced one
incoming message at a time. The engine never talks to a platform or the database itself: steps that
need the outside world (`Act`) get a `DialogContext` from the router.

State is a step *name* plus JSON slots, so a conversation survives restarts and step reordering."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.cycle import Cycle
from bot.events import Choice, ConversationKey, OutgoingMessage
from bot.nlp import answer

if TYPE_CHECKING:
    from bot.dialogs.service import Services
    from bot.models import Team

END = "__end__"
Slots = dict[str, Any]

# Reserved slot keys the engine keeps inside the slots JSON.
_HISTORY = "_history"
_EACH = "_each"
_PREFILLED = "_prefilled"
_NOTED = "_noted"  # what an `Each` answer said without a choice, kept until the choice comes
_EARLY = "_early"  # {Each step: [item ids answered while another item was asked]}: not asked again


class InvalidInput(ValueError):
    """Raised by a validator: the message is shown to the user and the question asked again."""


@dataclass(frozen=True, slots=True)
class Reply:
    """What a dialog says; the router addresses it (`to`) as the `OutgoingMessage` adapters send."""

    text: str
    choices: tuple[Choice, ...] = ()
    image_path: str | None = None

    def to(self, key: ConversationKey, *, private: bool = False, thread_id: str | None = None) -> OutgoingMessage:
        return OutgoingMessage(key, self.text, self.choices, self.image_path, thread_id=thread_id, private=private)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is speaking: a known staff member or manager, or an anonymous customer (`person_id` None)."""

    person_id: str | None
    display_name: str
    role: str  # "staff" | "manager" | "customer"
    team_id: str | None


@dataclass(frozen=True, slots=True)
class DialogContext:
    """Everything a step may look at. `services` is what `Act` steps call (the message's session, the
    learner, the weekly service, redaction)."""

    key: ConversationKey
    now: datetime
    actor: Actor
    team: Team | None
    cycle: Cycle | None
    services: Services
    pseudonym: str | None = None  # the conversation's pseudonym ("anon:" + HMAC), the only id of it a dialog may store


Prompt = str | Callable[[DialogContext, Slots], str]
ChoiceSource = tuple[Choice, ...] | Callable[[DialogContext, Slots], tuple[Choice, ...]]
Next = str | Callable[[DialogContext, Slots], str] | None


@dataclass(frozen=True, slots=True)
class Ask:
    """Ask for free text into `slot`. `optional` steps accept 'skip'."""

    name: str
    prompt: Prompt
    slot: str
    validate: Callable[[str], Any] | None = None
    optional: bool = False
    next: Next = None


@dataclass(frozen=True, slots=True)
class Choose:
    """Offer choices; the id of the chosen one goes into `slot`. The number, the label, the id, a synonym,
    a small typo or the label's emoji work (`bot.nlp.answer.match_choice`; ratings and yes/no in words too).
    With `parse`, free text that matches no choice is given to it (returns a choice id or None). With
    `loose=False` typed text names a choice only by its number, label or id, and `parse` reads the rest: for
    choices whose labels share everyday words ("Edit what you did": "what?" is not a choice). `optional`
    steps offer a Skip button and take "skip", "none", "not sure"…: `slot` is then None."""

    name: str
    prompt: Prompt
    slot: str
    choices: ChoiceSource
    parse: Callable[[DialogContext, Slots, str], str | None] | None = None
    next: Next = None
    loose: bool = True
    optional: bool = False


YES, NO = Choice("yes", "Yes"), Choice("no", "No")


@dataclass(frozen=True, slots=True)
class Confirm:
    """A yes/no question; True/False goes into `slot`. The usual ways of saying yes and no work
    (`bot.nlp.answer.read_yes_no`: "yes please", "nope", "👍", "oui"…), and 1 / 2. With `skip_means`, "skip"
    and the like answer it so (the survey's "contact you?": skipping it is staying anonymous)."""

    name: str
    prompt: Prompt
    slot: str
    next: Next = None
    skip_means: bool | None = None
    words: Mapping[str, bool] = field(default_factory=dict)  # this question's own yes and no ("keep it private")


@dataclass(frozen=True, slots=True)
class Each:
    """Ask the same choice question for each item (e.g. rate every MOT of a visit); results go into
    `slot` as {item_id: choice_id}. A choice with id `skip_id` records nothing. Answers are read like
    `Choose`'s; with `read` (text -> (choice id | None, comment | None), e.g. `bot.nlp.answer.read_rating`),
    text that names no choice is read by it too, and when an answer says more than its choice ("the wait
    was terrible") the text is kept in the slot `comments` as {item_id: text}. With `elsewhere`, such an
    answer may be about another item ("the parking was a nightmare" while rating check-in): it returns
    that item (a Choice, which need not be one of `items`) or None; the choice and text are then recorded
    for it, the current item is asked again, and an item answered so is not asked when its turn comes."""

    name: str
    items: Callable[[DialogContext, Slots], tuple[Choice, ...]]
    prompt: Callable[[Choice, int, int], str]
    choices: tuple[Choice, ...]
    slot: str
    skip_id: str = "skip"
    next: Next = None
    read: Callable[[str], tuple[str | None, str | None]] | None = None
    comments: str | None = None
    elsewhere: Callable[[DialogContext, Slots, Choice, str], Awaitable[Choice | None]] | None = None


@dataclass(frozen=True, slots=True)
class ActResult:
    replies: tuple[Reply, ...] = ()
    slots: Mapping[str, Any] = field(default_factory=dict)
    goto: str | None = None


@dataclass(frozen=True, slots=True)
class Act:
    """A step without user input: computes, may reply, may update slots and pick the next step. `exits`
    names every step (or END) its result's `goto` may name: checked when the spec is built and when it runs."""

    name: str
    run: Callable[[DialogContext, Slots], Awaitable[ActResult]]
    next: Next = None
    exits: tuple[str, ...] = ()


Step = Ask | Choose | Confirm | Each | Act


@dataclass(frozen=True, slots=True)
class DeepLink:
    """`start <prefix><ref>` (a Telegram deep link, a QR code) starts the dialog with `ref` in `slot`."""

    prefix: str
    slot: str
    max_chars: int = 64


@dataclass(frozen=True, slots=True)
class DialogSpec:
    """One dialog, declared as data: its steps and how a conversation enters it. `commands` and `phrases`
    both start it, as a command (`/story`, `/mot story`), as the whole message ("tell a story") or as a
    prefix ("story: today a lady…"); `deep_links` start it with a slot filled; an unprompted message
    starts the dialog answering to the word of its kind (the router reads it with bot.nlp.message_kind:
    story, problem, ask, feedback); `menu` labels its button in the
    menu, shown to `roles` (None: everyone).

    Built specs are checked: unique step names, every string `next` and every `Act.exits` target names a
    step or END (a `ValueError` names the dialog and the step). `next` callables must be pure: they read
    ctx and slots and return a step name."""

    name: str
    title: str
    steps: tuple[Step, ...]
    on_complete: Callable[[DialogContext, Slots], Awaitable[list[Reply]]]
    commands: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    deep_links: tuple[DeepLink, ...] = ()
    menu: str | None = None
    roles: frozenset[str] | None = None
    help: str = ""
    cancel_text: str = "Okay, cancelled. Nothing was saved."
    refusal: str = "Sorry, that isn't available to you."
    # Sees every message in the dialog before its step and the global commands do; a Transition it returns
    # is the turn (e.g. the survey's "done" and its "discard your ratings?"), None lets the step go on.
    intercept: Intercept | None = None
    # Claims an unprompted message that is no clear story, problem, question or command (it would get "did you
    # mean …" or a brief small-talk reply) when it continues this dialog's last conversation: the ask dialog's
    # follow-ups ("Sam?", "show them"). True starts the dialog with the message.
    claims: Callable[[DialogContext, str], Awaitable[bool]] | None = None

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"dialog {self.name}: no steps")
        names = [s.name for s in self.steps]
        for name in names:
            if name == END or names.count(name) > 1:
                problem = "reserved" if name == END else "repeated"
                raise ValueError(f"dialog {self.name}, step {name}: the step name is {problem}")
        for step in self.steps:
            targets = [step.next] if isinstance(step.next, str) else []
            if isinstance(step, Act):
                targets += step.exits
            for target in targets:
                if target != END and target not in names:
                    raise ValueError(f"dialog {self.name}, step {step.name}: no step {target!r} to go to")

    @property
    def words(self) -> tuple[str, ...]:
        """Everything that names this dialog: its name, commands and phrases."""
        return (self.name, *self.commands, *self.phrases)

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    def index(self, name: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.name == name)


Intercept = Callable[..., Awaitable["Transition | None"]]  # (ctx, state, *, text, choice_id, command)


@dataclass(frozen=True, slots=True)
class Command:
    """A one-shot command: answers at once and keeps no conversation state (e.g. `/mot privacy on`).
    `run(ctx, argument)` gets the text after the command word, or the whole message for a phrase."""

    name: str
    run: Callable[[DialogContext, str], Awaitable[list[Reply]]]
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class State:
    dialog: str
    step: str
    slots: Slots


@dataclass(frozen=True, slots=True)
class Transition:
    """What happened: the replies to send and the new state (None when the dialog ended)."""

    replies: tuple[Reply, ...]
    state: State | None
    ended: str | None = None  # "completed" | "cancelled" | None while the dialog goes on


GLOBAL_COMMANDS = ("help", "cancel", "back", "restart")
SKIP_WORDS = {"skip", "pass", "no comment", "-", "none", "nothing", "n/a", "na", "no", "nope", "nah", "no thanks"}
# What skips an optional choice ("Which moment was the best?" -> "none of them", "not sure").
CHOOSE_SKIP_WORDS = SKIP_WORDS | {
    "none of them", "neither", "neither of them", "not sure", "unsure", "don't know", "dont know", "no idea",
    "can't say", "cant say", "can't decide", "cant decide", "no preference", "skip it", "skip this", "rather not say",
}
SKIP = Choice("skip", "Skip")


def normalise(text: str) -> str:
    """Lower-case, accents folded, punctuation around the edges stripped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .!?,;:'\"`*_~")


# Whole messages that say a global command in other words.
GLOBAL_ALIASES = {
    "go back": "back", "undo": "back", "undo that": "back", "previous": "back", "previous question": "back",
    "back please": "back", "go back please": "back", "back one": "back", "last question": "back",
    "start over": "restart", "start again": "restart", "begin again": "restart", "from the start": "restart",
    "stop": "cancel", "quit": "cancel", "abort": "cancel", "cancel that": "cancel", "cancel please": "cancel",
}


def global_command(text: str, command: str | None) -> str | None:
    word = normalise(command or text).lstrip("/")
    word = GLOBAL_ALIASES.get(word, word)
    return word if word in GLOBAL_COMMANDS else None


# "oops, I meant dull", "make that 2", "change my answer to yes": an answer to the question before this one.
_CORRECTION = re.compile(
    r"^(?:(?:oops|whoops|oh|sorry|wait|no|nope|my bad|hang on)[\s,!.:-]+)*"
    r"(?:i\s+meant(?:\s+to\s+say)?|i\s+mean|make\s+that|change\s+(?:that|it|my\s+(?:last\s+|previous\s+)?answer)\s+to|"
    r"correction|that\s+should\s+(?:have\s+been|be)|the\s+last\s+one\s+(?:was|should\s+be))[\s,:-]+(?P<answer>\S.*)$")


def _resolve_prompt(prompt: Prompt, ctx: DialogContext, slots: Slots) -> str:
    return prompt if isinstance(prompt, str) else prompt(ctx, slots)


def _resolve_choices(step: Choose, ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    return step.choices if isinstance(step.choices, tuple) else step.choices(ctx, slots)


def match_choice(choices: tuple[Choice, ...], text: str, choice_id: str | None) -> Choice | None:
    """A click (`choice_id`), else what `bot.nlp.answer.match_choice` reads in the text: the number shown,
    the label, id or emoji, a synonym, a small typo, a unique label prefix, a rating or yes/no in words."""
    if choice_id is not None:
        return next((c for c in choices if c.id == choice_id), None)
    found = answer.match_choice(text, choices)
    return next((c for c in choices if c.id == found), None)


def _next_name(spec: DialogSpec, step: Step, ctx: DialogContext, slots: Slots) -> str:
    if step.next is None:
        index = spec.index(step.name) + 1
        return spec.steps[index].name if index < len(spec.steps) else END
    return step.next if isinstance(step.next, str) else step.next(ctx, slots)


def _each_items(step: Each, ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    return step.items(ctx, slots)


def _prompt_for(step: Step, ctx: DialogContext, slots: Slots) -> Reply:
    if isinstance(step, Ask):
        text = _resolve_prompt(step.prompt, ctx, slots)
        return Reply(text, (SKIP,) if step.optional else ())
    if isinstance(step, Choose):
        skip = (SKIP,) if step.optional else ()
        return Reply(_resolve_prompt(step.prompt, ctx, slots), (*_resolve_choices(step, ctx, slots), *skip))
    if isinstance(step, Confirm):
        return Reply(_resolve_prompt(step.prompt, ctx, slots), (YES, NO))
    if isinstance(step, Each):
        items = _each_items(step, ctx, slots)
        index = slots.get(_EACH, {}).get(step.name, 0)
        return Reply(step.prompt(items[index], index, len(items)), step.choices)
    raise TypeError(f"step {step.name} takes no input")


async def _enter(spec: DialogSpec, name: str, ctx: DialogContext, slots: Slots, replies: list[Reply]) -> Transition:
    """Move to step `name`: run Act steps until one needs input, or finish the dialog."""
    for _ in range(len(spec.steps) * 4 + 4):  # guards against a spec whose Acts loop forever
        if name == END:
            public = {k: v for k, v in slots.items() if not k.startswith("_")}
            replies.extend(await spec.on_complete(ctx, public))
            return Transition(tuple(replies), None, ended="completed")
        step = spec.step(name)
        if step is None:
            raise KeyError(f"dialog {spec.name} has no step {name!r}")
        if isinstance(step, Each) and not _each_items(step, ctx, slots):
            name = _next_name(spec, step, ctx, slots)
            continue
        if not isinstance(step, Act) and step.slot in slots.get(_PREFILLED, ()):
            name = _next_name(spec, step, ctx, slots)  # answered up front, e.g. by a form
            continue
        if isinstance(step, Act):
            result = await step.run(ctx, slots)
            if result.goto is not None and result.goto not in step.exits:
                raise ValueError(f"dialog {spec.name}, step {step.name}: goto {result.goto!r} is not in its exits")
            slots.update(result.slots)
            replies.extend(result.replies)
            name = result.goto or _next_name(spec, step, ctx, slots)
            continue
        replies.append(_prompt_for(step, ctx, slots))
        return Transition(tuple(replies), State(spec.name, name, slots))
    raise RuntimeError(f"dialog {spec.name}: steps do not converge")


async def start(
    spec: DialogSpec, ctx: DialogContext, *, text: str = "", slots: Slots | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Transition:
    """Begin `spec`. With `text`, the first question is answered by it (e.g. "/story Today a lady…").
    `answers` fill slots up front (a one-screen form): their questions are skipped, the rest asked."""
    if spec.roles is not None and ctx.actor.role not in spec.roles:
        return Transition((Reply(spec.refusal),), None, ended="cancelled")
    fresh: Slots = dict(slots or {})
    fresh[_HISTORY] = []
    if answers:
        fresh.update(answers)
        fresh[_PREFILLED] = sorted(answers)
    transition = await _enter(spec, spec.steps[0].name, ctx, fresh, [])
    if text.strip() and transition.state is not None:
        first = spec.step(transition.state.step)
        if isinstance(first, Ask):
            # Skip the question we already have the answer to; keep any replies the Acts produced.
            follow = await advance(spec, transition.state, ctx, text=text)
            return Transition(transition.replies[:-1] + follow.replies, follow.state, follow.ended)
    return transition


def question(spec: DialogSpec, state: State, ctx: DialogContext) -> Reply:
    """The question the conversation at `state` waits on, to ask it again."""
    return _prompt_for(spec.step(state.step), ctx, state.slots)  # type: ignore[arg-type]


def _push_history(slots: Slots, step: str, index: int | None = None) -> None:
    slots.setdefault(_HISTORY, []).append([step, index])


async def _go_back(spec: DialogSpec, state: State, ctx: DialogContext) -> Transition:
    slots = dict(state.slots)
    history: list = list(slots.get(_HISTORY, []))
    if not history:
        reply = Reply("We're at the first question already.")
        return Transition((reply, _prompt_for(spec.step(state.step), ctx, slots)), state)  # type: ignore[arg-type]
    step_name, index, *undo = history.pop()
    slots[_HISTORY] = history
    step = spec.step(step_name)
    if isinstance(step, Each) and undo:  # an answer recorded for another item: taken back, that item asked again
        _undo_elsewhere(step, slots, undo[0])
        again = (Reply(f"Okay, I've taken back what I noted for *{undo[0]['label']}*."), _prompt_for(step, ctx, slots))
        return Transition(again, State(spec.name, step_name, slots))
    if isinstance(step, Each):
        slots.setdefault(_EACH, {})[step_name] = index or 0
    back = (Reply("Okay, back one question."), _prompt_for(step, ctx, slots))  # type: ignore[arg-type]
    return Transition(back, State(spec.name, step_name, slots))


async def _corrected(spec: DialogSpec, state: State, ctx: DialogContext, text: str) -> Transition | None:
    """A correction of the last choice ("oops, I meant dull"): back one question, the new answer given to it,
    and on to where the person was. None when it is no correction, or the question before was free text
    (a story's "I meant to say she was 80" is part of what happened)."""
    found = _CORRECTION.match(normalise(text))
    history = state.slots.get(_HISTORY) or []
    if found is None or not history or not isinstance(spec.step(history[-1][0]), (Choose, Confirm, Each)):
        return None
    back = await _go_back(spec, state, ctx)
    if back.state is None or back.state == state:
        return None
    step, item = spec.step(back.state.step), asking_about(spec, back.state, ctx)  # before the answer moves on
    asked = State(back.state.dialog, back.state.step, copy.deepcopy(back.state.slots))  # advance may share its dicts
    again = await advance(spec, asked, ctx, text=found.group("answer"))
    if again.state == back.state:  # not an answer to that question either: it is asked, as after "back"
        return again
    what = ""
    if isinstance(step, Each) and item is not None:  # "Okay, changed *Sit in the waiting room*: 😐 Dull."
        given = ((again.state.slots if again.state else {}).get(step.slot) or {}).get(item.id)
        label = next((c.label for c in step.choices if c.id == given), None)
        what = f" *{item.label}*" + (f": {label}" if label else "")
    return Transition((Reply(f"Okay, changed{what}."), *again.replies), again.state, again.ended)


async def advance(
    spec: DialogSpec, state: State, ctx: DialogContext, *, text: str = "", choice_id: str | None = None,
    command: str | None = None,
) -> Transition:
    """Feed one message into the dialog at `state` and return what to say and the new state."""
    step = spec.step(state.step)
    slots: Slots = dict(state.slots)
    if step is None:  # the spec changed under a stored conversation: start the dialog over, politely
        transition = await _enter(spec, spec.steps[0].name, ctx, {_HISTORY: []}, [])
        note = Reply(f"Sorry, the {spec.title} conversation changed since we last spoke, so let's start again.")
        return Transition((note, *transition.replies), transition.state, transition.ended)

    if spec.intercept is not None:
        taken = await spec.intercept(ctx, state, text=text, choice_id=choice_id, command=command)
        if taken is not None:
            return taken
    word = global_command(text, command) if choice_id is None else None
    if word == "cancel":
        return Transition((Reply(spec.cancel_text),), None, ended="cancelled")
    if word == "restart":  # what the conversation was started with (a deep link's visit) stays: the rest is asked again
        kept = {link.slot: slots[link.slot] for link in spec.deep_links if link.slot in slots}
        transition = await start(spec, ctx, slots=kept)
        return Transition((Reply("Starting over."), *transition.replies), transition.state, transition.ended)
    if word == "back":
        return await _go_back(spec, state, ctx)
    corrected = await _corrected(spec, state, ctx, text) if choice_id is None and word is None else None
    if corrected is not None:
        return corrected
    if word == "help":
        help_text = spec.help or f"We're in the {spec.title} conversation."
        tips = "Type *back* to change your last answer, *restart* to begin again, *cancel* to stop."
        return Transition((Reply(f"{help_text}\n{tips}"), _prompt_for(step, ctx, slots)), state)

    if not isinstance(step, Act) and step.slot in slots.get(_PREFILLED, ()):
        slots[_PREFILLED] = [s for s in slots[_PREFILLED] if s != step.slot]
    try:
        if isinstance(step, Ask):
            slots[step.slot] = _take_text(step, text, choice_id)
            _push_history(slots, step.name)
        elif isinstance(step, Choose):
            slots[step.slot] = _take_choice(step, ctx, slots, text, choice_id)
            _push_history(slots, step.name)
        elif isinstance(step, Confirm):
            skipped = step.skip_means is not None and choice_id is None and normalise(text) in CHOOSE_SKIP_WORDS
            own = step.words.get(normalise(text)) if choice_id is None else None
            slots[step.slot] = step.skip_means if skipped else own if own is not None else _take_yes_no(text, choice_id)
            _push_history(slots, step.name)
        elif isinstance(step, Each):
            return await _answer_each(spec, step, ctx, slots, text, choice_id)
        else:  # an Act step is never left waiting for input; recover by running it
            return await _enter(spec, step.name, ctx, slots, [])
    except InvalidInput as problem:
        return Transition((Reply(str(problem)), _prompt_for(step, ctx, state.slots)), state)

    return await _enter(spec, _next_name(spec, step, ctx, slots), ctx, slots, [])


async def _answer_each(spec: DialogSpec, step: Each, ctx: DialogContext, slots: Slots, text: str,
                       choice_id: str | None) -> Transition:
    """One answer to an `Each` question: recorded for its item (or, with `elsewhere`, for the item it is
    about), then the next item not answered yet, or the next step. Raises InvalidInput when it gives
    nothing to record."""
    items = _each_items(step, ctx, slots)
    index = slots.get(_EACH, {}).get(step.name, 0)
    item = items[index]
    noted = slots.pop(_NOTED, None)
    try:
        chosen, comment = _take_each(step, text, choice_id)
    except InvalidInput:
        said = _worth_noting(step, text, choice_id)
        if not said:
            raise
        slots[_NOTED] = {"step": step.name, "item": item.id, "text": said}
        return Transition((Reply("Thanks, I've noted that. And overall, how was it?"),
                           _prompt_for(step, ctx, slots)), State(spec.name, step.name, slots))
    said_now = comment  # a redirect is read from this answer's own words, never from ones noted before
    if comment is None and noted and noted.get("step") == step.name and noted.get("item") == item.id:
        comment = noted["text"]
    other = None
    if step.elsewhere is not None and said_now and chosen.id != step.skip_id:
        other = await step.elsewhere(ctx, slots, item, said_now)
    if other is not None and other.id != item.id:
        note = _record_elsewhere(step, slots, other, chosen, comment)
        if noted:  # words noted for the item asked stay with it
            slots[_NOTED] = noted
        return Transition((note, _prompt_for(step, ctx, slots)), State(spec.name, step.name, slots))
    _record_each(step, slots, item.id, chosen, comment)
    _push_history(slots, step.name, index)
    following = next((i for i in range(index + 1, len(items))
                      if items[i].id not in slots.get(_EARLY, {}).get(step.name, ())), None)
    if following is not None:
        slots.setdefault(_EACH, {})[step.name] = following
        return Transition((_prompt_for(step, ctx, slots),), State(spec.name, step.name, slots))
    return await _enter(spec, _next_name(spec, step, ctx, slots), ctx, slots, [])


def asking_about(spec: DialogSpec, state: State, ctx: DialogContext) -> Choice | None:
    """The item an `Each` step is asking about now (e.g. the moment being rated), else None."""
    step = spec.step(state.step)
    if not isinstance(step, Each):
        return None
    items = _each_items(step, ctx, state.slots)
    index = state.slots.get(_EACH, {}).get(step.name, 0)
    return items[index] if 0 <= index < len(items) else None


def _choose_hint(choices: tuple[Choice, ...], choice_id: str | None, text: str = "") -> str:
    """What to say before asking again (the question follows with its choices): the two or three choices
    the answer came closest to, else how to answer."""
    if choice_id is not None:
        return "That button belongs to an earlier question. Here is where we are:"
    labels = {c.id: c.label for c in choices}
    near = [labels[i] for i in answer.rank_choices(text, choices)[:3]] if len(text) <= 500 else []
    if len(near) >= 2:
        return f"I'm not sure which one you mean: *{'* or *'.join(near)}*? Tap it or type its number."
    if answer.read_yes_no(text) is not None and not {"yes", "no"} & set(labels):  # "yep" to "which one?"
        listed = " / ".join(c.label for c in choices[:6]) + (" / …" if len(choices) > 6 else "")
        return f"Which one do you mean? {listed} (tap it, or type its number or name)."
    if {c.id for c in choices} & set(answer.RATINGS):
        return ("I didn't catch a rating there. Tap a button or just say it, e.g. *great* ✨, *so-so* 😐 or "
                "*awful* 😠" + (", or *skip*." if "skip" in labels else "."))
    if len(choices) <= 4:
        listed = " / ".join(c.label for c in choices)
        return f"I didn't catch which one you meant. Please choose one: {listed} (tap it, or type its number or name)."
    return f"I didn't catch which one you meant. Tap one, or type its number (1 to {len(choices)}) or its name."


def _take_text(step: Ask, text: str, choice_id: str | None) -> Any:
    value = text.strip()
    if step.optional and (choice_id == "skip" or normalise(value) in SKIP_WORDS):
        return ""
    if choice_id is not None:
        raise InvalidInput("Please type your answer (that button belongs to an earlier question).")
    if not value or not any(ch.isalnum() for ch in value):
        raise InvalidInput("I need a few words for this one" + (" (or type *skip*)." if step.optional else "."))
    return step.validate(value) if step.validate else value


def _take_choice(step: Choose, ctx: DialogContext, slots: Slots, text: str, choice_id: str | None) -> str | None:
    choices = _resolve_choices(step, ctx, slots)
    if step.optional and (choice_id == SKIP.id or (choice_id is None and normalise(text) in CHOOSE_SKIP_WORDS)):
        return None
    chosen = match_choice(choices, text, choice_id) if step.loose or choice_id else _exact_choice(choices, text)
    if chosen is not None:
        return chosen.id
    if choice_id is None and step.parse is not None and text.strip():
        parsed = step.parse(ctx, slots, text)
        if parsed is not None:
            return parsed
    raise InvalidInput(_choose_hint(choices, choice_id, text))


def _exact_choice(choices: tuple[Choice, ...], text: str) -> Choice | None:
    """The choice typed by its number shown, its label or its id, else None."""
    said = answer.normalise(text)
    if said.isdigit() and len(said) < 4:
        return choices[int(said) - 1] if 1 <= int(said) <= len(choices) else None
    return next((c for c in choices if said in (answer.normalise(c.label), answer.normalise(c.id))), None)


def _take_each(step: Each, text: str, choice_id: str | None) -> tuple[Choice, str | None]:
    """The chosen choice and, with `step.read`, the comment the answer carries beyond its choice."""
    chosen = match_choice(step.choices, text, choice_id)
    read_id, comment = step.read(text) if step.read is not None and choice_id is None else (None, None)
    if chosen is None and read_id is not None:
        chosen = next((c for c in step.choices if c.id == read_id), None)
    if chosen is None:
        raise InvalidInput(_choose_hint(step.choices, choice_id, text))
    return chosen, (comment if read_id == chosen.id else None)


def _worth_noting(step: Each, text: str, choice_id: str | None) -> str | None:
    """An answer that gives no choice but says something about the item ("lovely nurse but the wait was
    long": mixed; "they called my name twice"): a comment to keep while the choice is asked again."""
    if step.read is None or step.comments is None or choice_id is not None or len(text) > 2_000:
        return None
    _, comment = step.read(text)
    return comment if comment and len(comment.split()) >= 4 else None


def _record_each(step: Each, slots: Slots, item_id: str, chosen: Choice, comment: str | None) -> None:
    """`chosen` (and the words said with it) as the answer for `item_id`; a skip removes both."""
    skipped = chosen.id == step.skip_id
    _set_or_drop(slots, step.slot, item_id, None if skipped else chosen.id)
    if step.comments is not None:
        _set_or_drop(slots, step.comments, item_id, None if skipped else comment or None)


def _set_or_drop(slots: Slots, slot: str, key: str, value: Any) -> None:
    """`slots[slot][key] = value` in a copy of that mapping; None removes the key."""
    mapping = dict(slots.get(slot, {}))
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = value
    slots[slot] = mapping


def _record_elsewhere(step: Each, slots: Slots, other: Choice, chosen: Choice, comment: str) -> Reply:
    """An answer about `other`, given while another item was asked. An item not answered yet takes the
    choice and the words (and is not asked when its turn comes); one answered already keeps its answer,
    and the words are added to what was said about it. *back* takes it back (`_undo_elsewhere`)."""
    early = slots.get(_EARLY, {}).get(step.name, [])
    index = slots.get(_EACH, {}).get(step.name, 0)
    undo = {"item": other.id, "label": other.label, "answer": slots.get(step.slot, {}).get(other.id),
            "said": slots.get(step.comments, {}).get(other.id) if step.comments else None,
            "early": other.id in early}
    slots.setdefault(_HISTORY, []).append([step.name, index, undo])
    if other.id in slots.get(step.slot, {}) and other.id not in early:
        if step.comments is not None:
            said = dict(slots.get(step.comments, {}))
            said[other.id] = " — ".join(c for c in (said.get(other.id), comment) if c)
            slots[step.comments] = said
        return Reply(f"Thanks — I've added that to your answer about *{other.label}*.")
    _record_each(step, slots, other.id, chosen, comment)
    slots[_EARLY] = {**slots.get(_EARLY, {}), step.name: sorted({*early, other.id})}
    return Reply(f"Thanks — I've noted {chosen.label} for *{other.label}*.")


def _undo_elsewhere(step: Each, slots: Slots, undo: dict[str, Any]) -> None:
    """Put the item an answer was recorded for as it was before (`_record_elsewhere` kept how)."""
    item = undo["item"]
    _set_or_drop(slots, step.slot, item, undo["answer"])
    if step.comments is not None:
        _set_or_drop(slots, step.comments, item, undo["said"])
    if not undo["early"]:
        early = [i for i in slots.get(_EARLY, {}).get(step.name, []) if i != item]
        slots[_EARLY] = {**slots.get(_EARLY, {}), step.name: early}


def _take_yes_no(text: str, choice_id: str | None) -> bool:
    if choice_id in ("yes", "no"):
        return choice_id == "yes"
    said = normalise(text)
    if said in ("1", "2"):
        return said == "1"
    reading = answer.read_yes_no(text)
    if reading is None:
        raise InvalidInput("I didn't catch a yes or a no there. Tap a button, or type *yes* or *no* (or 1 / 2).")
    return reading
