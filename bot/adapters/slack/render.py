"""Block Kit rendering for Slack, as pure functions over plain dicts (no SDK import): replies with
buttons or menus, the "✓ clicked" update, the story modal and its submission, the App Home tab.

Slack's limits are enforced here, in one place: section text ≤ 3000 characters, button labels
≤ 75, button values ≤ 2000, menu option values ≤ 150, ≤ 25 elements per actions block, ≤ 100
options per menu, ≤ 50 blocks per message (100 in views)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.events import Choice, FormField, Home, OutgoingMessage, StoryLine
from bot.markup import Mention, render
from bot.markup import escape as escape_typed

MAX_SECTION_TEXT = 3000
MAX_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_OPTION_VALUE = 150
MAX_ELEMENTS = 25
MAX_OPTIONS = 100
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_ACTION_ID = 255
BUTTONS_UP_TO = 8  # more choices than this become a drop-down menu (static_select)

CHOICE_ACTION = "choice"  # action_id prefix of every dialog choice; the listener matches ^choice:
OPEN_STORY_FORM = "open_story_form"  # the App Home button
STORY_FORM = "story_form"  # callback_id of the story modal
PRIMARY_IDS = frozenset({"confirm", "yes", "go:story"})

Block = dict[str, Any]

# Slack's own markup that must survive escaping: <@U1>, <#C1>, <https://x|label> and `literal` (a
# character typed by someone). Text people typed arrives as `bot.markup` escapes (made Slack forms by
# `to_mrkdwn`); the product never pings a crowd, so <!here>, <!channel>, <!everyone> and <!subteam^…>
# are escaped too, whatever text slipped through.
_CONTROL = re.compile(r"<(?:[@#][A-Z0-9]+(?:\|[^<>]*)?|!date\^[^<>]*|(?:https?|mailto|slack):[^<>\s]+(?:\|[^<>]*)?)>")
_ENTITY = re.compile(r"&(?!(?:amp|lt|gt);)")
_TYPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def to_mrkdwn(text: str) -> str:
    """Reply markup (`bot.markup`) -> Slack mrkdwn: a mention is `<@U…>` where the person has a Slack id,
    else their name in bold; a typed character is shown as typed (`literal`, or an entity); the rest is
    Slack's own syntax already, escaped (`escape`)."""
    return render(text, typed=_typed, mention=mention_mrkdwn, product=escape)


def _typed(char: str) -> str:
    return literal(char) if char in "*_~`" else _TYPED.get(char, char)


def mention_mrkdwn(person: Mention) -> str:
    """A mention on Slack: `<@U…>` (a ping) where the person has a Slack id, else their name in bold."""
    user = person.user_on("slack")
    return f"<@{user}>" if user else f"*{person.name}*"


def literal(char: str) -> str:
    """One character Slack shows as itself, unformatted: the fallback of a date token with an invalid
    format (the trick behind jsx-slack's `<Escape>`)."""
    return f"<!date^00000000^{{_}}|{char}>"


def inert(text: str) -> str:
    """Person-typed text -> mrkdwn that shows it as typed (for the views built here)."""
    return to_mrkdwn(escape_typed(text))


