"""Slack translation, pure: recorded payloads (tests/fixtures/slack/*.json) -> IncomingMessage, and
OutgoingMessage -> chat.postMessage arguments / Block Kit within Slack's limits."""

import json
from pathlib import Path

import pytest

from bot.adapters.slack.render import (
    inert,
    MAX_ELEMENTS,
    MAX_LABEL,
    MAX_SECTION_TEXT,
    clicked_update,
    escape,
    home_view,
    split_text,
    story_form,
    story_form_errors,
    story_modal,
    to_blocks,
)
from bot.adapters.payload import Malformed
from bot.adapters.slack.translate import parse_body, reply_thread, to_incoming, to_outgoing, validated_payload
from bot.events import Choice, ConversationKey, OutgoingMessage, Platform
from bot.app import story_form_fields
from bot.dialogs.story import STORY as STORY_DIALOG
from bot.events import FormField, Home, MotLine, StoryLine
from tests.adapters.conftest import replaced

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "slack"
KEY = ConversationKey(Platform.SLACK, "D0ALICE", "U0ALICE")


def load(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def test_dm_message_becomes_text_with_a_stable_id():
    msg = to_incoming(load("message_im"), bot_user_id="UBOT")
    assert msg is not None
    assert str(msg.key) == "slack:D0ALICE:U0ALICE" and msg.key.person_id == "slack:U0ALICE"
    assert msg.text.startswith("A patient could not find the clinic")
    assert msg.message_id == "D0ALICE:1732096800.123456"  # same on every re-delivery
    assert msg.command is None and msg.choice_id is None
    assert msg.received_at.year == 2024
    assert reply_thread(load("message_im")) is None


@pytest.mark.parametrize("name", ["bot_message", "own_message", "message_changed", "app_home_opened",
                                  "url_verification", "shortcut"])
def test_ignored_payloads(name):
    assert to_incoming(load(name), bot_user_id="UBOT") is None


def test_own_message_ignored_even_without_bot_id():
    raw = load("message_im")
    raw["event"]["user"] = "UBOT"
    assert to_incoming(raw, bot_user_id="UBOT") is None


def test_channel_messages_are_not_dialog_turns():
    raw = load("message_im")
    raw["event"]["channel_type"] = "channel"
    assert to_incoming(raw) is None


def test_mention_strips_the_bot_and_answers_in_thread():
    raw = load("app_mention")
    msg = to_incoming(raw, bot_user_id="UBOT")
    assert msg is not None and msg.text == "which MOTs are weakest this week?"
    assert str(msg.key) == "slack:C0RIVERSIDE:U0DANA"
    assert reply_thread(raw) == "1732100000.000200"
    raw["event"]["thread_ts"] = "1732000000.000001"
    assert reply_thread(raw) == "1732000000.000001"
    # without knowing our own id, the leading mention is still removed
    assert to_incoming(load("app_mention")).text == "which MOTs are weakest this week?"


def test_button_click_is_a_choice_once_per_question_message():
    msg = to_incoming(load("block_actions"))
    assert msg is not None
    assert (msg.choice_id, msg.text) == ("confirm", "Yes, that's it")
    assert msg.message_id == "click:D0ALICE:1732100500.000800"
    assert str(msg.key) == "slack:D0ALICE:U0ALICE" and msg.user_name == "alice"


def test_menu_selection_is_a_choice():
    msg = to_incoming(load("block_actions_select"))
    assert msg is not None and (msg.choice_id, msg.text) == ("waiting-room", "Waiting room")


def test_unrelated_action_ignored():
    raw = load("block_actions")
    raw["actions"][0]["action_id"] = "open_story_form"
    assert to_incoming(raw) is None


def test_slash_command_goes_to_the_dm_conversation():
    raw = load("slash_command")
    msg = to_incoming(raw, dm_channel="D0DANA")
    assert msg is not None
    assert (msg.command, msg.text, str(msg.key)) == ("mot", "weakest this week", "slack:D0DANA:U0DANA")
    assert msg.message_id == "command:13345224609.738474920.8088930838d88f008e0"
    assert str(to_incoming(raw).key) == "slack:C0RIVERSIDE:U0DANA"


def test_view_submission_is_a_story_form():
    msg = to_incoming(load("view_submission"), dm_channel="D0ALICE")
    assert msg is not None and msg.command == "story" and msg.message_id == "view:V0STORY0001"
    assert dict(msg.form) == {
        "story": "A lost visitor was looking for X-ray so I walked him there and waited with him.",
        "mot": "ask-directions",
        "action": "Walked him to X-ray",
        "colleagues": "<@U0SAM>, Priya",
        "effect": "",
        "shareable": True,
        "card": "save",
    }
    assert story_form_errors(msg.form, ["ask-directions"]) == {}


def test_story_form_errors_by_block():
    form = story_form({"state": {"values": {"story": {"value": {"value": "too short"}}}}})
    errors = story_form_errors(form, ["check-in"])
    assert set(errors) == {"story", "mot", "action"}
    assert form["shareable"] is False


@pytest.mark.parametrize("body", [[], "x", {}, {"type": "event_callback", "event": "x"},
                                  {"type": "block_actions", "actions": "x"}, {"type": 3},
                                  {"type": "block_actions", "user": ["U1"]}, {"type": "block_actions", "actions": []},
                                  {"type": "view_submission", "view": {"callback_id": "story_form"}},
                                  {"type": "event_callback", "event": {"user": "U1"}}, {"text": "no type"}])
def test_malformed_shapes_are_named(body):
    with pytest.raises(Malformed, match=".+"):
        validated_payload(body)


@pytest.mark.parametrize(("name", "path", "value"), [
    ("block_actions", "actions.0.action_id", ["choice:0:confirm"]),  # was a 503: bolt matched it as a string
    ("block_actions", "actions.0.action_id", 7),
    ("block_actions", "actions.0.value", "x" * 256),
    ("block_actions", "user.id", "U0ALICE\x00"),
    ("message_im", "event.user", "U0\ud800"),
    ("message_im", "event.channel", "D" * 300),
    ("message_im", "event.ts", 1732096800.123456),
    ("message_im", "event.channel", "D0ALICE:U0SAM"),  # would forge a conversation key
    ("view_submission", "view.state.values.story.value.value", ["a story"]),
    ("view_submission", "view.private_metadata", "[" * 100 + "]" * 100),
    ("slash_command", "user_id", ""),
])
def test_ids_of_the_wrong_type_length_or_content_are_rejected(name, path, value):
    with pytest.raises(Malformed):
        validated_payload(replaced(load(name), path, value))


def test_text_is_cleaned_not_rejected():
    text = "caf\u00e9\x00 \ud83d \U0001f600 \u200fشكرا"
    payload = validated_payload(replaced(load("message_im"), "event.text", text))
    assert payload["event"]["text"] == "caf\u00e9 \ufffd \U0001f600 \u200fشكرا"
    form = validated_payload(replaced(load("view_submission"), "view.state.values.story.value.value", "a\udfffb\x00"))
    assert story_form(form["view"])["story"] == "a\ufffdb"


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.json")))
def test_real_payloads_pass_and_translate_alike(name):
    """The validated copy keeps everything the translation reads."""
    raw = load(name)
    payload = validated_payload(raw)
    assert payload is not None

    def seen(body):
        msg = to_incoming(body, bot_user_id="UBOT", dm_channel="D0DM")
        return None if msg is None else (msg.key, msg.text, msg.command, msg.choice_id, msg.message_id, msg.form,
                                         msg.user_name)

    assert seen(payload) == seen(raw) and reply_thread(payload) == reply_thread(raw)


def test_unknown_kinds_are_ignored_not_rejected():
    assert validated_payload({"type": "message_action", "callback_id": "x"}) is None
    assert validated_payload({"ssl_check": "1", "token": "x"}) is None
    assert validated_payload({"type": "event_callback", "event": {"type": "reaction_added", "user": {"id": 1}}}) == {
        "type": "event_callback", "event": {"type": "reaction_added"}}


def test_parse_body_json_forms_commands_and_depth():
    assert parse_body('{"type": "url_verification"}', "application/json; charset=utf-8") == {"type": "url_verification"}
    assert parse_body("payload=%7B%22type%22%3A%22shortcut%22%7D", "application/x-www-form-urlencoded") == {
        "type": "shortcut"}
    assert parse_body("command=%2Fmot&text=payload", "application/x-www-form-urlencoded") == {
        "command": "/mot", "text": "payload"}  # bolt would read this as an empty interaction
    for deep in ("[" * 1000 + "]" * 1000, '{"a":' * 1000 + "1" + "}" * 1000):
        with pytest.raises(Malformed, match="nested deeper"):
            parse_body(deep, "application/json")
    with pytest.raises(Malformed, match="not JSON"):
        parse_body('{"x": NaN}', "application/json")


def test_to_outgoing_buttons_and_thread():
    out = OutgoingMessage(KEY, "Pick *one* <@U0SAM> & <b>", (Choice("confirm", "Yes"), Choice("no", "No")),
                          thread_id="123.4")
    kwargs = to_outgoing(out)
    assert kwargs["channel"] == "D0ALICE" and kwargs["thread_ts"] == "123.4"
    assert kwargs["text"] == "Pick *one* <@U0SAM> &amp; &lt;b&gt;"
    section, actions = kwargs["blocks"]
    assert section["text"] == {"type": "mrkdwn", "text": "Pick *one* <@U0SAM> &amp; &lt;b&gt;"}
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [("choice:0:confirm", "confirm"),
                                                                           ("choice:1:no", "no")]
    assert actions["elements"][0]["style"] == "primary"
    assert to_outgoing(out, channel="D9")["channel"] == "D9"


def test_limits_long_labels_long_texts_many_choices():
    many = tuple(Choice(f"mot-{i}", f"Moment number {i} " + "x" * 100) for i in range(130))
    blocks = to_blocks(OutgoingMessage(KEY, "line\n" * 2000, many))
    sections = [b for b in blocks if b["type"] == "section"]
    assert all(len(b["text"]["text"]) <= MAX_SECTION_TEXT for b in sections)
    assert "".join(b["text"]["text"] + "\n" for b in sections).count("line") == 2000
    selects = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [len(s["options"]) for s in selects] == [100, 30]
    assert all(len(o["text"]["text"]) <= MAX_LABEL for s in selects for o in s["options"])

    long_ids = tuple(Choice("go:" + "y" * 200 + str(i), f"Choice {i}") for i in range(30))  # too long for a menu
    actions = [b for b in to_blocks(OutgoingMessage(KEY, "?", long_ids)) if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [MAX_ELEMENTS, 5]
    assert len({b["block_id"] for b in actions}) == 2
    assert all(e["value"].startswith("go:") and len(e["action_id"]) <= 255 for b in actions for e in b["elements"])


def test_split_text_keeps_everything():
    text = "a" * 7000 + "\nshort\n" + "b" * 10
    pieces = split_text(text, 3000)
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "") and all(len(p) <= 3000 for p in pieces)


def test_plain_text_messages_are_not_markdown():
    blocks = to_blocks(OutgoingMessage(KEY, "1 < 2", markdown=False))
    assert blocks[0]["text"] == {"type": "plain_text", "text": "1 < 2"}


def test_escape_keeps_slack_markup():
    assert escape("<@U1> <#C2|general> <https://x.org|site> <!here> a<b & c &amp; d>") == (
        "<@U1> <#C2|general> <https://x.org|site> &lt;!here&gt; a&lt;b &amp; c &amp; d&gt;")


def test_escape_never_lets_a_crowd_ping_through():
    for ping in ("<!channel>", "<!here>", "<!everyone>", "<!subteam^S1|@nurses>"):
        assert escape(f"hi {ping}") == "hi " + ping.replace("<", "&lt;").replace(">", "&gt;")
    typed = inert("*x*")  # a typed character (bot.markup) is Slack markup that must survive
    assert escape(typed) == typed and "<!date^" in typed


def test_clicked_update_removes_buttons_and_marks_the_choice():
    update = clicked_update(load("block_actions")["message"], "Yes, that's it")
    assert [b["type"] for b in update["blocks"]] == ["section", "context"]
    assert update["blocks"][-1]["elements"][0]["text"] == "✓ Yes, that's it"
    assert update["text"].endswith("✓ Yes, that's it")


def test_story_form_asks_the_story_dialogs_questions():
    assert story_form_fields(STORY_DIALOG) == (
        FormField("story", "What happened?"),
        FormField("action", "What did you do that made the difference?"),
        FormField("effect", "What difference did it make for the customer?", required=False),
    )


def test_story_modal_lists_the_cycle():
    view = story_modal([("check-in", "Check-in"), ("waiting-room", "Waiting room")], story_form_fields(STORY_DIALOG),
                       private_metadata="{}")
    assert view["callback_id"] == "story_form" and len(view["title"]["text"]) <= 24
    select = next(b for b in view["blocks"] if b["block_id"] == "mot")["element"]
    assert [o["value"] for o in select["options"]] == ["check-in", "waiting-room"]
    assert {b["block_id"] for b in view["blocks"]} >= {"story", "mot", "action", "colleagues", "effect", "shareable"}


def test_home_views():
    from datetime import UTC, datetime

    when = datetime(2026, 11, 20, tzinfo=UTC)
    manager = Home("slack:U0DANA", "Dana", "manager", "Riverside", 1,
                   (StoryLine(1, "Check-in", "Smiled & helped", when),),
                   (StoryLine(2, "Waiting room", "Dana found a chair", when, "Alice"),), "this week", 40,
                   (MotLine("waiting-room", "Waiting room", 12, 0.5),), (MotLine("check-in", "Check-in", 10, 0.8),),
                   ("Parking",))
    text = json.dumps(home_view(manager))
    assert "Weakest moments" in text and "50% irritating (n=12)" in text and "80% shining" in text
    assert "Smiled &amp; helped" in text and "*Alice* thanked you" in text and "open_story_form" in text
    hostile = "<!channel> <https://evil.example/x|Claim> <@U0DANA> *not bold*"
    thanked = Home("slack:U0DANA", "Dana", "staff", "Riverside", 1, (StoryLine(1, "Check-in", hostile, when),),
                   (StoryLine(2, "Waiting room", hostile, when, "<!here> Eve"),))
    sections = [b["text"]["text"] for b in home_view(thanked)["blocks"] if b["type"] == "section"]
    assert not any(live in s for s in sections for live in ("<!channel>", "<!here>", "<@U0DANA>", "<https://"))
    assert any("Claim (`https://evil.example/x`)" in s for s in sections)
    assert any(s.startswith("*@\u2060here Eve* thanked you") for s in sections)
    stranger = json.dumps(home_view(Home("slack:U9", "there", "unknown")))
    assert "slack:U9" in stranger and "open_story_form" not in stranger


def test_manifest_matches_the_code():
    import yaml

    from bot.adapters.slack.adapter import COMMAND, EVENTS_PATH, STORY_SHORTCUT

    manifest = yaml.safe_load((FIXTURES.parents[2] / "manifest.yml").read_text(encoding="utf-8"))
    settings, features = manifest["settings"], manifest["features"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"message.im", "app_home_opened", "app_mention"}
    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
            *(c["url"] for c in features["slash_commands"])]
    assert all(url.endswith(EVENTS_PATH) for url in urls)
    assert [c["command"] for c in features["slash_commands"]] == [COMMAND]
    assert [s["callback_id"] for s in features["shortcuts"]] == [STORY_SHORTCUT]
    assert all(len(s["name"]) <= 24 for s in features["shortcuts"])
    assert features["app_home"]["home_tab_enabled"] and features["app_home"]["messages_tab_enabled"]
    assert {"chat:write", "im:history", "im:read", "im:write", "app_mentions:read", "commands", "users:read",
            "files:write", "channels:read"} <= set(manifest["oauth_config"]["scopes"]["bot"])


