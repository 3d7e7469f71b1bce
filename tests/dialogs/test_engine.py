"""The engine on a toy dialog: declared steps, named state, global commands, bad input."""

from datetime import UTC, datetime

import pytest

from bot.dialogs.engine import (
    END,
    Act,
    ActResult,
    Actor,
    Ask,
    Choose,
    Confirm,
    DialogContext,
    DialogSpec,
    Each,
    InvalidInput,
    Reply,
    advance,
    match_choice,
    start,
)
from bot.events import Choice, ConversationKey, Platform

COLOURS = (Choice("red", "Red"), Choice("green", "Green"), Choice("blue", "Blue"))
saved: list[dict] = []


def _age(text: str) -> int:
    if not text.strip().isdigit() or not 0 < int(text) < 130:
        raise InvalidInput("Please give an age between 1 and 129.")
    return int(text)


async def _greet(ctx, slots):
    return ActResult(replies=(Reply(f"Hello {slots['name']}!"),))


async def _done(ctx, slots):
    saved.append(slots)
    return [Reply("saved")]


SPEC = DialogSpec(
    name="toy",
    title="toy",
    steps=(
        Ask("name", "Your name?", slot="name"),
        Act("greet", _greet),
        Ask("age", "Your age?", slot="age", validate=_age),
        Choose("colour", "Colour?", slot="colour", choices=COLOURS),
        Each("rate", items=lambda c, s: (Choice("a", "A"), Choice("b", "B")), prompt=lambda i, n, t: f"rate {i.label}",
             choices=(Choice("up", "Up"), Choice("down", "Down"), Choice("skip", "Skip")), slot="rates"),
        Ask("note", "Note?", slot="note", optional=True),
        Confirm("ok", "Sure?", slot="ok"),
    ),
    on_complete=_done,
)
CTX = DialogContext(ConversationKey(Platform.CONSOLE, "c", "u"), datetime(2026, 1, 1, tzinfo=UTC),
                    Actor("console:u", "U", "staff", "t"), None, None, None)


async def run(*inputs):
    t = await start(SPEC, CTX)
    for item in inputs:
        kwargs = {"choice_id": item[1:]} if isinstance(item, str) and item.startswith("#") else {"text": item}
        t = await advance(SPEC, t.state, CTX, **kwargs)
    return t


async def test_happy_path_runs_acts_and_completes():
    saved.clear()
    t = await run("Ann", "42", "2", "#up", "skip", "lovely", "yes")
    assert t.ended == "completed" and t.state is None
    assert saved[-1] == {"name": "Ann", "age": 42, "colour": "green", "rates": {"a": "up"}, "note": "lovely", "ok": True}


async def test_act_reply_and_named_state():
    t = await run("Ann")
    assert [r.text for r in t.replies] == ["Hello Ann!", "Your age?"]
    assert t.state.step == "age" and t.state.slots["name"] == "Ann"


@pytest.mark.parametrize("bad", ["", "   ", "🙂🙂", "!!!"])
async def test_empty_or_symbol_only_text_reprompts(bad):
    t = await run(bad)
    assert t.state.step == "name"
    assert "few words" in t.replies[0].text and t.replies[-1].text == "Your name?"


async def test_validation_error_reprompts_same_step():
    t = await run("Ann", "500")
    assert t.state.step == "age" and "between 1 and 129" in t.replies[0].text


@pytest.mark.parametrize(("said", "expected"), [("1", "red"), ("Blue", "blue"), ("gre", "green"), ("GREEN!", "green")])
async def test_choice_by_number_label_or_prefix(said, expected):
    t = await run("Ann", "42", said)
    assert t.state.slots["colour"] == expected


@pytest.mark.parametrize("said", ["9", "0", "-1", "purple", "99999999999999999999"])
async def test_out_of_range_choice_reprompts(said):
    t = await run("Ann", "42", said)
    assert t.state.step == "colour" and "didn't catch" in t.replies[0].text


