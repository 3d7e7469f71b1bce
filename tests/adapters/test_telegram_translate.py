"""Pure Telegram translation: raw Update JSON (tests/fixtures/telegram) -> IncomingMessage, and
OutgoingMessage -> Bot API calls (HTML, keyboards, photos, long texts). No network."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram import Bot, Update

from bot.adapters.telegram.render import (
    callback_data_for,
    deep_link,
    hashed_choice_ids,
    keyboard_layout,
    split_text,
    strip_markdown,
    to_html,
    visit_link,
)
from bot.adapters.payload import Malformed
from bot.adapters.telegram.translate import (
    BotIdentity,
    chat_id_of,
    click_of,
    is_unreadable_dm,
    reply_context,
    to_incoming,
    to_outgoing,
    update_kind,
    validated_update,
)
from bot.events import Choice, ConversationKey, OutgoingMessage, Platform
from bot.markup import WORD_JOINER, escape, mention
from tests.adapters.conftest import replaced

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "telegram"
BOT = BotIdentity("123456789", "storybot_test_bot")
GROUP = "-1001234567890"


def load(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def test_private_text():
    msg = to_incoming(load("private_text"), bot=BOT)
    assert msg is not None
    assert str(msg.key) == "telegram:424242:424242" and msg.key.person_id == "telegram:424242"
    assert msg.text == "A patient couldn't find radiology so I walked her there & waited <3"
    assert msg.command is None and msg.choice_id is None
    assert msg.message_id == "123456789:424242:17" and msg.user_name == "Tess Ng"
    assert msg.received_at.year == 2025 and msg.raw is not None


def test_start_deep_link_is_a_command_with_its_payload():
    msg = to_incoming(load("start_visit_123"), bot=BOT)
    assert msg is not None and (msg.command, msg.text) == ("start", "visit_123")
    assert msg.key == ConversationKey(Platform.TELEGRAM, "777001", "777001")


def test_callback_query_is_a_choice_once_per_keyboard():
    raw = load("callback_query")
    msg = to_incoming(raw, bot=BOT)
    assert msg is not None and msg.choice_id == "shining" and msg.text == "✨ Shining"
    assert msg.key == ConversationKey(Platform.TELEGRAM, "777001", "777001")
    assert msg.message_id == "123456789:777001:19:click:777001"
    click = click_of(raw)
    assert click is not None and click.callback_query_id == "3341889261871616010"
    assert (click.chat_id, click.message_id, click.remove_keyboard, click.foreign) == ("777001", 19, True, False)


def test_group_messages_count_only_when_addressed():
    assert to_incoming(load("group_not_addressed"), bot=BOT) is None
    assert to_incoming(load("group_command_other_bot"), bot=BOT) is None
    mot = to_incoming(load("group_command_mot"), bot=BOT)
    assert mot is not None and (mot.command, mot.text) == ("mot", "weakest this week")
    assert mot.key == ConversationKey(Platform.TELEGRAM, GROUP, "424242")
    mention = to_incoming(load("group_mention"), bot=BOT)
    assert mention is not None and (mention.command, mention.text) == (None, "story")
    reply = to_incoming(load("group_reply_to_bot"), bot=BOT)
    assert reply is not None and reply.text == "We walked him to the car park"
    # groups: replies answer the person's message (so the keyboard shows whose it is)
    assert reply_context(load("group_command_mot")) == (None, 302)
    assert reply_context(load("private_text")) == (None, None)


def test_a_message_in_a_forum_topic_is_answered_in_that_topic():
    topic = replaced(replaced(load("group_command_mot"), "message.message_thread_id", 7), "message.is_topic_message", True)
    assert reply_context(topic) == (7, 302) and to_incoming(topic, bot=BOT).thread_id == "7"
    assert to_incoming(load("group_command_mot"), bot=BOT).thread_id is None


def test_username_unknown_ignores_addressed_commands_for_others():
    anonymous_bot = BotIdentity("123456789")
    assert to_incoming(load("group_command_mot"), bot=anonymous_bot) is None
    assert to_incoming(load("group_reply_to_bot"), bot=anonymous_bot) is not None


@pytest.mark.parametrize("name", ["edited_message", "channel_post", "sticker", "photo_only", "unknown_update",
                                  "my_chat_member"])
def test_skipped_updates(name):
    assert to_incoming(load(name), bot=BOT) is None


def test_unreadable_dms_get_a_hint_and_captions_are_text():
    assert is_unreadable_dm(load("sticker")) and is_unreadable_dm(load("photo_only"))
    assert not is_unreadable_dm(load("private_text")) and not is_unreadable_dm(load("group_not_addressed"))
    msg = to_incoming(load("photo_with_caption"), bot=BOT)
    assert msg is not None and msg.text == "story: the thank-you card from Mrs Patel"


def test_kinds_and_chats():
    assert update_kind(load("edited_message")) == "edited_message"
    assert update_kind(load("unknown_update")) == "future_update_kind"
    assert chat_id_of(load("callback_query")) == "777001"
    assert chat_id_of(load("group_mention")) == GROUP
    assert chat_id_of(load("unknown_update")) is None


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.json")))
def test_ptb_round_trip_reads_the_same(name):
    """Polling hands us PTB `Update` objects; `update.to_dict()` must translate like the raw JSON."""
    raw = load(name)
    via_ptb = Update.de_json(raw, Bot("123456789:x")).to_dict()
    now = datetime(2026, 1, 2, tzinfo=UTC)
    assert to_incoming(via_ptb, bot=BOT, now=now) == to_incoming(raw, bot=BOT, now=now)
    assert click_of(via_ptb) == click_of(raw) and reply_context(via_ptb) == reply_context(raw)


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.json")))
def test_validated_copy_through_ptb_reads_the_same(name):
    """The validated copy read back through PTB (`Update.de_json(...).to_dict()`) translates like the raw
    JSON and validates to the same copy."""
    raw = load(name)
    copy = validated_update(raw)
    if copy is None:  # kinds we do not handle are dropped at the webhook
        assert to_incoming(raw, bot=BOT) is None and not is_unreadable_dm(raw)
        return
    via_ptb = Update.de_json(copy, Bot("123456789:x")).to_dict()
    now = datetime(2026, 1, 2, tzinfo=UTC)
    assert to_incoming(via_ptb, bot=BOT, now=now) == to_incoming(raw, bot=BOT, now=now)
    assert click_of(via_ptb) == click_of(raw) and reply_context(via_ptb) == reply_context(raw)
    assert is_unreadable_dm(via_ptb) == is_unreadable_dm(raw) and validated_update(via_ptb) == copy


@pytest.mark.parametrize(("name", "path", "value"), [
    ("private_text", "message.chat.id", [424242]),  # were stored as "[424242]" and friends
    ("private_text", "message.chat.id", 424242.0),
    ("private_text", "message.chat.id", "424242"),
    ("private_text", "message.message_id", "17"),
    ("private_text", "message.from.id", True),
    ("private_text", "message.from.is_bot", "false"),
    ("private_text", "update_id", 2**64),
    ("private_text", "message", "hello"),
    ("callback_query", "callback_query.data", "a" * 256),
    ("callback_query", "callback_query.data", "shin\x00ing"),
    ("callback_query", "callback_query.id", ["3341889261871616010"]),
    ("callback_query", "callback_query.id", "1" * 65),  # goes into a stored key when there is no message
    ("callback_query", "callback_query.message.reply_markup.inline_keyboard", [{"text": "x"}]),
    ("sticker", "message.sticker", "not an object"),
])
def test_ids_and_shapes_telegram_does_not_send_are_rejected(name, path, value):
    with pytest.raises(Malformed):
        validated_update(replaced(load(name), path, value))


def test_text_is_cleaned_and_other_kinds_dropped():
    copy = validated_update(replaced(load("private_text"), "message.text", "Danke\x00 \ud800 \U0001f600 \u202eטקסט"))
    assert copy["message"]["text"] == "Danke \ufffd \U0001f600 \u202eטקסט"
    assert to_incoming(copy, bot=BOT).text == "Danke \ufffd \U0001f600 \u202eטקסט"
    assert validated_update(load("edited_message")) is None and validated_update(load("unknown_update")) is None
    with pytest.raises(Malformed):
        validated_update([load("private_text")])


def test_group_clicks_belong_to_the_person_answered():
    raw = load("callback_query")
    query = raw["callback_query"]
    query["message"]["chat"] = {"id": int(GROUP), "type": "supergroup", "title": "Team"}
    query["message"]["reply_to_message"] = {"message_id": 400, "date": 1, "chat": query["message"]["chat"],
                                            "from": {"id": 777001, "is_bot": False, "first_name": "Guest"}}
    own = to_incoming(raw, bot=BOT)
    assert own is not None and own.key == ConversationKey(Platform.TELEGRAM, GROUP, "777001")
    assert click_of(raw).remove_keyboard and reply_context(raw) == (None, 400)
    query["from"] = {"id": 555, "is_bot": False, "first_name": "Someone"}
    assert to_incoming(raw, bot=BOT) is None
    assert click_of(raw).foreign and not click_of(raw).remove_keyboard
    del query["message"]["reply_to_message"]  # a proactive post: anyone may click, keyboard stays
    anyone = to_incoming(raw, bot=BOT)
    assert anyone is not None and anyone.key.user_id == "555" and not click_of(raw).remove_keyboard


def test_long_choice_ids_are_hashed_and_recovered():
    long_id = "go:ask:detail:" + "a-very-long-moment-of-truth-identifier-" * 2
    data = callback_data_for(long_id)
    assert data.startswith("#") and len(data.encode()) <= 64
    assert callback_data_for("go:ask:detail:check-in") == "go:ask:detail:check-in"
    assert hashed_choice_ids([long_id, "skip"]) == {data: long_id}
    raw = load("callback_query")
    raw["callback_query"]["data"] = data
    raw["callback_query"]["message"]["reply_markup"] = {"inline_keyboard": [[{"text": "More on X", "callback_data": data}]]}
    assert to_incoming(raw, bot=BOT, long_choice_ids={data: long_id}).choice_id == long_id
    forgotten = to_incoming(raw, bot=BOT)  # after a restart: the label, as if typed
    assert forgotten is not None and forgotten.choice_id is None and forgotten.text == "More on X"


def test_markdown_to_html():
    assert to_html("*Check in* — <b>5 & 6</b> _really_ ~no~ `a*b*`") == (
        "<b>Check in</b> — &lt;b&gt;5 &amp; 6&lt;/b&gt; <i>really</i> <s>no</s> <code>a*b*</code>")
    assert to_html("> quoted *one*\n> two\n• bullet") == "<blockquote>quoted <b>one</b>\ntwo</blockquote>\n• bullet"
    assert to_html("visit_123 and 2*3*4 and snake_case_name") == "visit_123 and 2*3*4 and snake_case_name"
    assert to_html("see <https://x.org/a?b=1&c=2|the report>") == 'see <a href="https://x.org/a?b=1&amp;c=2">the report</a>'
    assert strip_markdown("*Bold* and _it_ <https://x.org|link>") == "Bold and it link (https://x.org)"


def test_typed_text_is_shown_as_typed_and_makes_no_link():
    typed = escape("A & B <b>x</b> *not bold* _nor_ `tick` <https://evil.example/refund|Claim your refund> @dana")
    assert to_html(f"*Quote*: “{typed}”") == (
        "<b>Quote</b>: “A &amp; B &lt;b&gt;x&lt;/b&gt; *not bold* _nor_ `tick` Claim your refund "
        f"(<code>https://evil.example/refund</code>) @{WORD_JOINER}dana”")
    assert to_html(f"> {escape('> a lone marker')}\n{escape('> another')}") == (
        "<blockquote>&gt; a lone marker</blockquote>\n&gt; another")
    assert to_html(escape("<a href=\"https://evil.example\">x</a> &lt;b&gt;")) == (
        "&lt;a href=\"<code>https://evil.example</code>\"&gt;x&lt;/a&gt; &lt;b&gt;")
    assert strip_markdown(f"*Quote*: {typed}") == (
        f"Quote: A & B <b>x</b> *not bold* _nor_ `tick` Claim your refund (https://evil.example/refund) @{WORD_JOINER}dana")


def test_a_mention_is_the_name_in_bold_never_an_account_link():
    sam = mention(["slack:U0SAM", "telegram:1001"], "Sam <b> *x*")
    assert to_html(f"• {sam} at *Check in*") == "• <b>Sam &lt;b&gt; *x*</b> at <b>Check in</b>"
    assert "tg://" not in to_html(sam) and "1001" not in to_html(sam)
    assert strip_markdown(f"Thanks {sam}!") == "Thanks Sam <b> *x*!"


def test_split_text_fits_rendered_limit():
    text = "\n".join(f"• line {i} with *bold* & more" for i in range(400))
    pieces = split_text(text, limit=4096)
    assert len(pieces) > 1 and all(len(to_html(p)) <= 4096 for p in pieces)
    assert "\n".join(pieces) == text
    huge = "word " * 2000
    assert all(len(to_html(p)) <= 4096 for p in split_text(huge))


def test_keyboard_layout():
    assert keyboard_layout(["Yes", "No"]) == [[0, 1]]
    assert keyboard_layout(["✨ Shining", "😐 Dull", "😠 Irritating", "Skip"]) == [[0, 1], [2, 3]]
    assert keyboard_layout(["Sit in the waiting room", "Check in"]) == [[0], [1]]
    assert keyboard_layout([]) == []


def test_to_outgoing_text_with_keyboard():
    key = ConversationKey(Platform.TELEGRAM, "777001", "777001")
    out = OutgoingMessage(key, "(1/3) *Check in* — how was it?",
                          (Choice("shining", "✨ Shining"), Choice("dull", "😐 Dull"), Choice("irritating", "😠 Irritating"),
                           Choice("skip", "Skip")))
    [send] = to_outgoing(out)
    assert (send.method, send.chat_id, send.parse_mode) == ("sendMessage", "777001", "HTML")
    assert send.text == "(1/3) <b>Check in</b> — how was it?" and send.plain_text == "(1/3) Check in — how was it?"
    rows = send.reply_markup.to_dict()["inline_keyboard"]
    assert [[b["callback_data"] for b in row] for row in rows] == [["shining", "dull"], ["irritating", "skip"]]


def test_to_outgoing_groups_photos_and_long_texts(tmp_path):
    group = ConversationKey(Platform.TELEGRAM, GROUP, "")
    [send] = to_outgoing(OutgoingMessage(group, "Shout-out!", thread_id="7"), reply_to=302)
    assert send.chat_id == GROUP and send.message_thread_id == 7 and send.reply_parameters.message_id == 302
    dm = ConversationKey(Platform.TELEGRAM, "", "424242")  # a DM addressed by user id only
    photo, = to_outgoing(OutgoingMessage(dm, "*Weekly chart*", image_path="chart.png"))
    assert (photo.method, photo.chat_id, photo.text, photo.photo) == ("sendPhoto", "424242", "<b>Weekly chart</b>", "chart.png")
    long = "x" * 1500 + "\n" + "y" * 3000 + "\n" + "z" * 100
    sends = to_outgoing(OutgoingMessage(group, long, (Choice("yes", "Yes"),), image_path="chart.png"))
    assert [s.method for s in sends] == ["sendPhoto", "sendMessage", "sendMessage"]
    assert sends[0].text == "" and sends[-1].reply_markup is not None and sends[0].reply_markup is None
    plain, = to_outgoing(OutgoingMessage(dm, "*not bold* <tag>", markdown=False))
    assert plain.parse_mode is None and plain.text == "*not bold* <tag>"


def test_deep_links():
    assert visit_link("storybot_test_bot", "123") == "https://t.me/storybot_test_bot?start=visit_123"
    assert deep_link("@StoryBot", "visit_A-1") == "https://t.me/StoryBot?start=visit_A-1"
    with pytest.raises(ValueError):
        visit_link("storybot_test_bot", "12 3")
    with pytest.raises(ValueError):
        visit_link("storybot_test_bot", "x" * 60)
    with pytest.raises(ValueError):
        visit_link("no", "1")


def test_webhook_secret_given_or_derived():
    from pydantic import SecretStr

    from bot.adapters.telegram.adapter import webhook_secret
    from bot.config import TelegramSettings

    derived = webhook_secret(TelegramSettings(bot_token=SecretStr("1:abc")))
    assert derived == webhook_secret(TelegramSettings(bot_token=SecretStr("1:abc"))) and len(derived) == 64
    assert "abc" not in derived and derived != webhook_secret(TelegramSettings(bot_token=SecretStr("1:abd")))
    given = TelegramSettings(bot_token=SecretStr("1:abc"), webhook_secret=SecretStr("my_Secret-1"))
    assert webhook_secret(given) == "my_Secret-1"
    with pytest.raises(ValueError):
        webhook_secret(TelegramSettings(bot_token=SecretStr("1:abc"), webhook_secret=SecretStr("no spaces!")))
