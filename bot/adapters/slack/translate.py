"""Slack payloads -> the engine's `IncomingMessage`, as pure functions: a table from payload type
to a builder (`PAYLOAD_TYPES`; `EVENT_TYPES` for Events API events), and an explicit skip (None)
for everything else (opsdroid's `create_events` pattern).

Every message gets a stable `message_id`, so the router's database claim processes a re-delivery
once: `<channel>:<ts>` for a message (the same id whether it came as `message.im` or `app_mention`),
`click:<channel>:<message ts>` for a click (one answer per question message, even on a double click),
`command:<trigger id>` for a slash command and `view:<view id>` for a submitted form.

Before any of that, at the HTTP edge, `parse_body` and `validated_payload` turn the signed body into
the validated copy the rest reads (pydantic models of just the fields the bot and bolt read; the
rules are in bot.adapters.payload)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    StrictBool,
    StrictStr,
    StringConstraints,
    Tag,
    ValidationError,
)

from bot.adapters.payload import (
    MAX_DEPTH,
    ChoiceId,
    Key,
    Malformed,
    Name,
    Shape,
    Text,
    load_json,
    problem_of,
    too_deep,
)
from bot.adapters.slack.render import CHOICE_ACTION, STORY_FORM, story_form, to_outgoing
from bot.events import ConversationKey, IncomingMessage, Platform

__all__ = ["EVENT_TYPES", "parse_body", "reply_thread", "slack_key", "to_incoming", "to_outgoing",
           "validated_payload"]

ACCEPTED_SUBTYPES = frozenset({"file_share", "thread_broadcast"})  # besides plain messages (no subtype)


def slack_key(channel: str, user: str) -> ConversationKey:
    return ConversationKey(Platform.SLACK, channel, user)


def _when(ts: Any) -> datetime:
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(UTC)


# Slack's message formatting, read back to what the person typed: `<https://x|label>` → "label (https://x)",
# `<mailto:a@b|a@b>` → "a@b", `<#C1|general>` → "#general", `<!here>` → "@here"; the three escaped
# characters last. `<@U…>` mentions stay: they name a person (bot.weekly.roster reads them).
_SLACK_LINK = re.compile(r"<((?:https?|mailto|tel):[^|>\s]+)(?:\|([^>]*))?>")
_SLACK_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^>]*)>")
_SLACK_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_SLACK_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def plain_text(text: str) -> str:
    """Text as the person typed it, from Slack's mrkdwn-escaped form ("A&amp;E" → "A&E")."""
    def link(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        bare = target.split(":", 1)[1] if target.startswith(("mailto:", "tel:")) else target
        return bare if not label or label in (target, bare) else f"{label} ({bare})"

    text = _SLACK_LINK.sub(link, text)
    text = _SLACK_CHANNEL.sub(lambda m: f"#{m.group(1)}", text)
    text = _SLACK_SPECIAL.sub(lambda m: f"@{m.group(1)}", text)
    for escaped, char in _SLACK_ESCAPES:
        text = text.replace(escaped, char)
    return text


def as_dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _from_user_message(
    envelope: Mapping[str, Any], event: Mapping[str, Any], bot_user_id: str | None
) -> IncomingMessage | None:
    """A person's direct message, or an @mention of the bot (the mention cut out of the text)."""
    text = str(event.get("text") or "")
    if event.get("type") == "app_mention":
        mention = rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>" if bot_user_id else r"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>"
        text = re.sub(mention, "", text).strip()
    elif event.get("channel_type") != "im":
        return None  # channel messages reach us as app_mention
    subtype = event.get("subtype")
    if subtype is not None and not (isinstance(subtype, str) and subtype in ACCEPTED_SUBTYPES):
        return None  # edits, deletions, joins, bot_message…
    if event.get("bot_id") or event.get("bot_profile"):
        return None  # anything a bot wrote, us included
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    if not (isinstance(user, str) and isinstance(channel, str) and isinstance(ts, str)) or user == bot_user_id:
        return None
    return IncomingMessage(slack_key(channel, user), text=plain_text(text), message_id=f"{channel}:{ts}",
                           public=_is_channel(channel, event.get("channel_type")), thread_id=reply_thread(envelope),
                           received_at=_when(ts), raw=envelope)


def _is_channel(channel: str, channel_type: Any = None) -> bool:
    """A channel or group conversation, where others read the replies (DM channel ids start with D)."""
    return channel_type != "im" and not channel.startswith("D")


EVENT_TYPES: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any], str | None], IncomingMessage | None]] = {
    "message": _from_user_message,
    "app_mention": _from_user_message,
}