async def test_stale_button_reprompts():
    t = await run("Ann", "42", "#nope")
    assert t.state.step == "colour" and "earlier question" in t.replies[0].text


async def test_back_goes_to_previous_question_and_through_each_items():
    t = await run("Ann", "42", "red", "#up")
    assert t.state.step == "rate" and t.replies[-1].text == "rate B"
    t = await advance(SPEC, t.state, CTX, text="back")
    assert t.state.step == "rate" and t.replies[-1].text == "rate A"
    t = await advance(SPEC, t.state, CTX, text="back")
    assert t.state.step == "colour"


async def test_cancel_restart_help():
    t = await run("Ann", "42")
    assert (await advance(SPEC, t.state, CTX, text="cancel")).ended == "cancelled"
    r = await advance(SPEC, t.state, CTX, text="restart")
    assert r.state.step == "name" and "name" not in r.state.slots
    h = await advance(SPEC, t.state, CTX, text="help")
    assert h.state == t.state and "back" in h.replies[0].text


async def test_yes_no_variants():
    for said, value in [("Yes", True), ("nope", False), ("👍", True), ("oui", True)]:
        saved.clear()
        t = await run("Ann", "42", "red", "#up", "#down", "skip", said)
        assert t.ended == "completed" and saved[-1]["ok"] is value
    t = await run("Ann", "42", "red", "#up", "#down", "skip", "maybe")
    assert t.state.step == "ok" and "yes" in t.replies[0].text


async def test_start_with_text_answers_first_question():
    t = await start(SPEC, CTX, text="Bob")
    assert t.state.step == "age" and t.replies[0].text == "Hello Bob!"


async def test_unknown_step_in_stored_state_restarts_politely():
    t = await run("Ann")
    from bot.dialogs.engine import State

    t2 = await advance(SPEC, State("toy", "removed-step", t.state.slots), CTX, text="x")
    assert "changed" in t2.replies[0].text and t2.state.step == "name"


def test_match_choice():
    assert match_choice(COLOURS, "", None) is None
    assert match_choice(COLOURS, "2", None).id == "green"
    assert match_choice(COLOURS, "x", "blue").id == "blue"


async def test_role_refusal():
    spec = DialogSpec(name="m", title="m", steps=SPEC.steps, on_complete=_done, roles=frozenset({"manager"}),
                      refusal="managers only")
    t = await start(spec, CTX)
    assert t.state is None and t.replies[0].text == "managers only"


async def test_answers_up_front_skip_their_questions():
    saved.clear()
    t = await start(SPEC, CTX, answers={"name": "Zoe", "colour": "blue", "note": ""})
    assert t.state.step == "age" and t.replies[0].text == "Hello Zoe!"
    t = await advance(SPEC, t.state, CTX, text="30")
    assert t.state.step == "rate"  # colour was answered by the form
    for said in ("#up", "#up", "yes"):
        t = await advance(SPEC, t.state, CTX, **({"choice_id": said[1:]} if said[0] == "#" else {"text": said}))
    assert t.ended == "completed" and saved[-1]["colour"] == "blue" and saved[-1]["age"] == 30


# --- specs are checked when built ----------------------------------------------------------------


def _spec(*steps):
    return DialogSpec(name="bad", title="bad", steps=steps, on_complete=_done)


def test_spec_with_a_repeated_step_name_is_refused():
    with pytest.raises(ValueError, match=r"dialog bad, step name: the step name is repeated"):
        _spec(Ask("name", "Name?", slot="name"), Ask("name", "Again?", slot="other"))


def test_spec_whose_next_names_no_step_is_refused():
    with pytest.raises(ValueError, match=r"dialog bad, step name: no step 'nowhere' to go to"):
        _spec(Ask("name", "Name?", slot="name", next="nowhere"), Confirm("ok", "Sure?", slot="ok"))


def test_spec_whose_act_may_go_to_no_step_is_refused():
    with pytest.raises(ValueError, match=r"dialog bad, step greet: no step 'typo' to go to"):
        _spec(Act("greet", _greet, exits=("name", "typo")), Ask("name", "Name?", slot="name"))


