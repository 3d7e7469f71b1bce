"""The console adapter: pure translation, and the real `storybot console` driven by piped stdin."""

import subprocess
import sys
from pathlib import Path

from bot.adapters.console import to_incoming, to_lines
from bot.events import Choice, ConversationKey, OutgoingMessage, Platform
from bot.markup import escape, mention
from tests.conftest import run_main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CHOICES = (Choice("go:story", "Tell a story"), Choice("go:visit_survey", "Give feedback"))


def test_to_incoming_commands_numbers_and_labels():
    msg = to_incoming("/start visit_123\n", user="bob")
    assert (msg.command, msg.text, str(msg.key)) == ("start", "visit_123", "console:console:bob")
    assert to_incoming("2", user="bob", last_choices=CHOICES).choice_id == "go:visit_survey"
    assert to_incoming("tell a story", user="bob", last_choices=CHOICES).choice_id == "go:story"
    plain = to_incoming("3", user="bob", last_choices=CHOICES)
    assert plain.choice_id is None and plain.text == "3"
    assert to_incoming("hi", user="bob").message_id != to_incoming("hi", user="bob").message_id


def test_to_lines_numbers_choices_and_images():
    key = ConversationKey(Platform.CONSOLE, "console", "bob")
    lines = to_lines(OutgoingMessage(key, "Hello\nthere", CHOICES, image_path="charts/x.png"))
    assert lines == ["bot> Hello", "     there", "     1) Tell a story", "     2) Give feedback",
                     "     [picture saved to charts/x.png]"]


def test_to_lines_shows_typed_text_as_typed():
    key = ConversationKey(Platform.CONSOLE, "console", "bob")
    typed = escape("> A & B <b>x</b> *not bold*\nsee https://x.org/?a=1&b=2")
    assert to_lines(OutgoingMessage(key, f"*Quote*:\n{typed}")) == [
        "bot> Quote:", "     > A & B <b>x</b> *not bold*", "     see `https://x.org/?a=1&b=2`"]


def test_to_lines_shows_the_products_formatting_as_plain_words():
    key = ConversationKey(Platform.CONSOLE, "console", "bob")
    sam = mention(["slack:U0SAM", "console:sam"], "Sam")
    text = f"🌟 *Shout-outs*\n_13–20 Nov_\n• {sam} at *Check in*:\n> _{escape('she *smiled*')}_\n<https://x.org|the report>"
    assert to_lines(OutgoingMessage(key, text)) == [
        "bot> 🌟 Shout-outs", "     13–20 Nov", "     • @Sam at Check in:", "     > she *smiled*",
        "     the report (https://x.org)"]


def _cli(*args, stdin: str = "", cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                            cwd=cwd, timeout=120, env=_env())
    assert result.returncode == 0, result.stderr
    return result.stdout


def _env():
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env


def _cli_in_process(*args, cwd: Path) -> str:
    """The set-up commands: `bot.cli.main` in this process (`run_main`); the console is the process."""
    code, out, err = run_main(args, env=_env(), cwd=cwd)
    assert code == 0, err
    return out


def test_console_piped_end_to_end(tmp_path):
    url = f"sqlite:///{tmp_path}/bot.db"
    _cli_in_process("db", "upgrade", "--database-url", url, cwd=tmp_path)
    assert "Applied 1 team" in _cli_in_process("team", "apply", str(FIXTURES / "teams.yaml"), "--database-url", url,
                                               cwd=tmp_path)
    _cli_in_process("visit", "create", "7", "--team", "clinic", "--mots", "check-in,waiting-room", "--database-url",
                    url, cwd=tmp_path)
    script = "\n".join([
        "story",
        "A patient could not find the clinic so I walked her all the way from the front door.",
        "1",
        "nobody",  # the story says what Alice did: "Who helped?" comes next
        "skip",
        "yes",
        "save",  # the confirmation card
        "/as guest",
        "/start visit_7",
        "1",
        "3",
        "so friendly",
        "too long",
        "skip",
        "no",
        "/as dana",
        "which MOTs are weakest this week?",
        "/quit",
        "never read",
    ]) + "\n"
    out = _cli("console", "--as", "alice", "--database-url", url, stdin=script, cwd=tmp_path)
    assert "alice> story" in out
    assert "Thank you, Alice!" in out
    assert "(1/2) Check in" in out and "What made Check in shine" in out and "*Check in*" not in out
    assert "Thank you! 🙏" in out
    assert "Weakest — this week" in out and "too few to rank fairly" in out  # 2 ratings: nothing ranked
    assert "never read" not in out