def escape(text: str) -> str:
    """Escape `&`, `<`, `>` for Slack, keeping mentions, channel links and URLs intact."""
    out: list[str] = []
    last = 0
    for match in _CONTROL.finditer(text):
        out.append(_escape_plain(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_escape_plain(text[last:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str, limit: int = MAX_LABEL) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit) or " ", "emoji": True}


def split_text(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at line breaks where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # one enormous line: hard cut
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def _section(text: str, *, markdown: bool = True) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn" if markdown else "plain_text", "text": text or " "}}


def choice_action_id(index: int, choice: Choice) -> str:
    """`choice:<index>:<choice id>`: unique in its block, and says which choice it is."""
    return f"{CHOICE_ACTION}:{index}:{choice.id}"[:MAX_ACTION_ID]


def _button(index: int, choice: Choice) -> Block:
    button: Block = {
        "type": "button",
        "action_id": choice_action_id(index, choice),
        "text": plain(choice.label),
        "value": choice.id[:MAX_BUTTON_VALUE],
    }
    if choice.id in PRIMARY_IDS:
        button["style"] = "primary"
    return button


def _option(choice: Choice) -> Block:
    return {"text": plain(choice.label), "value": choice.id}


def choice_blocks(choices: Sequence[Choice]) -> list[Block]:
    """Buttons for a few choices (≤ 25 per actions block); a menu (≤ 100 options each) for many."""
    if not choices:
        return []
    menu = len(choices) > BUTTONS_UP_TO and all(len(c.id) <= MAX_OPTION_VALUE for c in choices)
    if menu:
        selects = [
            {
                "type": "static_select",
                "action_id": f"{CHOICE_ACTION}:menu:{n}",
                "placeholder": plain("Choose…" if len(choices) <= MAX_OPTIONS else f"Choose ({n + 1})…"),
                "options": [_option(c) for c in choices[start : start + MAX_OPTIONS]],
            }
            for n, start in enumerate(range(0, len(choices), MAX_OPTIONS))
        ]
        return [{"type": "actions", "block_id": f"choices:{i}", "elements": selects[i : i + MAX_ELEMENTS]}
                for i in range(0, len(selects), MAX_ELEMENTS)]
    buttons = [_button(i, c) for i, c in enumerate(choices)]
    return [{"type": "actions", "block_id": f"choices:{i // MAX_ELEMENTS}", "elements": buttons[i : i + MAX_ELEMENTS]}
            for i in range(0, len(buttons), MAX_ELEMENTS)]


def to_blocks(message: OutgoingMessage) -> list[Block]:
    text = to_mrkdwn(message.text) if message.markdown else message.text
    actions = choice_blocks(message.choices)
    sections = [_section(piece, markdown=message.markdown) for piece in split_text(text)]
    room = MAX_MESSAGE_BLOCKS - len(actions)
    if len(sections) > room:
        sections = sections[: room - 1] + [_section("_(message shortened)_")]
    return sections + actions


def to_outgoing(message: OutgoingMessage, *, channel: str | None = None) -> dict[str, Any]:
    """The `chat.postMessage` arguments for a reply: Block Kit, plus the plain `text` Slack shows in
    notifications and screen readers. `channel` overrides `message.key.channel_id` (e.g. an opened DM)."""
    kwargs: dict[str, Any] = {
        "channel": channel or message.key.channel_id,
        "text": clip(to_mrkdwn(message.text) if message.markdown else message.text, 39_000) or " ",
        "blocks": to_blocks(message),
        "mrkdwn": message.markdown,
        "unfurl_links": False,
        "unfurl_media": False,
    }
    if message.thread_id:
        kwargs["thread_ts"] = message.thread_id
    return kwargs


def clicked_update(message: Mapping[str, Any], label: str) -> dict[str, Any]:
    """`chat.update` arguments (without channel/ts) that replace a clicked message's buttons with
    "✓ <label>", so the same question cannot be answered twice."""
    blocks = [b for b in message.get("blocks") or [] if isinstance(b, Mapping) and b.get("type") != "actions"]
    mark = f"✓ {escape(clip(label, MAX_LABEL))}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": mark}]})
    text = str(message.get("text") or "")
    return {"text": f"{text}\n{mark}".strip(), "blocks": blocks}


# --- the story modal ---------------------------------------------------------------------------

_PLACEHOLDERS = {"story": "A customer could not find the clinic, so…"}  # an example answer, by slot


def _text_input(field: FormField) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": "value", "multiline": True, "max_length": 3000}
    if field.slot in _PLACEHOLDERS:
        element["placeholder"] = plain(_PLACEHOLDERS[field.slot], 150)
    return {"type": "input", "block_id": field.slot, "label": plain(field.label, 2000), "optional": not field.required,
            "element": element}