def test_spec_naming_a_step_like_the_end_is_refused():
    with pytest.raises(ValueError, match="reserved"):
        _spec(Ask(END, "Name?", slot="name"))


def test_next_and_exits_may_name_the_end():
    spec = _spec(Act("greet", _greet, exits=(END,)), Ask("name", "Name?", slot="name", next=END))
    assert [s.name for s in spec.steps] == ["greet", "name"]


async def test_an_act_going_where_it_did_not_declare_fails_loudly():
    async def wander(ctx, slots):
        return ActResult(goto="name")

    spec = _spec(Act("wander", wander), Ask("name", "Name?", slot="name"))
    with pytest.raises(ValueError, match="dialog bad, step wander: goto 'name' is not in its exits"):
        await start(spec, CTX)


def test_shipped_specs_are_valid_and_their_next_functions_pure():
    """Every shipped spec was checked when imported; a `next` callable leaves the slots alone."""
    from bot.app import build_dialogs

    for spec in build_dialogs().values():
        for step in spec.steps:
            if callable(step.next):
                slots = {"mot": "other", "ratings": {"a": "shining", "b": "irritating"}, "mots": ["a", "b"]}
                before = repr(slots)
                assert step.next(CTX, slots) in {s.name for s in spec.steps} | {END}
                assert repr(slots) == before, (spec.name, step.name)


# --- issue 12: answers in people's words --------------------------------------------------------------

@pytest.mark.parametrize(("said", "expected"), [("number 3", "blue"), ("the green one", "green"), ("gren", "green"),
                                                ("second", "green"), ("BLUE please", "blue")])
async def test_choice_in_peoples_words(said, expected):
    t = await run("Ann", "42", said)
    assert t.state.slots["colour"] == expected


async def test_unreadable_choice_is_asked_again_with_its_choices():
    t = await run("Ann", "42", "turquoise")
    hint, question = t.replies
    assert "Sorry" not in hint.text and "Red / Green / Blue" in hint.text and "number" in hint.text
    assert question.text == "Colour?" and [c.id for c in question.choices] == ["red", "green", "blue"]


async def test_two_close_choices_are_offered_by_name():
    spec = DialogSpec(name="pair", title="pair", on_complete=_done, steps=(
        Choose("which", "Which?", slot="which", choices=(Choice("a", "Red apple"), Choice("b", "Green apple"))),))
    t = await advance(spec, (await start(spec, CTX)).state, CTX, text="apple")
    assert "*Red apple* or *Green apple*" in t.replies[0].text and t.state.step == "which"


@pytest.mark.parametrize(("said", "value"), [("yes please", True), ("yep!", True), ("sure, go ahead", True),
                                             ("ok", True), ("no thanks", False), ("nah", False), ("👎", False),
                                             ("Ja", True), ("sí", True), ("nein", False), ("2", False)])
async def test_confirm_in_peoples_words(said, value):
    saved.clear()
    t = await run("Ann", "42", "red", "#up", "#down", "skip", said)
    assert t.ended == "completed" and saved[-1]["ok"] is value


async def test_unreadable_yes_no_keeps_its_buttons():
    t = await run("Ann", "42", "red", "#up", "#down", "skip", "perhaps")
    assert "yes" in t.replies[0].text and [c.id for c in t.replies[1].choices] == ["yes", "no"]


def _mood(text: str) -> tuple[str | None, str | None]:
    """A toy reader: 'up' or 'down' somewhere in the text, the text kept when it has more words."""
    found = "up" if "happy" in text else "down" if "sad" in text else None
    return found, (text if len(text.split()) > 1 else None)


READ_SPEC = DialogSpec(
    name="read", title="read", on_complete=_done,
    steps=(Each("rate", items=lambda c, s: (Choice("a", "A"), Choice("b", "B")),
                prompt=lambda i, n, t: f"rate {i.label}",
                choices=(Choice("up", "Up"), Choice("down", "Down"), Choice("skip", "Skip")), slot="rates",
                read=_mood, comments="said"),),
)


