"""One message in, replies out: who is speaking, which dialog, advance it, save state and the turn
log, all in one database transaction. The same platform message id is processed once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from bot import store
from bot.config import Settings
from bot.cycle import Cycle
from bot.dialogs.engine import (
    Actor,
    DialogContext,
    DialogSpec,
    Reply,
    State,
    Transition,
    advance,
    global_command,
    normalise,
    start,
)
from bot.dialogs.service import Services
from bot.events import Choice, ConversationKey, IncomingMessage, OutgoingMessage
from bot.models import DialogState, Team, utcnow
from bot.nlp.redact import redact
from bot.pseudonym import Pseudonymiser

log = logging.getLogger(__name__)

CommandHandler = Callable[[DialogContext, str], Awaitable[list[Reply]]]
GREETINGS = {"hi", "hello", "hey", "hallo", "hola", "start", "menu", "good morning", "good afternoon", "yo"}
STORY_MIN_WORDS = 8
RESUME, DISCARD = "resume", "discard"


@dataclass(slots=True)
class Router:
    sessionmaker: Any
    settings: Settings
    cycles: dict[str, Cycle]
    dialogs: Mapping[str, DialogSpec]
    suggest: Callable[[str, Cycle], list[tuple[str, float]]]
    redact: Callable[[str], str]
    pseudonym: Pseudonymiser
    clock: Callable[[], datetime] = utcnow
    commands: dict[str, CommandHandler] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)  # normalised phrase -> command name
    extras: dict[str, Any] = field(default_factory=dict)

    async def handle(self, msg: IncomingMessage) -> list[OutgoingMessage]:
        """Process one incoming message; returns the replies for the adapter to send.
        The adapters take one conversation's turns one at a time (`bot.adapters.turn.TurnOrder`);
        across processes, and for callers that don't, the state row's version number catches a race
        and the message is retried on fresh state."""
        for attempt in range(3):
            try:
                return await self._handle_once(msg)
            except store.StaleStateError:
                log.info("conversation advanced elsewhere, retrying (%s)", attempt + 1)
        return [OutgoingMessage(msg.key, "Sorry, I got two messages at once. Please send that again.")]

    async def _handle_once(self, msg: IncomingMessage) -> list[OutgoingMessage]:
        now = self.clock()
        # Platform message ids are stored and logged only as keyed pseudonyms: for a customer, the id
        # itself names their chat (bot/pseudonym.py).
        event_id = self.pseudonym(msg.message_id, purpose="event") if msg.message_id else None
        async with self.sessionmaker() as session, session.begin():
            if event_id and not await store.claim_event(
                session=session, source=str(msg.key.platform), event_id=event_id
            ):
                log.info("duplicate delivery of %s event %s ignored", msg.key.platform, event_id)
                return []
            actor, team = await self._who(session, msg.key)
            services = Services(session, self.settings, self.cycles, self.suggest, self.redact, self.extras)
            cycle = self.cycles.get(team.cycle_id) if team else None
            ctx = DialogContext(msg.key, now, actor, team, cycle, services)
            conversation = self.conversation_ref(msg.key, actor)
            text, notes = self._clip(msg.text)
            keeps_original = self._keeps_original(actor, team)
            if not keeps_original:
                # Personal data never waits raw in a conversation's slots: redacted as it comes in.
                text, msg = self._redact_incoming(text, actor, team), self._redacted_form(msg)
            # The turn log is redacted too; only a team that keeps originals still has raw text here.
            logged = self.redact if keeps_original else str
            row = await store.load_dialog_state(session=session, conversation=conversation)
            transition = await self._dispatch(ctx, row, msg, text)
            await self._persist(session, conversation, row, transition, now)
            dialog = transition.state.dialog if transition.state else (row.dialog if row else None)
            replies = [*notes, *transition.replies]
            step_out = transition.state.step if transition.state else None
            await store.append_turns(session=session, turns=[
                {"conversation": conversation, "direction": "in", "dialog": dialog, "step": row.step if row else None,
                 "text": logged(text), "choice_id": msg.choice_id, "message_id": event_id},
                *({"conversation": conversation, "direction": "out", "dialog": dialog, "step": step_out,
                   "text": logged(reply.text)} for reply in replies),
            ])
        private = msg.public and self._answers_privately(actor, team)
        return [OutgoingMessage(msg.key, r.text, r.choices, r.image_path, private=private) for r in replies]

    @staticmethod
    def _answers_privately(actor: Actor, team: Team | None) -> bool:
        """A manager's conversation in a channel carries numbers and customers' quotes: shown to the
        manager alone unless the team allows answers in channels (`answer_in_channels`)."""
        return actor.role == "manager" and not (team is not None and team.settings.get("answer_in_channels"))

    @staticmethod
    def _keeps_original(actor: Actor, team: Team | None) -> bool:
        """Teams may keep the original text of staff stories (`keep_original_text`); customers' text
        is always redacted."""
        return actor.role != "customer" and team is not None and bool(team.settings.get("keep_original_text"))

    def _redact_incoming(self, text: str, actor: Actor, team: Team | None) -> str:
        """Contact details always; person names too in customers' messages when the team asks for it
        (`redact_customer_names`)."""
        if actor.role == "customer" and team is not None and team.settings.get("redact_customer_names"):
            return redact(text, names=True).text
        return self.redact(text)

    def _redacted_form(self, msg: IncomingMessage) -> IncomingMessage:
        if not msg.form:
            return msg
        form = {k: self.redact(v) if isinstance(v, str) else v for k, v in msg.form.items()}
        return replace(msg, form=form)

    # --- who and where ----------------------------------------------------------------------

    async def _who(self, session: Any, key: ConversationKey) -> tuple[Actor, Team | None]:
        person, team = await store.get_person_and_team(session=session, person_id=key.person_id)
        if person is not None:
            return Actor(person.id, person.display_name, person.role, person.team_id), team
        team = None
        if self.settings.default_team:
            team = await store.get_team(session=session, team_id=self.settings.default_team)
        if team is None:
            teams = await store.list_teams(session=session)
            team = teams[0] if len(teams) == 1 else None
        return Actor(None, "there", "customer", team.id if team else None), team

    def conversation_ref(self, key: ConversationKey, actor: Actor) -> str:
        """Staff conversations are keyed by platform identity; customers' by a keyed pseudonym, so no
        customer platform id is stored unless they opt in to be contacted."""
        if actor.role != "customer":
            return str(key)
        return "anon:" + self.pseudonym(str(key), purpose="conversation")

    def _clip(self, text: str) -> tuple[str, list[Reply]]:
        limit = self.settings.max_message_chars
        text = text.replace("\x00", "")
        if len(text) <= limit:
            return text, []
        return text[:limit], [Reply(f"That's a long message! I kept the first {limit:,} characters.")]

    # --- choosing the dialog ----------------------------------------------------------------

    async def _dispatch(self, ctx: DialogContext, row: DialogState | None, msg: IncomingMessage, text: str) -> Transition:
        if msg.form is not None:
            return await self._submit_form(ctx, row, msg)
        if row is not None and row.dialog in self.dialogs:
            spec = self.dialogs[row.dialog]
            state = State(row.dialog, row.step, dict(row.slots))
            if state.slots.get("_expired"):
                return await self._after_expiry_prompt(ctx, spec, state, msg, text)
            if row.expires_at <= ctx.now:
                return self._expired(spec, state, row.updated_at)
            if self._is_restart_button(msg, spec):  # e.g. a drill-down button of an earlier answer
                _, name, payload = msg.choice_id.split(":", 2)  # type: ignore[union-attr]
                return await start(spec, ctx, slots={"payload": payload})
            other = self._explicit_other_dialog(msg, text, spec)
            if other:
                hint = Reply(f"We're in the middle of your {spec.title}. Finish it first, or type *cancel* to drop it.")
                return Transition((hint,), state)
            return await advance(spec, state, ctx, text=text, choice_id=msg.choice_id, command=msg.command)
        return await self._begin(ctx, msg, text)

    async def _submit_form(self, ctx: DialogContext, row: DialogState | None, msg: IncomingMessage) -> Transition:
        """A one-screen form (e.g. a Slack modal) fills a dialog's slots; anything missing is asked."""
        spec = self._dialog_for_word(msg.command or "")
        if spec is None:
            return Transition((Reply("Sorry, I don't know that form."),), None)
        if row is not None and row.dialog != spec.name and row.expires_at > ctx.now:
            other = self.dialogs[row.dialog] if row.dialog in self.dialogs else spec
            hint = f"We're in the middle of your {other.title}. Finish it first, or type *cancel* to drop it."
            return Transition((Reply(hint),), State(row.dialog, row.step, dict(row.slots)))
        answers = {k: v for k, v in (msg.form or {}).items() if isinstance(k, str) and not k.startswith("_")}
        return await start(spec, ctx, answers=answers)

    def _expired(self, spec: DialogSpec, state: State, since: datetime) -> Transition:
        slots = dict(state.slots, _expired=True)
        when = since.strftime("%d %b %H:%M UTC")
        reply = Reply(
            f"Welcome back! Our {spec.title} from {when} timed out before we finished. Continue where we left off?",
            (Choice(RESUME, "Continue"), Choice(DISCARD, "Start fresh")),
        )
        return Transition((reply,), State(state.dialog, state.step, slots))

    async def _after_expiry_prompt(
        self, ctx: DialogContext, spec: DialogSpec, state: State, msg: IncomingMessage, text: str
    ) -> Transition:
        said = msg.choice_id or normalise(text)
        slots = {k: v for k, v in state.slots.items() if k != "_expired"}
        if said in (RESUME, "continue", "1", "yes"):
            resumed = State(state.dialog, state.step, slots)
            again = await advance(spec, resumed, ctx, text="help")  # re-shows the current question
            return Transition((Reply("Great, let's continue."), again.replies[-1]), resumed)
        if said in (DISCARD, "start fresh", "2", "no"):
            menu = self._menu(ctx)
            return Transition((Reply(f"Okay, I dropped that {spec.title}."), menu), None, ended="cancelled")
        # Anything else: treat it as a new message; the old conversation was announced as expired.
        return await self._begin(ctx, msg, text)

    @staticmethod
    def _is_restart_button(msg: IncomingMessage, current: DialogSpec) -> bool:
        """A button that starts the current dialog afresh with a payload ("go:ask:detail:…").
        Only payload buttons: a plain "go:story" mid-story must not drop the half-told story."""
        parts = (msg.choice_id or "").split(":", 2)
        return len(parts) == 3 and parts[0] == "go" and parts[1] == current.name and bool(parts[2])

    def _explicit_other_dialog(self, msg: IncomingMessage, text: str, current: DialogSpec) -> bool:
        if msg.choice_id and msg.choice_id.startswith("go:"):
            return msg.choice_id.split(":")[1] != current.name
        if msg.command and msg.command not in ("help", "cancel", "back", "restart"):
            target = self._dialog_for_word(msg.command)
            return target is not None and target.name != current.name
        return False

    def _dialog_for_word(self, word: str) -> DialogSpec | None:
        word = normalise(word).lstrip("/")
        for spec in self.dialogs.values():
            if word == spec.name or word in spec.triggers:
                return spec
        return None

    async def _begin(self, ctx: DialogContext, msg: IncomingMessage, text: str) -> Transition:
        role = ctx.actor.role
        if msg.choice_id:
            if msg.choice_id.startswith("go:"):
                _, name, *rest = msg.choice_id.split(":", 2)
                if name in self.dialogs:
                    payload = rest[0] if rest else None
                    return await start(self.dialogs[name], ctx, slots={"payload": payload} if payload else None)
            return Transition((Reply("That button belongs to a conversation that has ended."), self._menu(ctx)), None)
        command = normalise(msg.command).lstrip("/") if msg.command else None
        if command is None and normalise(text).startswith("start visit_"):
            command, text = "start", text.strip()[len("start "):]
        if command == "start":
            ref = text.strip()
            if ref.lower().startswith("visit_") and "visit_survey" in self.dialogs:
                return await start(self.dialogs["visit_survey"], ctx, slots={"visit_ref": ref[len("visit_"):][:64]})
            return Transition((Reply(self._welcome(ctx)), self._menu(ctx)), None)
        if command in self.commands:
            return Transition(tuple(await self.commands[command](ctx, text)), None)
        if command in ("cancel", "back", "restart"):  # advertised in every conversation; here there is none
            return Transition((Reply("We're not in the middle of anything."), self._menu(ctx)), None)
        if command is not None and command not in ("mot", "help"):
            spec = self._dialog_for_word(command)
            if spec is None:
                return Transition((Reply(f"Sorry, I don't know the command /{command}."), self._menu(ctx)), None)
            return await start(spec, ctx, text=text)
        if command == "mot" and text.strip():
            first, _, rest = text.strip().partition(" ")
            if normalise(first) in self.commands:
                return Transition(tuple(await self.commands[normalise(first)](ctx, rest)), None)
            spec = self._dialog_for_word(first)
            if spec is not None:
                return await start(spec, ctx, text=rest)
        said = normalise(text)
        if command == "help" or global_command(text, None) == "help":
            return Transition((Reply(self._help(ctx)), self._menu(ctx)), None)
        if global_command(text, None) in ("cancel", "back", "restart"):
            return Transition((Reply("We're not in the middle of anything."), self._menu(ctx)), None)
        if said in self.phrases and self.phrases[said] in self.commands:
            return Transition(tuple(await self.commands[self.phrases[said]](ctx, text)), None)
        spec = self._dialog_for_word(said) if said else None
        if spec is not None:
            return await start(spec, ctx)
        for candidate in self.dialogs.values():  # "story: today a lady…"
            for trigger in (candidate.name, *candidate.triggers):
                if said.startswith(trigger + ":"):
                    return await start(candidate, ctx, text=text.strip()[len(trigger) + 1 :])
        if not said or said in GREETINGS:
            return Transition((Reply(self._welcome(ctx)), self._menu(ctx)), None)
        if role == "manager" and "ask" in self.dialogs:
            return await start(self.dialogs["ask"], ctx, text=text)
        if role == "staff" and len(said.split()) >= STORY_MIN_WORDS and "story" in self.dialogs:
            return await start(self.dialogs["story"], ctx, text=text)
        return Transition((Reply("Sorry, I didn't understand that."), self._menu(ctx)), None)

    # --- texts ------------------------------------------------------------------------------

    def _welcome(self, ctx: DialogContext) -> str:
        name = ctx.actor.display_name
        if ctx.actor.role == "customer":
            return "Hello! 👋 I collect feedback about your visit, anonymously. Tap *Give feedback* to start."
        return f"Hi {name}! 👋 I collect great customer moments so the whole team can learn from them."

    def _help(self, ctx: DialogContext) -> str:
        role = ctx.actor.role
        lines = ["Here's what I can do:"]
        if role in ("staff", "manager"):
            lines.append("• *story* — tell me about a great customer moment (or just write it to me)")
        lines.append("• *feedback* — rate the moments of a visit, anonymously")
        if role == "manager":
            lines.append("• ask in plain words, e.g. *which MOTs are weakest this week?*")
        lines.append("In a conversation: *back*, *restart*, *cancel*, *help*.")
        return "\n".join(lines)

    def _menu(self, ctx: DialogContext) -> Reply:
        role = ctx.actor.role
        choices: list[Choice] = []
        if role in ("staff", "manager") and "story" in self.dialogs:
            choices.append(Choice("go:story", "Tell a story"))
        if role == "manager" and "ask" in self.dialogs:
            choices.append(Choice("go:ask", "Ask a question"))
        if "visit_survey" in self.dialogs:
            choices.append(Choice("go:visit_survey", "Give feedback"))
        return Reply("What would you like to do?", tuple(choices))

    # --- persistence ------------------------------------------------------------------------

    async def _persist(
        self, session: Any, conversation: str, row: DialogState | None, transition: Transition, now: datetime
    ) -> None:
        expected = row.version if row is not None else None
        if transition.state is None:
            if row is not None:
                await store.delete_dialog_state(session=session, conversation=conversation, expected_version=row.version)
            return
        state = transition.state
        expires = now + timedelta(minutes=self.settings.dialog_timeout_minutes)
        await store.save_dialog_state(
            session=session, conversation=conversation, dialog=state.dialog, step=state.step,
            slots=state.slots, expires_at=expires, expected_version=expected,
        )
