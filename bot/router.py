"""One message in, replies out: who is speaking, which dialog, advance it, save state and the turn
log, all in one database transaction (`bot.store.turn`: one call opens the turn, one closes it). The
same platform message id is processed once.

Which dialog a message starts is a lookup over what the specs declare (`DialogSpec.commands`,
`phrases`, `deep_links`) and the one-shot `Command`s; anything else is read for its kind by
`bot.nlp.message_kind` (a story, a problem, a question, feedback, small talk, a command or unclear) and the
kind's word (`KIND_WORDS`) is looked up the same way. Inside a dialog, small talk and a change of subject
are caught before the step takes the text (`Router._aside`). The texts said are in `bot.dialogs.text`."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from bot import store
from bot.dialogs import text as texts
from bot.dialogs.engine import (
    SKIP_WORDS,
    Actor,
    Ask,
    Choose,
    Command,
    Confirm,
    DeepLink,
    DialogContext,
    DialogSpec,
    Each,
    Reply,
    State,
    Transition,
    advance,
    global_command,
    normalise,
    question,
    start,
)
from bot.dialogs.service import Services
from bot.dialogs.text import DISCARD, RESUME
from bot.events import Choice, IncomingMessage, OutgoingMessage, from_record, to_record
from bot.models import DialogState
from bot.nlp.message_kind import (
    CALLBACK,
    COMMAND,
    FEEDBACK,
    PROBLEM,
    QUESTION,
    SMALLTALK,
    STORY,
    SUGGESTION,
    MessageReading,
    read_message,
    switched,
)
from bot.nlp.question_followup import sounds_like_a_request
from bot.nlp.redact import redact
from bot.pseudonym import Pseudonymiser
from bot.store.turn import claimed_replies, close_turn, open_turn
from bot.turn_source import current_source

log = logging.getLogger(__name__)

GREETINGS = {"hi", "hello", "hey", "hallo", "hola", "start", "menu", "good morning", "good afternoon", "yo"}
NOWHERE = ("cancel", "back", "restart")  # advertised in every conversation; outside one there is nothing to leave
SWITCH_TO = "_switch_to"  # slot: what was said when a switch was offered (`Router._aside`)
SMALLTALK_WORDS = 4  # small talk is short: a longer answer is not read for it
QUESTION_WORDS = 4  # where a choice is asked, a message this long is read for a question before the step takes it
ASKED = {Ask: "free_text", Choose: "choice", Confirm: "yes_no", Each: "rating"}  # step -> what `switched` is told
# A message's kind (bot.nlp.message_kind) -> the word of the dialog that takes it, looked up in the specs' words.
KIND_WORDS = {"story": "story", "problem": "problem", "question": "ask", "ask": "ask", "feedback": "feedback"}


@dataclass(slots=True)
class Router:
    """Built complete by `bot.app.build_app`: the dialogs and the one-shot commands are all it routes to."""

    sessionmaker: Any
    services: Services
    dialogs: Mapping[str, DialogSpec]
    pseudonym: Pseudonymiser
    commands: Sequence[Command] = ()
    # Lookups built from the specs and commands (`__post_init__`).
    _words: dict[str, DialogSpec] = field(init=False)  # name, command or phrase -> dialog (first one wins)
    _links: tuple[tuple[DeepLink, DialogSpec], ...] = field(init=False)
    _command_words: dict[str, Command] = field(init=False)
    _command_phrases: dict[str, Command] = field(init=False)

    def __post_init__(self) -> None:
        self._words = {}
        for spec in self.dialogs.values():
            for word in spec.words:
                self._words.setdefault(word, spec)
        self._links = tuple((link, spec) for spec in self.dialogs.values() for link in spec.deep_links)
        self._command_words = {command.name: command for command in self.commands}
        self._command_phrases = {phrase: command for command in self.commands for phrase in command.phrases}

    async def handle(self, msg: IncomingMessage) -> list[OutgoingMessage]:
        """Process one incoming message; returns the replies for the adapter to send.
        The adapters take one conversation's turns one at a time (`bot.adapters.turn.TurnOrder`);
        across processes, and for callers that don't, the state row's version number catches a race
        (`StaleStateError`) and the message is tried again on fresh state, three times at most."""
        services = self.services
        settings = services.settings
        # Platform ids are stored and logged only as keyed pseudonyms: for a customer, the id itself names
        # their chat, so customers' conversations are keyed by a pseudonym too (bot/pseudonym.py).
        event_id = self.pseudonym(msg.message_id, purpose="event") if msg.message_id else None
        anonymous = "anon:" + self.pseudonym(str(msg.key), purpose="conversation")
        for attempt in range(3):
            now = services.clock()
            try:
                async with self.sessionmaker() as session, session.begin():
                    opened = await open_turn(
                        session=session, event_source=str(msg.key.platform), event_id=event_id,
                        person_id=msg.key.person_id, default_team=settings.default_team, conversation=str(msg.key),
                        anonymous_conversation=anonymous,
                    )
                    if opened is None:  # only a message with an id is claimed
                        return await self._claimed_before(session, msg, event_id or "")
                    person, team, row = opened.person, opened.team, opened.state
                    if person is not None:
                        actor = Actor(person.id, person.display_name, person.role, person.team_id)
                    else:
                        actor = Actor(None, "there", "customer", team.id if team else None)
                    cycle = services.cycles.get(team.cycle_id) if team else None
                    ctx = DialogContext(msg.key, now, actor, team, cycle, replace(services, session=session),
                                        pseudonym=anonymous)
                    text = msg.text.replace("\x00", "")
                    notes = []
                    if len(text) > settings.max_message_chars:
                        text = text[:settings.max_message_chars]
                        notes.append(Reply(texts.clipped(settings.max_message_chars)))
                    # Teams may keep the original text of staff stories (`keep_original_text`); customers'
                    # text is always redacted. Personal data never waits raw in a conversation's slots:
                    # redacted as it comes in (contact details; person names too in customers' messages when
                    # the team asks for it, `redact_customer_names`). The turn log is redacted too; only a
                    # team that keeps originals still has raw text here, so only its log is redacted on the way in.
                    settings_of_team = team.settings if team is not None else {}
                    keeps_original = actor.role != "customer" and bool(settings_of_team.get("keep_original_text"))
                    given = msg  # as the dialogs get it: a form redacted (a retry starts again from `msg`)
                    if not keeps_original:
                        if actor.role == "customer" and settings_of_team.get("redact_customer_names"):
                            text = redact(text, names=True).text
                        else:
                            text = services.redact(text)
                        if msg.form:
                            given = replace(msg, form={k: services.redact(v) if isinstance(v, str) else v
                                                       for k, v in msg.form.items()})
                    logged = services.redact if keeps_original else str
                    transition = await self._dispatch(ctx, row, given, text)
                    state = transition.state
                    replies = [*notes, *transition.replies]
                    dialog = state.dialog if state else (row.dialog if row else None)
                    # A manager's conversation in a channel carries numbers and customers' quotes: shown to
                    # the manager alone unless the team allows answers in channels (`answer_in_channels`).
                    private = msg.public and actor.role == "manager" and not (
                        team is not None and team.settings.get("answer_in_channels"))
                    outgoing = [reply.to(msg.key, private=private, thread_id=msg.thread_id) for reply in replies]
                    await close_turn(
                        session=session, conversation=opened.conversation, read=row,
                        dialog=state.dialog if state else None, step=state.step if state else None,
                        slots=state.slots if state else {},
                        expires_at=now + timedelta(minutes=settings.dialog_timeout_minutes),
                        turns=[
                            {"direction": "in", "dialog": dialog, "step": row.step if row else None,
                             "text": logged(text), "choice_id": msg.choice_id, "message_id": event_id},
                            *({"direction": "out", "dialog": dialog, "step": state.step if state else None,
                               "text": logged(reply.text)} for reply in replies),
                        ],
                        # kept with the claim until the outbox has them (bot/turn_source.py)
                        event_source=str(msg.key.platform), event_id=event_id,
                        replies=[{**to_record(reply), "text": logged(reply.text)} for reply in outgoing]
                        if event_id else (),  # redacted as the turn log is
                    )
            except store.StaleStateError:
                log.info("conversation advanced elsewhere, retrying (%s)", attempt + 1)
                continue
            return outgoing
        return [OutgoingMessage(msg.key, "Sorry, I got two messages at once. Please send that again.",
                                thread_id=msg.thread_id)]

    async def _claimed_before(self, session: Any, msg: IncomingMessage, event_id: str) -> list[OutgoingMessage]:
        """An event processed before: nothing to do, unless it is the inbox's replay of a turn whose
        process died before the outbox stored its replies: those are returned, to be stored now."""
        source = current_source()
        replayed = source is not None and source.replayed
        kept = await claimed_replies(session=session, event_source=str(msg.key.platform), event_id=event_id,
                                     replayed=replayed)
        if kept:
            log.warning("%s event %s was processed before its process died; its %d replies are stored now",
                        msg.key.platform, event_id, len(kept))
            return [from_record(record, msg.key) for record in kept]
        log.info("duplicate delivery of %s event %s ignored", msg.key.platform, event_id)
        return []

    # --- the dialog going on ----------------------------------------------------------------

    async def _dispatch(
        self, ctx: DialogContext, row: DialogState | None, msg: IncomingMessage, text: str
    ) -> Transition:
        """A form fills a dialog; a message in a live dialog advances it (unless it asks for another
        dialog, or the dialog timed out); anything else may begin one (`_begin`)."""
        if msg.form is not None:
            return await self._submit_form(ctx, row, msg)
        spec = self.dialogs.get(row.dialog) if row is not None else None
        if row is None or spec is None:
            return await self._begin(ctx, msg, text)
        state = State(row.dialog, row.step, dict(row.slots))
        if state.slots.get("_expired"):
            return await self._after_expiry_prompt(ctx, spec, state, msg, text)
        if row.expires_at <= ctx.now:
            return Transition((texts.timed_out(spec.title, row.updated_at),),
                              State(state.dialog, state.step, dict(state.slots, _expired=True)))
        if msg.choice_id and msg.choice_id.startswith("go:"):  # a menu button, or one of an earlier answer
            _, name, *payload = msg.choice_id.split(":", 2)
            if name != spec.name:
                return Transition((Reply(texts.busy(spec.title)),), state)
            if payload and payload[0]:  # e.g. a drill-down button of an earlier answer: start afresh with it
                return await start(spec, ctx, slots={"payload": payload[0]})
            # a plain "go:story" mid-story must not drop the half-told story: on to `advance`
        elif msg.command and msg.command not in ("help", *NOWHERE):
            other = self._spec_for(msg.command)
            if other is not None and other.name != spec.name:
                return Transition((Reply(texts.busy(spec.title)),), state)
        if SWITCH_TO in state.slots:
            decided = await self._after_switch_offer(ctx, spec, state, msg, text)
            if decided is not None:
                return decided
            state = State(state.dialog, state.step, {k: v for k, v in state.slots.items() if k != SWITCH_TO})
        step = spec.step(state.step)
        asked = ASKED.get(type(step))
        typed = asked is not None and not msg.choice_id and not msg.command and global_command(text, None) is None
        # Free text is read before the step takes it (any text would do as an answer); so is a longer message
        # where a choice was asked, for a question only: a step's loose matching may find a choice in it.
        if typed and (asked == "free_text" or len(text.split()) >= QUESTION_WORDS):
            aside = await self._aside(ctx, spec, state, text, asked, only_question=asked != "free_text")
            if aside is not None:
                return aside
        transition = await advance(spec, state, ctx, text=text, choice_id=msg.choice_id, command=msg.command)
        if typed and asked != "free_text" and transition.state == state:  # none of the step's choices: read it
            aside = await self._aside(ctx, spec, state, text, asked)
            if aside is not None:
                return aside
        return transition

    async def _reask(self, ctx: DialogContext, spec: DialogSpec, state: State, *before: Reply) -> Transition:
        """`before`, then the current question again; the dialog stays where it was."""
        return Transition((*before, question(spec, state, ctx)), state)

    async def _aside(
        self, ctx: DialogContext, spec: DialogSpec, state: State, text: str, asked: str, *, only_question: bool = False
    ) -> Transition | None:
        """A typed message where the dialog waits for an answer (`asked`: free text, or a choice, yes/no or
        rating): None when it is an answer (the dialog takes it). Small talk said where free text was asked
        ("hello" as the story) is answered and the question asked again; a clear change of subject
        (`bot.nlp.message_kind.switched`: "actually, how was parking this week?"; with `only_question`, a
        question only) is offered as a switch, or, for what the person can't switch to, answered in a line."""
        read: MessageReading | None = None  # read once: `switched` reuses it
        if asked == "free_text" and len(text.split()) <= SMALLTALK_WORDS and normalise(text) not in SKIP_WORDS:
            reading = read = read_message(text, role=ctx.actor.role)
            # "no", "ok", "sure" may well answer the question ("Who helped?" "no"); an emoji alone can't
            step = spec.step(state.step)
            optional = isinstance(step, Ask) and step.optional  # "Anything else?": "😡😡" is what they have to say
            chatter = reading.detail in ("greeting", "thanks", "bye", "apology") or (
                reading.detail == "ack" and not any(ch.isalnum() for ch in text) and not optional)
            if reading.kind == SMALLTALK and chatter and reading.confidence >= 0.9:
                if reading.detail in ("thanks", "bye") and optional:
                    return await advance(spec, state, ctx, text="skip")  # "thanks!" to "Anything else?"
                aside = Reply(texts.smalltalk_in_dialog(reading.detail, spec.title))
                return await self._reask(ctx, spec, state, aside)
        reading = switched(text, role=ctx.actor.role, asked=asked, reading=read)
        if reading is None or (only_question and reading.kind != QUESTION):
            return None
        log.debug("%s's %s step: %s", spec.name, state.step, reading.reason)
        if reading.kind == SMALLTALK:  # "what can you do?"
            return await self._reask(ctx, spec, state, Reply(texts.capabilities(ctx.actor)))
        word = reading.detail if reading.kind == COMMAND else reading.kind
        if word == "ask" or reading.kind == QUESTION:
            if ctx.actor.role == "customer":  # a customer's question in the survey is their comment
                return None
            if ctx.actor.role != "manager":
                return await self._reask(ctx, spec, state, Reply(texts.NUMBERS_LATER))
            word = "ask"
        target = self._kind_spec(word)
        if target is None or target.name == spec.name or (
                target.roles is not None and ctx.actor.role not in target.roles):
            return None
        offer = texts.offer_switch(spec.title, target.title)
        return Transition((offer,), State(state.dialog, state.step, dict(state.slots, **{SWITCH_TO: text})))

    async def _after_switch_offer(
        self, ctx: DialogContext, spec: DialogSpec, state: State, msg: IncomingMessage, text: str
    ) -> Transition | None:
        """The answer to `offer_switch`: switch (the old dialog is dropped, the new subject begins with what
        was said), keep going (the question again), or None: anything else answers the dialog's question."""
        said = msg.choice_id or normalise(text)
        slots = {k: v for k, v in state.slots.items() if k != SWITCH_TO}
        if said in (texts.SWITCH, "switch", "yes", "1", "yes please"):
            begun = await self._begin(ctx, IncomingMessage(msg.key, text=str(state.slots[SWITCH_TO])),
                                      str(state.slots[SWITCH_TO]))
            return Transition((Reply(texts.dropped(spec.title)), *begun.replies), begun.state, begun.ended)
        if said in (texts.STAY, "keep going", "continue", "no", "2", "stay"):
            return await self._reask(ctx, spec, State(state.dialog, state.step, slots), Reply(texts.KEEP_GOING))
        return None

    async def _submit_form(self, ctx: DialogContext, row: DialogState | None, msg: IncomingMessage) -> Transition:
        """A one-screen form (e.g. a Slack modal) fills a dialog's slots; anything missing is asked."""
        spec = self._spec_for(msg.command or "")
        if spec is None:
            return Transition((Reply(texts.UNKNOWN_FORM),), None)
        if row is not None and row.dialog != spec.name and row.expires_at > ctx.now:
            other = self.dialogs.get(row.dialog, spec)
            return Transition((Reply(texts.busy(other.title)),), State(row.dialog, row.step, dict(row.slots)))
        answers = {k: v for k, v in (msg.form or {}).items() if isinstance(k, str) and not k.startswith("_")}
        return await start(spec, ctx, answers=answers)

    async def _after_expiry_prompt(
        self, ctx: DialogContext, spec: DialogSpec, state: State, msg: IncomingMessage, text: str
    ) -> Transition:
        said = msg.choice_id or normalise(text)
        slots = {k: v for k, v in state.slots.items() if k != "_expired"}
        if said in (RESUME, "continue", "1", "yes"):
            resumed = State(state.dialog, state.step, slots)
            again = await advance(spec, resumed, ctx, text="help")  # re-shows the current question
            return Transition((Reply(texts.RESUMED), again.replies[-1]), resumed)
        if said in (DISCARD, "start fresh", "2", "no"):
            menu = texts.menu(ctx.actor, self.dialogs.values())
            return Transition((Reply(texts.dropped(spec.title)), menu), None, ended="cancelled")
        # Anything else: treat it as a new message; the old conversation was announced as expired.
        return await self._begin(ctx, msg, text)

    # --- beginning something ----------------------------------------------------------------

    def _spec_for(self, word: str) -> DialogSpec | None:
        return self._words.get(normalise(word).lstrip("/"))

    def _answer(self, ctx: DialogContext, text: str) -> Transition:
        """`text`, then the menu; no dialog begins."""
        return Transition((Reply(text), texts.menu(ctx.actor, self.dialogs.values())), None)

    @staticmethod
    async def _run(command: Command, ctx: DialogContext, argument: str) -> Transition:
        return Transition(tuple(await command.run(ctx, argument)), None)

    async def _begin(self, ctx: DialogContext, msg: IncomingMessage, text: str) -> Transition:
        """No dialog is going on: a button, a command, a deep link, a dialog's word or prefix, a
        greeting, or free text (`_free_text`)."""
        if msg.choice_id:
            if msg.choice_id == texts.HELP:  # "did you mean"'s last button
                return self._answer(ctx, texts.capabilities(ctx.actor))
            if msg.choice_id.startswith("go:"):
                _, name, *payload = msg.choice_id.split(":", 2)
                if name in self.dialogs:
                    slots = {"payload": payload[0]} if payload and payload[0] else None
                    return await start(self.dialogs[name], ctx, slots=slots)
            return self._answer(ctx, texts.BUTTON_ENDED)
        command = normalise(msg.command).lstrip("/") if msg.command else None
        if command is None and any(normalise(text).startswith("start " + link.prefix) for link, _ in self._links):
            command, text = "start", text.strip()[len("start "):]  # a deep link typed out
        if command == "start":
            ref = text.strip()
            for link, spec in self._links:
                if ref.lower().startswith(link.prefix):
                    return await start(spec, ctx, slots={link.slot: ref[len(link.prefix):][:link.max_chars]})
            return self._answer(ctx, texts.welcome(ctx.actor))
        if command in self._command_words:
            return await self._run(self._command_words[command], ctx, text)
        if command in NOWHERE:
            return self._answer(ctx, texts.NOTHING_TO_CANCEL)
        if command is not None and command not in ("mot", "help"):
            spec = self._spec_for(command)
            if spec is None:
                return self._answer(ctx, texts.unknown_command(command))
            return await start(spec, ctx, text=text)
        if command == "mot" and text.strip():  # "/mot story …", "/mot privacy on"
            first, _, rest = text.strip().partition(" ")
            if normalise(first) in self._command_words:
                return await self._run(self._command_words[normalise(first)], ctx, rest)
            spec = self._spec_for(first)
            if spec is not None:
                return await start(spec, ctx, text=rest)
        said = normalise(text)
        if command == "help" or global_command(text, None) == "help":
            return self._answer(ctx, texts.help_text(ctx.actor))
        if global_command(text, None) in NOWHERE:
            return self._answer(ctx, texts.NOTHING_TO_CANCEL)
        if said in self._command_phrases:
            return await self._run(self._command_phrases[said], ctx, text)
        spec = self._spec_for(said) if said else None
        if spec is not None:
            return await start(spec, ctx)
        for word, spec in self._words.items():  # "story: today a lady…"
            if said.startswith(word + ":"):
                return await start(spec, ctx, text=text.strip()[len(word) + 1 :])
        if not said or said in GREETINGS:
            return self._answer(ctx, texts.welcome(ctx.actor))
        return await self._free_text(ctx, text)

    # --- what an unprompted message is --------------------------------------------------------

    def _kind_spec(self, word: str | None) -> DialogSpec | None:
        """The dialog that answers to a reading's kind or command (`KIND_WORDS`), looked up by its words."""
        return self._spec_for(KIND_WORDS.get(word or "", word or "")) if word else None

    async def _free_text(self, ctx: DialogContext, text: str) -> Transition:
        """An unprompted message that no command, phrase or dialog word decided: what it is is read by
        `bot.nlp.message_kind.read_message` (from the text and the speaker's role; its reason is logged at
        debug level), and the kind decides: a story, a problem or a question starts the dialog answering
        to that word (`story`, `problem`, `ask`); small talk is answered briefly; the unclear get "did you
        mean …" buttons. Staff and customers asking for numbers are told what they can do instead."""
        reading = read_message(text, role=ctx.actor.role)
        log.debug("free text read as %s (%.2f): %s", reading.kind, reading.confidence, reading.reason)
        actor, kind = ctx.actor, reading.kind
        # unclear or small talk, or a manager's chatty request read as a story: a follow-up to their last question?
        if kind not in (COMMAND, QUESTION, STORY, PROBLEM, FEEDBACK) or (
                kind == STORY and actor.role == "manager" and sounds_like_a_request(text)):
            claimed = await self._claimed(ctx, text)
            if claimed is not None:
                return claimed
        if kind == COMMAND:
            return await self._by_command(ctx, reading.detail, reading.alternatives)
        if kind == SMALLTALK:
            return self._smalltalk(ctx, reading.detail)
        if kind == QUESTION and actor.role != "manager":
            return self._answer(ctx, texts.for_managers(actor))
        spec = self._kind_spec(kind)
        if spec is not None and (spec.roles is None or actor.role in spec.roles):
            idea = {"fix": text.strip()} if kind == PROBLEM and reading.detail == SUGGESTION else None
            begun = await start(spec, ctx, text=text, answers=idea)  # an idea is also what would fix it
            if kind == FEEDBACK and (begun.state is not None or ctx.team is not None):  # the survey asks its own
                thanks = texts.FEEDBACK_MORE if begun.state is not None else texts.FEEDBACK_THANKS  # questions: what
                return Transition((Reply(thanks), *begun.replies), begun.state, begun.ended)  # was said is thanked for
            return begun
        if kind == PROBLEM:
            return self._answer(ctx, texts.FLAGGED + texts.PROBLEM_SOON)
        if kind == FEEDBACK:
            return self._answer(ctx, texts.FEEDBACK_HINT)
        return self._did_you_mean(ctx, reading.alternatives)

    async def _claimed(self, ctx: DialogContext, text: str) -> Transition | None:
        """The dialog that claims `text` as a follow-up (`DialogSpec.claims`: "Sam?" after a manager's question
        about Alice's stories), started with it; None when no dialog does."""
        for spec in self.dialogs.values():
            if spec.claims is not None and (spec.roles is None or ctx.actor.role in spec.roles) and (
                    await spec.claims(ctx, text)):
                return await start(spec, ctx, text=text)
        return None

    async def _by_command(self, ctx: DialogContext, detail: str | None, alternatives: Sequence[str]) -> Transition:
        """A command in other words ("I'd like to log a great moment", "take me to the menu")."""
        if detail == "help":
            return self._answer(ctx, texts.help_text(ctx.actor))
        if detail in NOWHERE:
            return self._answer(ctx, texts.NOTHING_TO_CANCEL)
        if detail in ("menu", "start"):
            return self._answer(ctx, texts.welcome(ctx.actor))
        if detail == CALLBACK:
            return self._answer(ctx, texts.callback(ctx.actor)) if ctx.actor.role == "customer" else (
                self._did_you_mean(ctx, alternatives))
        if detail == "privacy":  # not one of the exact phrases: toggling on a guess would be wrong
            return Transition((Reply(texts.PRIVACY_HINT),), None)
        if detail == "ask" and ctx.actor.role != "manager":
            return self._answer(ctx, texts.for_managers(ctx.actor))
        spec = self._kind_spec(detail)
        if spec is not None and (spec.roles is None or ctx.actor.role in spec.roles):
            return await start(spec, ctx)
        if detail == PROBLEM:
            return self._answer(ctx, texts.PROBLEM_SOON)
        return self._did_you_mean(ctx, alternatives)

    def _smalltalk(self, ctx: DialogContext, detail: str | None) -> Transition:
        """Greetings, thanks, goodbyes, "what can you do?", "ok", emoji: warmly, briefly."""
        if detail == "greeting":
            return self._answer(ctx, texts.welcome(ctx.actor))
        if detail == "thanks":
            return Transition((Reply(texts.THANKS),), None)
        if detail == "bye":
            return Transition((Reply(texts.BYE),), None)
        if detail == "capabilities":
            return self._answer(ctx, texts.capabilities(ctx.actor))
        if detail == "apology":
            return self._answer(ctx, f"{texts.NO_HARM} {texts.ack(ctx.actor).removeprefix('👍 ')}")
        if detail == "chat":
            return self._answer(ctx, texts.chat(ctx.actor))
        return self._answer(ctx, texts.ack(ctx.actor))

    def _did_you_mean(self, ctx: DialogContext, alternatives: Sequence[str]) -> Transition:
        """2-3 buttons: the dialogs the likeliest kinds name, then the rest of the role's menu."""
        actor = ctx.actor
        allowed = [spec for spec in self.dialogs.values()
                   if spec.menu and (spec.roles is None or actor.role in spec.roles)]
        picked: list[DialogSpec] = []
        for spec in [self._kind_spec(kind) for kind in alternatives] + allowed:
            if spec in allowed and spec not in picked:
                picked.append(spec)
        choices = tuple(Choice(f"go:{spec.name}", spec.menu or spec.title) for spec in picked[:3])
        if len(choices) < 2:  # e.g. a customer, who has one thing to do: what else there is
            choices += (Choice(texts.HELP, texts.HELP_LABEL),)
        return Transition((texts.did_you_mean(choices),), None)