def _from_block_actions(raw: Mapping[str, Any]) -> IncomingMessage | None:
    actions = raw.get("actions") if isinstance(raw.get("actions"), list) else []
    action = next((as_dict(a) for a in actions if str(as_dict(a).get("action_id", "")).startswith(CHOICE_ACTION + ":")),
                  None)
    container, user = as_dict(raw.get("container")), as_dict(raw.get("user"))
    channel = as_dict(raw.get("channel")).get("id") or container.get("channel_id")
    message_ts = container.get("message_ts") or as_dict(raw.get("message")).get("ts")
    if action is None or not isinstance(user.get("id"), str) or not isinstance(channel, str):
        return None
    if action.get("type") == "static_select":
        chosen = as_dict(action.get("selected_option"))
        choice_id, label = chosen.get("value"), as_dict(chosen.get("text")).get("text")
    else:
        choice_id, label = action.get("value"), as_dict(action.get("text")).get("text")
    if not isinstance(choice_id, str) or not choice_id:
        return None
    return IncomingMessage(
        slack_key(channel, user["id"]), text=str(label or choice_id), choice_id=choice_id,
        message_id=f"click:{channel}:{message_ts}" if message_ts else None, public=_is_channel(channel),
        thread_id=reply_thread(raw), user_name=user.get("username") or user.get("name"),
        received_at=_when(action.get("action_ts")), raw=raw,
    )


def _from_command(raw: Mapping[str, Any], dm_channel: str | None) -> IncomingMessage | None:
    user, channel = raw.get("user_id"), dm_channel or raw.get("channel_id")
    if not isinstance(user, str) or not isinstance(channel, str) or not user:
        return None
    trigger = raw.get("trigger_id")
    text = plain_text(str(raw.get("text") or "")).strip()
    return IncomingMessage(slack_key(channel, user), text=text, command="mot",
                           message_id=f"command:{trigger}" if trigger else None, user_name=raw.get("user_name"),
                           raw=raw)


def _from_view_submission(raw: Mapping[str, Any], dm_channel: str | None) -> IncomingMessage | None:
    view, user = as_dict(raw.get("view")), as_dict(raw.get("user"))
    if view.get("callback_id") != STORY_FORM or not isinstance(user.get("id"), str):
        return None
    return IncomingMessage(slack_key(dm_channel or "", user["id"]), command="story", form=story_form(view),
                           message_id=f"view:{view['id']}" if view.get("id") else None,
                           user_name=user.get("username") or user.get("name"), raw=raw)


def to_incoming(
    raw: Mapping[str, Any], *, bot_user_id: str | None = None, dm_channel: str | None = None
) -> IncomingMessage | None:
    """A Slack payload (Events API envelope, block_actions, slash command form, view_submission) as
    the engine's message; None for everything the bot ignores. `dm_channel` is the person's direct
    message channel, where commands and forms continue (it is where their replies go)."""
    if not isinstance(raw, Mapping):
        return None
    kind = "slash_command" if isinstance(raw.get("command"), str) and "type" not in raw else str(raw.get("type"))
    builder = PAYLOAD_TYPES.get(kind)
    try:
        return builder(raw, bot_user_id, dm_channel) if builder else None
    except (TypeError, ValueError, AttributeError, KeyError):  # a field of an unexpected type: not for us
        return None


def _from_event(raw: Mapping[str, Any], bot_user_id: str | None) -> IncomingMessage | None:
    event = as_dict(raw.get("event"))
    builder = EVENT_TYPES.get(str(event.get("type")))
    return builder(raw, event, bot_user_id) if builder else None


# Payload type -> builder (raw, bot user id, DM channel); a slash command's form has no `type`. Anything
# else is skipped: None.
PAYLOAD_TYPES: dict[str, Callable[[Mapping[str, Any], str | None, str | None], IncomingMessage | None]] = {
    "event_callback": lambda raw, bot_user_id, _dm: _from_event(raw, bot_user_id),
    "block_actions": lambda raw, _bot, _dm: _from_block_actions(raw),
    "view_submission": lambda raw, _bot, dm_channel: _from_view_submission(raw, dm_channel),
    "slash_command": lambda raw, _bot, dm_channel: _from_command(raw, dm_channel),
}