def story_modal(mots: Sequence[tuple[str, str]], fields: Sequence[FormField], *,
                private_metadata: str = "") -> dict[str, Any]:
    """The "Tell a story" form: `mots` are the (id, name) pairs of the person's cycle of service;
    `fields` the story dialog's free-text questions, by slot (`story`, `action`, `effect`: the
    dialog's spec is their one declaration), placed around the form's pickers."""
    by_slot = {field.slot: _text_input(field) for field in fields}
    story, action, effect = by_slot["story"], by_slot["action"], by_slot["effect"]
    options = [{"text": plain(name), "value": mot_id[:MAX_OPTION_VALUE]} for mot_id, name in mots[:MAX_OPTIONS]]
    blocks = [
        story,
        {"type": "input", "block_id": "mot", "label": plain("Which moment of truth was it?"),
         "element": {"type": "static_select", "action_id": "value", "placeholder": plain("Pick the moment"),
                     "options": options}},
        action,
        {"type": "input", "block_id": "colleagues", "optional": True, "label": plain("Who helped?"),
         "element": {"type": "multi_users_select", "action_id": "users", "placeholder": plain("Colleagues")}},
        {"type": "input", "block_id": "colleagues_text", "optional": True,
         "label": plain("Anyone else (names)?"),
         "element": {"type": "plain_text_input", "action_id": "value", "max_length": 500}},
        effect,
        {"type": "input", "block_id": "shareable", "optional": True, "label": plain("Sharing"),
         "element": {"type": "checkboxes", "action_id": "value",
                     "options": [{"text": plain("Share this story with the team"), "value": "share"}],
                     "initial_options": [{"text": plain("Share this story with the team"), "value": "share"}]}},
    ]
    return {
        "type": "modal",
        "callback_id": STORY_FORM,
        "title": plain("Tell a story", 24),
        "submit": plain("Save story", 24),
        "close": plain("Cancel", 24),
        "private_metadata": private_metadata[:3000],
        "blocks": blocks,
    }


def notice_modal(title: str, text: str) -> dict[str, Any]:
    """A modal that only explains something (e.g. why the story form is not available)."""
    return {"type": "modal", "title": plain(title, 24), "close": plain("Close", 24),
            "blocks": [_section(to_mrkdwn(clip(text, MAX_SECTION_TEXT)))]}


def _value(values: Mapping[str, Any], block_id: str, action_id: str = "value") -> Mapping[str, Any]:
    block = values.get(block_id)
    element = block.get(action_id) if isinstance(block, Mapping) else None
    return element if isinstance(element, Mapping) else {}


def story_form(view: Mapping[str, Any]) -> dict[str, Any]:
    """A submitted story modal -> the router's form: story, mot, action, colleagues, effect, shareable, and
    `card: save`: the modal's own "Save story" button is the story dialog's confirmation card, so a submitted
    form saves at once."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, Mapping) else None
    values = values if isinstance(values, Mapping) else {}

    def text(block_id: str) -> str:
        return str(_value(values, block_id).get("value") or "").strip()

    selected = _value(values, "mot").get("selected_option")
    users = _value(values, "colleagues", "users").get("selected_users") or []
    helpers = [f"<@{u}>" for u in users if isinstance(u, str) and u]
    if text("colleagues_text"):
        helpers.append(text("colleagues_text"))
    shared = _value(values, "shareable").get("selected_options") or []
    return {
        "story": text("story"),
        "mot": str(selected.get("value") or "") if isinstance(selected, Mapping) else "",
        "action": text("action"),
        "colleagues": ", ".join(helpers),
        "effect": text("effect"),
        "shareable": any(isinstance(o, Mapping) and o.get("value") == "share" for o in shared),
        "card": "save",
    }


def story_form_errors(form: Mapping[str, Any], mot_ids: Iterable[str]) -> dict[str, str]:
    """Field errors for `response_action: errors`, by block id; empty when the form is fine."""
    errors: dict[str, str] = {}
    if len(re.findall(r"\w+", form.get("story", ""))) < 3:
        errors["story"] = "Please tell a little more: a sentence or two about what happened."
    if form.get("mot") not in set(mot_ids):
        errors["mot"] = "Please pick the moment from the list."
    if not re.search(r"\w", form.get("action", "")):
        errors["action"] = "What did you do? A few words are enough."
    return errors


def form_metadata(**values: str) -> str:
    """The modal's `private_metadata`: who opened it and from where (Slack gives it back on submit)."""
    return json.dumps(values, separators=(",", ":"))