async def test_each_reads_free_text_and_keeps_it_as_a_comment():
    saved.clear()
    t = await start(READ_SPEC, CTX)
    t = await advance(READ_SPEC, t.state, CTX, text="the A part made me happy")
    assert t.replies[-1].text == "rate B"
    t = await advance(READ_SPEC, t.state, CTX, text="up")
    assert t.ended == "completed"
    assert saved[-1]["rates"] == {"a": "up", "b": "up"} and saved[-1]["said"] == {"a": "the A part made me happy"}


async def test_each_with_unreadable_text_asks_again_with_choices():
    t = await start(READ_SPEC, CTX)
    t = await advance(READ_SPEC, t.state, CTX, text="no idea what to say here")
    assert t.state.step == "rate" and [c.id for c in t.replies[-1].choices] == ["up", "down", "skip"]


async def test_a_yes_to_a_choice_asks_which_one():
    t = await run("Ann", "42", "yeah")
    assert t.state.step == "colour" and t.replies[0].text.startswith("Which one do you mean? Red / Green / Blue")


async def test_each_keeps_words_without_a_choice_and_files_them_with_the_choice_that_follows():
    saved.clear()
    t = await start(READ_SPEC, CTX)
    t = await advance(READ_SPEC, t.state, CTX, text="they called my name twice in the end")
    assert t.state.step == "rate" and t.replies[0].text.startswith("Thanks, I've noted that")
    assert t.replies[-1].text == "rate A" and [c.id for c in t.replies[-1].choices] == ["up", "down", "skip"]
    t = await advance(READ_SPEC, t.state, CTX, text="down")
    assert t.replies[-1].text == "rate B"
    t = await advance(READ_SPEC, t.state, CTX, text="skip")
    assert t.ended == "completed"
    assert saved[-1]["rates"] == {"a": "down"} and saved[-1]["said"] == {"a": "they called my name twice in the end"}
    assert "_noted" not in saved[-1]


async def test_each_noted_words_belong_to_their_item_only():
    saved.clear()
    t = await start(READ_SPEC, CTX)
    t = await advance(READ_SPEC, t.state, CTX, text="they called my name twice in the end")
    t = await advance(READ_SPEC, t.state, CTX, text="skip")  # skipped: the words go with it
    t = await advance(READ_SPEC, t.state, CTX, text="up")
    assert t.ended == "completed" and saved[-1]["rates"] == {"b": "up"} and saved[-1]["said"] == {}


async def test_each_short_unreadable_answer_is_not_noted():
    t = await start(READ_SPEC, CTX)
    t = await advance(READ_SPEC, t.state, CTX, text="what")
    assert not t.replies[0].text.startswith("Thanks") and "_noted" not in t.state.slots

async def test_a_strict_choice_takes_number_label_or_id_and_gives_the_rest_to_its_parser():
    """`loose=False` (the story's card): "what?" shares a word with "Edit what you did" but is no choice."""
    choices = (Choice("save", "Save"), Choice("edit_action", "Edit what you did"))
    spec = DialogSpec(name="card", title="card", on_complete=_done, steps=(
        Choose("card", "Right?", slot="card", choices=choices, loose=False,
               parse=lambda ctx, slots, text: "save" if text == "looks good" else None),))
    state = (await start(spec, CTX)).state
    for said, expected in (("2", "edit_action"), ("edit what you did", "edit_action"), ("SAVE", "save"),
                           ("looks good", "save"), ("what?", None), ("3", None)):
        saved.clear()
        t = await advance(spec, state, CTX, text=said)
        assert (t.state is None) == (expected is not None), said
        assert [s["card"] for s in saved] == ([expected] if expected else []), said
    loose = DialogSpec(name="card", title="card", on_complete=_done, steps=(
        Choose("card", "Right?", slot="card", choices=choices),))
    assert (await advance(loose, (await start(loose, CTX)).state, CTX, text="what?")).state is None
