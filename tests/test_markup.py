"""bot.markup: typed text made inert in the internal reply format, and read back as typed."""

from bot.markup import LITERAL, SOFT_HYPHEN, WORD_JOINER, escape, literal, unescape

HOSTILE = "<!channel> <!here> <https://evil.example/refund|Claim your NHS refund here> <@U0DANA>"


def test_slack_control_characters_become_entities():
    assert escape("A & B <b>bold</b> 1 < 2") == "A &amp; B &lt;b&gt;bold&lt;/b&gt; 1 &lt; 2"
    assert escape("Slack sent &amp; &lt;x&gt;") == "Slack sent &amp; &lt;x&gt;"  # already escaped: kept
    assert escape("&copy; &#60;") == "&amp;copy; &amp;#60;"  # only Slack's three entities are decoded


def test_no_mention_no_broadcast_no_disguised_link_survives():
    out = escape(HOSTILE)
    for live in ("<!channel>", "<!here>", "<@U0DANA>", "<https://", "|Claim"):
        assert live not in out
    assert "Claim your NHS refund here (`https://evil.example/refund`)" in out  # the real URL, as code
    assert f"@{WORD_JOINER}channel @{WORD_JOINER}here" in out and f"@{WORD_JOINER}U0DANA" in out
    assert unescape(out).replace(WORD_JOINER, "") == (
        "@channel @here Claim your NHS refund here (`https://evil.example/refund`) @U0DANA")


def test_slack_markup_typed_on_slack_reads_as_words():
    typed_on_slack = escape("<@U0SAM|sam> in <#C1|general>, <!subteam^S1|@nurses>")
    assert unescape(typed_on_slack).replace(WORD_JOINER, "") == "@sam in #general, @nurses"
    assert unescape(escape("<https://x.org|x.org> and <https://x.org>")) == "`https://x.org` and `https://x.org`"
    assert unescape(escape("<!date^1392734382^{date}|Feb 18> ok")) == "Feb 18 ok"


def test_urls_are_code_not_links():
    assert escape("see https://x.org/a?b=1&c=2.") == "see `https://x.org/a?b=1&amp;c=2`."
    assert escape("or www.evil.example/x_y*z!") == "or `www.evil.example/x_y*z`!"
    assert escape("mail a@b.com") == "mail a@b.com"  # an address is not a mention


def test_formatting_characters_are_literal_only_where_they_could_format():
    out = escape("*not bold* _nor this_ ~nor~ `code`")
    assert "*" not in LITERAL.sub("", out) and "`" not in LITERAL.sub("", out)
    assert out.startswith(literal("*") + "not bold" + literal("*"))
    assert unescape(out) == "*not bold* _nor this_ ~nor~ `code`"
    assert escape("visit_123 2*3*4 snake_case :white_check_mark: 😀") == "visit_123 2*3*4 snake_case :white_check_mark: 😀"


def test_a_typed_quote_marker_starts_no_quote():
    assert escape("> not a quote\nok > fine\n>> two") == (
        f"{SOFT_HYPHEN}&gt; not a quote\nok &gt; fine\n{SOFT_HYPHEN}&gt;&gt; two")
    assert unescape(escape("> x")) == "> x"


def test_unescape_reverses_escape():
    for text in ("A & B <b>bold</b>", "*x* _y_ ~z~ `w`", "> quote\nhi", "emoji 🎉 and ünïcödé", ""):
        assert unescape(escape(text)) == text
    assert unescape(escape("@dana")) == f"@{WORD_JOINER}dana"  # invisible, and no Telegram mention
