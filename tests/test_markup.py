"""bot.markup: typed text made inert in the reply markup (checked as Slack renders it: `slack`), and read
back as typed; mentions; and the injection test: hostile typed text rendered through every outgoing
surface, on every platform."""

import json
from datetime import UTC, datetime

import pytest

from bot import store
from bot.adapters.slack import render as slack_blocks
from bot.adapters.telegram import translate as telegram_translate
from bot.adapters.console import to_lines
from bot.events import OutgoingMessage, Platform
from bot.adapters.slack.render import literal
from bot.adapters.slack.render import to_mrkdwn as slack
from bot.home import build_home
from bot.markup import LEGACY_LITERAL as LITERAL
from bot.markup import SOFT_HYPHEN, WORD_JOINER, Mention, escape, mention, unescape
from bot.models import Standard
from tests.conftest import TEAM
from tests.test_weekly import IN_WEEK, WEEK, add_ratings, add_story, fakes, set_team_settings  # noqa: F401

HOSTILE = "<!channel> <!here> <https://evil.example/refund|Claim your NHS refund here> <@U0DANA>"


def slack_of(text: str) -> str:
    """Typed text made inert, as Slack is sent it."""
    return slack(escape(text))


def test_slack_control_characters_become_entities():
    assert slack_of("A & B <b>bold</b> 1 < 2") == "A &amp; B &lt;b&gt;bold&lt;/b&gt; 1 &lt; 2"
    assert slack_of("Slack sent &amp; &lt;x&gt;") == "Slack sent &amp; &lt;x&gt;"  # already escaped: kept
    assert slack_of("&copy; &#60;") == "&amp;copy; &amp;#60;"  # only Slack's three entities are decoded


def test_no_mention_no_broadcast_no_disguised_link_survives():
    out = slack_of(HOSTILE)
    for live in ("<!channel>", "<!here>", "<@U0DANA>", "<https://", "|Claim"):
        assert live not in out
    assert "Claim your NHS refund here (`https://evil.example/refund`)" in out  # the real URL, as code
    assert f"@{WORD_JOINER}channel @{WORD_JOINER}here" in out and f"@{WORD_JOINER}U0DANA" in out
    assert unescape(out).replace(WORD_JOINER, "") == (
        "@channel @here Claim your NHS refund here (`https://evil.example/refund`) @U0DANA")


def test_slack_markup_typed_on_slack_reads_as_words():
    typed_on_slack = slack_of("<@U0SAM|sam> in <#C1|general>, <!subteam^S1|@nurses>")
    assert unescape(typed_on_slack).replace(WORD_JOINER, "") == "@sam in #general, @nurses"
    assert unescape(slack_of("<https://x.org|x.org> and <https://x.org>")) == "`https://x.org` and `https://x.org`"
    assert unescape(slack_of("<!date^1392734382^{date}|Feb 18> ok")) == "Feb 18 ok"


def test_urls_are_code_not_links():
    assert slack_of("see https://x.org/a?b=1&c=2.") == "see `https://x.org/a?b=1&amp;c=2`."
    assert slack_of("or www.evil.example/x_y*z!") == "or `www.evil.example/x_y*z`!"
    assert slack_of("mail a@b.com") == "mail a@b.com"  # an address is not a mention


def test_formatting_characters_are_literal_only_where_they_could_format():
    out = slack_of("*not bold* _nor this_ ~nor~ `code`")
    assert "*" not in LITERAL.sub("", out) and "`" not in LITERAL.sub("", out)
    assert out.startswith(literal("*") + "not bold" + literal("*"))
    assert unescape(out) == "*not bold* _nor this_ ~nor~ `code`"
    same = "visit_123 2*3*4 snake_case :white_check_mark: 😀"
    assert slack_of(same) == same


def test_a_typed_quote_marker_starts_no_quote():
    assert slack_of("> not a quote\nok > fine\n>> two") == (
        f"{SOFT_HYPHEN}&gt; not a quote\nok &gt; fine\n{SOFT_HYPHEN}&gt;&gt; two")
    assert unescape(slack_of("> x")) == "> x"


def test_unescape_reverses_escape():
    for text in ("A & B <b>bold</b>", "*x* _y_ ~z~ `w`", "> quote\nhi", "emoji 🎉 and ünïcödé", ""):
        assert unescape(escape(text)) == text and unescape(slack_of(text)) == text
    assert unescape(escape("a\\*b \\> c")) == "a\\*b \\> c"
    assert unescape(escape("@dana")) == f"@{WORD_JOINER}dana"  # invisible, and no Telegram mention