def reply_thread(raw: Mapping[str, Any]) -> str | None:
    """Where replies to `raw` go: an @mention is answered in its thread; a message in a thread stays there."""
    if raw.get("type") == "event_callback":
        event = as_dict(raw.get("event"))
        if event.get("type") == "app_mention":
            return event.get("thread_ts") or event.get("ts")
        return event.get("thread_ts")
    if raw.get("type") == "block_actions":
        return as_dict(raw.get("message")).get("thread_ts") or as_dict(raw.get("container")).get("thread_ts")
    return None


# --- the payloads we accept: validated once, at the edge (see bot.adapters.payload) ---------------

SlackId = Annotated[StrictStr, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
"""Slack's ids (U…, D…, C…, T…, Ev…, V…, B…) are short plain ASCII; 64 keeps every key we build
from two of them (`slack:<channel>:<user>`, `click:<channel>:<ts>`) inside our 255-character columns."""
TriggerId = Annotated[StrictStr, StringConstraints(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._-]+$")]
"""`<digits>.<digits>.<hex>`; stored as `command:<trigger id>`."""
Ts = Annotated[StrictStr, StringConstraints(max_length=32, pattern=r"^[0-9]{1,20}(?:[.][0-9]{1,12})?$")]
"""A message timestamp, Slack's message id within a channel: `1732100000.000200`."""
AnyId = Annotated[StrictStr, StringConstraints(max_length=64, pattern=r"^[A-Za-z0-9._-]*$")]
"""Team, enterprise and app ids, which bolt reads and we never store; may be empty."""
Flag = StrictBool | Literal["true", "false"]  # JSON booleans; slash command forms send strings


def _shallow_json(value: str) -> str:
    if too_deep(value):  # we parse it later (slack_blocks.form_origin)
        raise ValueError(f"private_metadata nested deeper than {MAX_DEPTH}")
    return value


Metadata = Annotated[Text, StringConstraints(max_length=3000), AfterValidator(_shallow_json)]  # Slack's limit


class _TextObject(Shape):
    text: Text | None = None


class _Option(Shape):
    value: ChoiceId | None = None
    text: _TextObject | None = None


class _User(Shape):
    id: SlackId
    username: Text | None = None
    name: Text | None = None
    team_id: AnyId | None = None


class _Team(Shape):
    id: AnyId | None = None
    enterprise_id: AnyId | None = None


class _Channel(Shape):
    id: SlackId


class _Authorization(Shape):
    team_id: AnyId | None = None
    enterprise_id: AnyId | None = None
    user_id: AnyId | None = None
    is_bot: StrictBool | None = None
    is_enterprise_install: StrictBool | None = None


class _Envelope(Shape):
    """What bolt reads of every payload to build its context and authorize it."""

    team: _Team | None = None
    team_id: AnyId | None = None
    enterprise: _Team | None = None
    enterprise_id: AnyId | None = None
    api_app_id: AnyId | None = None
    is_enterprise_install: Flag | None = None
    authorizations: list[_Authorization] | None = None


class _InnerMessage(Shape):
    """The `message` / `previous_message` of an edit or deletion (bolt reads their user and thread)."""

    type: Name | None = None
    subtype: Name | None = None
    user: SlackId | None = None
    bot_id: SlackId | None = None
    text: Text | None = None
    ts: Ts | None = None
    thread_ts: Ts | None = None


class _Event(Shape):
    """The events we handle: `message`, `app_mention`, `app_home_opened`."""

    type: Name
    subtype: Name | None = None
    channel_type: Name | None = None
    user: SlackId | None = None
    channel: SlackId | None = None
    text: Text | None = None
    ts: Ts | None = None
    thread_ts: Ts | None = None
    event_ts: Ts | None = None
    bot_id: SlackId | None = None
    bot_profile: dict[str, Any] | None = None
    tab: Name | None = None
    team: AnyId | None = None
    user_team: AnyId | None = None
    message: _InnerMessage | None = None
    previous_message: _InnerMessage | None = None


class _OtherEvent(Shape):
    """Any other event: acked and ignored, so only its type is kept."""

    type: Name


_HANDLED_EVENTS = frozenset({*EVENT_TYPES, "app_home_opened"})


def _event_kind(value: Any) -> str:
    if isinstance(value, _Event | _OtherEvent):  # serialising
        return "handled" if isinstance(value, _Event) else "other"
    kind = value.get("type") if isinstance(value, dict) else None
    return "handled" if isinstance(kind, str) and kind in _HANDLED_EVENTS else "other"


class _EventCallback(_Envelope):
    type: Literal["event_callback"]
    event: Annotated[Annotated[_Event, Tag("handled")] | Annotated[_OtherEvent, Tag("other")],
                     Discriminator(_event_kind)]
    event_id: SlackId | None = None
    context_team_id: AnyId | None = None
    context_enterprise_id: AnyId | None = None
    is_ext_shared_channel: StrictBool | None = None


class _UrlVerification(Shape):
    type: Literal["url_verification"]
    challenge: ChoiceId


class _Action(Shape):
    action_id: ChoiceId
    block_id: ChoiceId | None = None
    type: Name | None = None
    value: ChoiceId | None = None
    text: _TextObject | None = None
    selected_option: _Option | None = None
    action_ts: Ts | None = None


class _Container(Shape):
    type: Name | None = None
    message_ts: Ts | None = None
    thread_ts: Ts | None = None
    channel_id: SlackId | None = None
    view_id: SlackId | None = None
    is_ephemeral: StrictBool | None = None


class _PostedMessage(Shape):
    """The bot's message a button was clicked on; its blocks go back to Slack in `chat.update`."""

    ts: Ts | None = None
    thread_ts: Ts | None = None
    user: SlackId | None = None
    bot_id: SlackId | None = None
    text: Text | None = None
    blocks: list[dict[str, Any]] | None = None


class _Input(Shape):
    """One input of a submitted modal (`view.state.values[block][action]`)."""

    type: Name | None = None
    value: Text | None = None
    selected_option: _Option | None = None
    selected_options: list[_Option] | None = None
    selected_users: list[SlackId] | None = None


class _State(Shape):
    values: dict[ChoiceId, dict[ChoiceId, _Input]] | None = None


class _View(Shape):
    id: SlackId
    type: Name
    callback_id: Key | None = None
    private_metadata: Metadata | None = None
    state: _State | None = None
    team_id: AnyId | None = None
    app_installed_team_id: AnyId | None = None


class _BlockActions(_Envelope):
    type: Literal["block_actions"]
    user: _User
    actions: Annotated[list[_Action], Field(min_length=1)]
    trigger_id: TriggerId | None = None
    container: _Container | None = None
    channel: _Channel | None = None
    message: _PostedMessage | None = None
    view: _View | None = None


class _Shortcut(_Envelope):
    type: Literal["shortcut"]
    callback_id: ChoiceId
    trigger_id: TriggerId
    user: _User
    action_ts: Ts | None = None


class _ViewSubmission(_Envelope):
    type: Literal["view_submission"]
    view: _View
    user: _User
    trigger_id: TriggerId | None = None


class _SlashCommand(_Envelope):
    command: Name
    text: Text | None = None
    user_id: SlackId
    user_name: Text | None = None
    channel_id: SlackId
    trigger_id: TriggerId | None = None


_MODELS: dict[str, type[Shape]] = {
    "event_callback": _EventCallback, "url_verification": _UrlVerification, "block_actions": _BlockActions,
    "shortcut": _Shortcut, "view_submission": _ViewSubmission, "command": _SlashCommand,
}


def parse_body(text: str, content_type: str | None) -> Any:
    """A request body as bolt reads it (`slack_bolt.request.internals.parse_body`: JSON, or a form
    whose `payload` field is JSON, or a slash command's form), with the nesting bound of
    `load_json`. Unlike bolt, a form is an interaction only when it *has* a `payload` field, not
    whenever the word appears in it (so `/mot payload` stays a command)."""
    if (content_type or "").split(";")[0].strip().lower() == "application/json" or text.startswith("{"):
        return load_json(text)
    form = dict(parse_qsl(text, keep_blank_values=True))
    return load_json(form["payload"]) if "payload" in form else form


def validated_payload(body: Any) -> dict[str, Any] | None:
    """The validated copy of a (signed) Slack payload: only the fields the bot and bolt read, ids
    checked, text cleaned (see bot.adapters.payload). None for a kind nothing here listens for
    (other interactions, `ssl_check`): acked and ignored. Raises Malformed for anything Slack
    does not send, e.g. an `action_id` that is not a string."""
    if not isinstance(body, dict) or not body:
        raise Malformed("not a JSON object")
    kind = body.get("type", "command" if "command" in body else None)
    if kind is None:
        if "ssl_check" in body:
            return None
        raise Malformed("neither a type nor a command")
    if not isinstance(kind, str):
        raise Malformed("type is not a string")
    model = _MODELS.get(kind)
    if model is None:
        return None
    try:
        return model.model_validate(body).dump()
    except ValidationError as exc:
        raise Malformed(problem_of(exc)) from exc