def form_origin(view: Mapping[str, Any]) -> str | None:
    """Where a submitted modal was opened from ("home" or "shortcut"), if it says."""
    try:
        meta = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        return None
    return meta.get("origin") if isinstance(meta, dict) else None


# --- App Home ----------------------------------------------------------------------------------


def _story_text(line: StoryLine, *, by: bool = False) -> str:
    who = f"*{inert(line.author_name)}* thanked you · " if by and line.author_name else ""
    when = line.created_at.strftime("%d %b")
    return f"{who}*{inert(line.mot_name)}* · _{when}_\n{inert(clip(line.text, 280))}"


def home_view(home: Home) -> dict[str, Any]:
    """The App Home tab for one person. Every text in `home` is data, shown as typed (`inert`)."""
    blocks: list[Block] = [{"type": "header", "text": plain(f"Hi {home.display_name} 👋", 150)}]
    if not home.can_tell_stories:
        blocks.append(_section(
            "I collect great customer moments from service teams. I don't know you as a team member yet: "
            f"ask your manager to add you (your id is `{escape(home.person_id)}`).\n"
            "Visited us as a customer? Send me *feedback* in a direct message."
        ))
        return {"type": "home", "blocks": blocks}
    count = "no stories yet" if not home.story_count else (
        "1 story" if home.story_count == 1 else f"{home.story_count} stories")
    blocks.append(_section(f"*{inert(home.team_name)}* · you have told {count}. Thank you!"))
    blocks.append({"type": "actions", "block_id": "home", "elements": [
        {"type": "button", "action_id": OPEN_STORY_FORM, "style": "primary", "text": plain("Tell a story (form)"),
         "value": "story"},
    ]})
    if home.role == "manager":
        blocks.append({"type": "divider"})
        blocks.append(_section(f"*This week* ({inert(home.period_label)}) · {home.ratings} customer ratings"))
        for title, lines, rating in (("Weakest moments", home.weakest, "irritating"),
                                     ("Strongest moments", home.strongest, "shining")):
            if lines:
                rows = "\n".join(f"{i}. *{inert(m.name)}* — {round(100 * m.share)}% {rating} (n={m.n})"
                                 for i, m in enumerate(lines, 1))
                blocks.append(_section(f"*{title}*\n{rows}"))
        if not home.weakest and not home.strongest:
            blocks.append(_section("_Not enough ratings this week to rank the moments yet._"))
        if home.too_few:
            blocks.append({"type": "context", "elements": [
                {"type": "mrkdwn", "text": "Too few ratings to judge: " + inert(", ".join(home.too_few))}]})
    blocks.append({"type": "divider"})
    blocks.append(_section("*Your latest stories*"))
    blocks.extend(_section(_story_text(s)) for s in home.stories)
    if not home.stories:
        blocks.append(_section("_None yet. Tell me one: press the button above or send me *story*._"))
    blocks.append(_section("*Thanks from colleagues*"))
    blocks.extend(_section(_story_text(s, by=True)) for s in home.thanks)
    if not home.thanks:
        blocks.append(_section("_When a colleague names you in a story, it shows up here._"))
    blocks.append({"type": "context", "elements": [
        {"type": "mrkdwn", "text": "Tip: send me a direct message, or type `/mot` anywhere."}]})
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}