def test_the_markup_itself_is_platform_neutral():
    assert escape("A & B <b> *x* 2*3 \\ > y") == "A & B \\<b\\> \\*x\\* 2*3 \\\\ \\> y"
    assert escape("&amp; &lt; &gt;") == "& \\< \\>"  # Slack's entities (typed on Slack, stored) read as typed
    assert escape("> q") == SOFT_HYPHEN + "\\> q" and "<!date" not in escape("*x*")


def test_a_mention_is_one_token_each_platform_renders():
    token = mention(["console:sam", "slack:U0SAM"], "*Sam* <b>")
    seen: list[Mention] = []
    unescape(f"hi {token}!", mention=lambda m: seen.append(m) or "")
    [person] = seen
    assert person.person_ids == ("console:sam", "slack:U0SAM") and person.user_on("slack") == "U0SAM"
    assert slack(f"hi {token}!") == "hi <@U0SAM>!"
    assert slack(mention(["telegram:1"], "*Sam* <b>")) == f"*{literal('*')}Sam{literal('*')} &lt;b&gt;*"
    assert unescape(f"hi {token}!") == "hi @*Sam* <b>!"
    assert "<@U0SAM>" not in slack(escape(token)) and "@Sam" not in unescape(escape(token))  # typed: no mention


# --- the injection test: hostile typed text through every outgoing surface ------------------------

CUSTOMER = ("> Sam was lovely & kind <!channel> <!here> <https://evil.example/refund|Claim your NHS refund here> "
            "<@U0DANA> <b>bold</b> *not bold* 🎉")
STAFF = ("We helped <!channel> <https://evil.example/refund|Claim your NHS refund here> <@U0DANA> & <b>bold</b> "
         "*not bold* 🎉")
EVE = "<!here> Eve <https://evil.example/refund|Claim your NHS refund here> *x*"  # a display name, as typed


def rendered(message: OutgoingMessage) -> tuple[str, str, str, str]:
    """One message as each renderer sends it: Slack chat.postMessage arguments (JSON), Telegram HTML,
    Telegram's plain-text fallback, console lines."""
    slack = json.dumps(slack_blocks.to_outgoing(message), ensure_ascii=False)
    sends = telegram_translate.to_outgoing(message)
    return (slack, "\n".join(s.text for s in sends), "\n".join(s.plain_text for s in sends),
            "\n".join(to_lines(message)))


def assert_inert(message: OutgoingMessage, *, shown: bool = True) -> None:
    """Nothing typed is live anywhere; with `shown`, the hostile link is there, as plain text."""
    slack, html, plain, console = rendered(message)
    for live in ("<!channel>", "<!here>", "<@U0DANA>", "<https://evil", "*not bold*"):
        assert live not in slack, (live, slack)
    for live in ("<a ", 'href="https://evil', "<b>bold</b>", "<b>not bold</b>", "&amp;lt;", "&amp;amp;"):
        assert live not in html, (live, html)
    assert "<!channel>" not in console + plain and "<!here>" not in console + plain
    if shown:
        assert "`https://evil.example/refund`" in slack and "<code>https://evil.example/refund</code>" in html
        assert "Claim your NHS refund here (`https://evil.example/refund`)" in console


@pytest.fixture
async def hostile(app, fakes, tmp_path):  # type: ignore[no-untyped-def]
    """A week in which a customer's "why" and a staff story carry the hostile text (Sam is on Slack,
    so the product's own mention of him is live there)."""
    app.settings.chart_dir = tmp_path / "charts"
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_person(session=session, person_id="slack:U0SAM", team_id=TEAM, display_name="Sam")
        await store.upsert_person(session=session, person_id="console:eve", team_id=TEAM, display_name=EVE)
        session.add(Standard(team_id=TEAM, mot_id="check-in", key="hostile", behaviour=STAFF,
                             accepted_by="console:eve", accepted_at=IN_WEEK))
    await add_ratings(app, "check-in", "shining", 6, comment=CUSTOMER)
    await add_story(app, colleagues=("Sam",), text=STAFF, action=STAFF, effect=CUSTOMER)
    return fakes