@pytest.mark.parametrize("typed, read", [
    ("sent her to A&amp;E, 5 &lt; 10 &gt; 2", "sent her to A&E, 5 < 10 > 2"),
    ("see <https://nhs.uk/a|the leaflet>", "see the leaflet (https://nhs.uk/a)"),
    ("see <https://nhs.uk/a>", "see https://nhs.uk/a"),
    ("mail <mailto:jo@x.org|jo@x.org>", "mail jo@x.org"),
    ("posted in <#C0TEAM|front-desk> for <!here>", "posted in #front-desk for @here"),
    ("thanks <@U0SAM> and <@U0JO|jo>", "thanks <@U0SAM> and <@U0JO|jo>"),  # people stay mentions
    ("&amp;lt; stays literal", "&lt; stays literal"),
])
def test_slack_formatting_is_read_back_to_what_was_typed(typed, read):
    event = {"type": "message", "channel_type": "im", "channel": "D0ALICE", "user": "U0ALICE",
             "ts": "1732096800.000100", "text": typed}
    msg = to_incoming({"type": "event_callback", "event": event}, bot_user_id="UBOT")
    assert msg is not None and msg.text == read
    command = to_incoming({"command": "/mot", "user_id": "U0ALICE", "channel_id": "C0TEAM", "text": typed,
                           "trigger_id": "t1"}, bot_user_id="UBOT", dm_channel="D0ALICE")
    assert command is not None and command.text == read