async def test_the_weekly_shout_out_mentions_only_the_team(app, hostile):
    result = await app.weekly.run(team_id=TEAM, kind="recognition", week=WEEK)
    assert result.status == "posted"
    [slack] = hostile[Platform.SLACK].to("C1")
    [telegram] = hostile[Platform.TELEGRAM].to("-100")
    for post in (slack, telegram):
        assert_inert(post)
    posted = json.dumps(slack_blocks.to_outgoing(slack), ensure_ascii=False)
    assert "• <@U0SAM> (Check in): “" in posted and "with <@U0SAM>:" in posted  # our own mention: live
    html = "\n".join(s.text for s in telegram_translate.to_outgoing(telegram))
    assert "• <b>Sam</b> (Check in): “" in html and "&lt;b&gt;bold&lt;/b&gt;" in html and "🎉" in html
    assert "<blockquote>We helped @\u2060channel Claim your NHS refund here (<code>" in html


async def test_the_draft_a_manager_approves(app, hostile):
    await set_team_settings(app, recognition_approval=True)
    assert (await app.weekly.run(team_id=TEAM, kind="recognition", week=WEEK)).status == "awaiting_approval"
    [approval] = hostile[Platform.CONSOLE].dms("dana")
    assert "here is this week's shout-out" in approval.text
    assert_inert(approval)


async def test_the_manager_digest(app, hostile):
    digest_week = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)  # in the week before Monday 16 Nov's digest
    app.weekly.clock = lambda: datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
    await add_ratings(app, "check-in", "shining", 5, when=digest_week, comment=CUSTOMER)
    async with app.sessionmaker() as session, session.begin():
        session.add(Standard(team_id=TEAM, mot_id="waiting-room", key="hostile", behaviour=STAFF,
                             accepted_by="console:eve", accepted_at=digest_week))
    assert (await app.weekly.run(team_id=TEAM, kind="digest")).status == "posted"
    [digest] = hostile[Platform.CONSOLE].dms("dana")
    assert "weekly digest" in digest.text and "*New best practices*" in digest.text
    assert_inert(digest)  # the new best practice is a hostile story's behaviour


async def test_manager_answers_quote_customers_and_stories_as_typed(app, hostile, chat):
    dana = chat("dana")
    for question in ("what are people saying about check in this week", "stories this week",
                     "strongest moments this week", "how was check in this week", "best practices for check in"):
        await dana.say(question)
        assert dana.last, question
        for message in dana.last:
            assert_inert(message, shown=question != "best practices for check in")


async def test_story_dialog_and_its_confirmation(app, hostile, chat):
    eve = chat("eve")
    await eve.say("story")
    await eve.say(STAFF + " She was lost, so I walked her to the clinic and found her a chair.")
    if "confirm" not in eve.choices:
        await eve.click(eve.choices[0])
    else:
        await eve.click("confirm")
    # the story says what Eve did: who helped, the effect, sharing, then the card (which echoes every line)
    for answer in (STAFF, CUSTOMER, "yes"):
        await eve.say(answer)
        for message in eve.last:
            assert_inert(message, shown=False)
    assert "Does it look right" in eve.last[-1].text
    await eve.click("edit_action")
    await eve.say(STAFF)  # what she did, in hostile words, shown on the card again
    [card] = eve.last
    assert "Does it look right" in card.text
    assert_inert(card)
    await eve.click("save")
    [thanks] = eve.last
    assert "Thank you, " in thanks.text and "Your story #" in thanks.text
    assert_inert(thanks)  # the hostile display name


async def test_the_app_home_of_a_thanked_colleague(app, hostile):
    async with app.sessionmaker() as session:
        home = await build_home(session=session, person_id="slack:U0SAM", cycles=app.cycles)
    assert home.thanks
    view = json.dumps(slack_blocks.home_view(home), ensure_ascii=False)
    for live in ("<!channel>", "<!here>", "<@U0DANA>", "<https://evil", "*not bold*"):
        assert live not in view
    assert "Claim your NHS refund here (`https://evil.example/refund`)" in view


async def test_a_customer_survey_echoes_the_visit_ref_as_typed(app, chat):
    guest = chat("guest")
    await guest.say("start visit_<!here><https://evil.example/refund|Claim your NHS refund here>")
    assert "I couldn't find visit" in guest.last[0].text
    assert_inert(guest.last[0])
