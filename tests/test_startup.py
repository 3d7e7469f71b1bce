"""Start-up that explains itself (bot/startup.py), through the real CLI (`bot.cli.main`): every bad
configuration is one line on stderr and a non-zero exit, never a traceback; an empty database is
migrated on start (also by two processes at once); STORYBOT_AUTO_MIGRATE=false stops a process whose
database is behind; no platform is a warning; a broken cycle file stops only its own teams.
Subprocesses where a process is what is tested (start-up races, servers, a sample of the table);
the rest in this process (`run_main`), which saves the seconds each process spends importing the bot."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot import db
from bot.config import sync_database_url
from devkit.fakes.slack_api import FakeSlackApi
from devkit.fakes.telegram_api import FakeTelegramAPI
from tests.conftest import ANON_KEY, run_main

ROOT = Path(__file__).resolve().parent.parent
CYCLES = ROOT / "data" / "cycles"
SLACK_TOKEN = "xoxb-startup-test-token"
PARALLEL = 4  # CLI processes at once (some spend seconds importing the bot)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_", "PORT"))}
    env.update({"PYTHONPATH": str(ROOT), "STORYBOT_ANON_KEY": ANON_KEY, "STORYBOT_RUN_SCHEDULER": "false", **extra})
    return env


async def run_cli(args: list[str], env: dict[str, str], cwd: Path, *, timeout: float = 120,
                  stdin: bytes = b"") -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=cwd, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(stdin), timeout=timeout)
    except TimeoutError:
        process.kill()
        out, err = await process.communicate()
        return -999, out.decode(), err.decode() + "\n(timed out: the process did not stop)"
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


# --- files the cases use -------------------------------------------------------------------------

def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def teams_yaml(*teams: tuple[str, str]) -> str:
    return "teams:\n" + "".join(f"  - {{id: {team}, name: {team.title()}, cycle: {cycle}}}\n" for team, cycle in teams)


def cycles_with_broken_restaurant(tmp: Path) -> Path:
    """The shipped cycles, with restaurant-visit's first MOT missing its name."""
    directory = tmp / "cycles-broken"
    directory.mkdir(exist_ok=True)
    for name in ("healthcare-visit.yaml", "healthcare-visit.stories.jsonl", "restaurant-visit.stories.jsonl"):
        shutil.copy(CYCLES / name, directory)
    text_ = (CYCLES / "restaurant-visit.yaml").read_text(encoding="utf-8")
    lines = text_.splitlines()
    first_name = next(i for i, line in enumerate(lines)
                      if line.strip().startswith("name:") and lines[i - 1].strip().startswith("- id:"))
    del lines[first_name]
    write(directory / "restaurant-visit.yaml", "\n".join(lines) + "\n")
    return directory


def migrated_at_unknown_revision(tmp: Path) -> str:
    url = f"sqlite:///{tmp}/newer.db"
    db.upgrade(url)
    engine = create_engine(sync_database_url(url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    return url


# --- the table -------------------------------------------------------------------------------------

@dataclass
class Env:
    """What a case may use: a scratch directory, the fakes' URLs, a port something listens on."""

    tmp: Path
    telegram_url: str
    telegram_file_url: str
    slack_url: str
    busy_port: int
    sqlite: str = ""

    def __post_init__(self) -> None:
        self.sqlite = f"sqlite:///{self.tmp}/bot.db"


@dataclass
class Case:
    name: str
    expect: str  # a fragment the one line must contain
    env: Callable[[Env], dict[str, str]]
    args: tuple[str, ...] = ("web", "--port", "0")  # 0: the test's placeholder, replaced by a free port
    secret: str | None = None  # must not be printed
    skip_reason: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    process: bool = False  # run as a process of its own (else in this process: `run_main`)


def _telegram(e: Env, token: str = "123456789:WRONG-token-the-fake-refuses") -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_BASE_URL": e.telegram_url,
            "TELEGRAM_API_FILE_URL": e.telegram_file_url, "TELEGRAM_MODE": "polling", "DATABASE_URL": e.sqlite}


def _slack(e: Env, token: str) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": token, "SLACK_SIGNING_SECRET": "s3cret", "SLACK_API_URL": e.slack_url,
            "DATABASE_URL": e.sqlite}


ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0

CASES = [
    # DATABASE_URL
    Case("garbage DATABASE_URL", "DATABASE_URL", lambda e: {"DATABASE_URL": "not a url"}, process=True),
    Case("unsupported database", "DATABASE_URL", lambda e: {"DATABASE_URL": "mysql://u:pw@127.0.0.1/x"}, secret="pw"),
    Case("postgres on a closed port", "Cannot open the database",
         lambda e: {"DATABASE_URL": f"postgresql://u:hunter22@127.0.0.1:{free_port()}/x"}, secret="hunter22"),
    Case("postgres URL with a bad port number", "DATABASE_URL",
         lambda e: {"DATABASE_URL": "postgresql://u@127.0.0.1:notaport/x"}),
    Case("missing SQLite directory", "does not exist", lambda e: {"DATABASE_URL": f"sqlite:///{e.tmp}/no/such/dir/b.db"}),
    Case("SQLite path is a directory", "is a directory", lambda e: {"DATABASE_URL": f"sqlite:///{e.tmp}"}),
    Case("read-only SQLite database", "cannot be written",
         lambda e: {"DATABASE_URL": f"sqlite:///file:{e.tmp}/ro.db?mode=ro&uri=true"}),
    Case("read-only SQLite file (chmod 444)", "cannot be written", lambda e: {"DATABASE_URL": f"sqlite:///{e.tmp}/444.db"},
         skip_reason="root writes read-only files anyway" if ROOT_USER else None),
    Case("database newer than the code", "does not know", lambda e: {"DATABASE_URL": migrated_at_unknown_revision(e.tmp)},
         process=True),
    Case("auto-migration off, empty database", "storybot db upgrade",
         lambda e: {"DATABASE_URL": f"sqlite:///{e.tmp}/empty.db", "STORYBOT_AUTO_MIGRATE": "false"}),
    Case("auto-migration off, team list", "storybot db upgrade",
         lambda e: {"DATABASE_URL": f"sqlite:///{e.tmp}/empty2.db", "STORYBOT_AUTO_MIGRATE": "false"},
         args=("team", "list")),
    # teams and cycle files
    Case("teams file missing", "no such file",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_TEAMS_FILE": f"{e.tmp}/nope.yaml"}),
    Case("teams file broken YAML", "not valid YAML",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_TEAMS_FILE": str(write(e.tmp / "t1.yaml", "teams: [ {id: a,"))},
         process=True),
    Case("teams file wrong field", "teams.0.timezone",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_TEAMS_FILE": str(write(
             e.tmp / "t2.yaml", "teams:\n  - {id: a, name: A, cycle: healthcare-visit, timezone: Mars/Olympus}\n"))}),
    Case("teams file unknown key", "teams.0.colour",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_TEAMS_FILE": str(write(
             e.tmp / "t3.yaml", "teams:\n  - {id: a, name: A, cycle: healthcare-visit, colour: red}\n"))}),
    Case("teams file names no such cycle", "no cycle 'spaceship'",
         lambda e: {"DATABASE_URL": e.sqlite,
                    "STORYBOT_TEAMS_FILE": str(write(e.tmp / "t4.yaml", teams_yaml(("a", "spaceship"))))}),
    Case("teams file not UTF-8", "not UTF-8",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_TEAMS_FILE": str(write(e.tmp / "t5.yaml", b"teams: \xff\xfe\n"))}),
    Case("teams file is empty", "teams",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_TEAMS_FILE": str(write(e.tmp / "t6.yaml", ""))}),
    Case("cycles directory missing", "STORYBOT_CYCLES_DIR",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_CYCLES_DIR": f"{e.tmp}/nocycles"}),
    Case("cycles directory empty", "no cycle files",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_CYCLES_DIR": str((e.tmp / "empty-cycles").resolve())},
         extra={"mkdir": "empty-cycles"}),
    Case("the only team's cycle file broken", "restaurant-visit.yaml: field 'mots[0].name'",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_CYCLES_DIR": str(cycles_with_broken_restaurant(e.tmp)),
                    "STORYBOT_TEAMS_FILE": str(write(e.tmp / "t7.yaml", teams_yaml(("bistro", "restaurant-visit"))))}),
    Case("the only team's cycle file broken (console)", "restaurant-visit.yaml: field 'mots[0].name'",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_CYCLES_DIR": str(cycles_with_broken_restaurant(e.tmp)),
                    "STORYBOT_TEAMS_FILE": str(write(e.tmp / "t8.yaml", teams_yaml(("bistro", "restaurant-visit"))))},
         args=("console",), process=True),
    # environment variables
    Case("PORT out of range", "PORT", lambda e: {"DATABASE_URL": e.sqlite, "PORT": "99999"}, args=("web",)),
    Case("PORT not a number", "PORT", lambda e: {"DATABASE_URL": e.sqlite, "PORT": "abc"}, args=("web",)),
    Case("port in use", "Cannot listen", lambda e: {"DATABASE_URL": e.sqlite, "PORT": str(e.busy_port)}, args=("web",)),
    Case("bad boolean", "STORYBOT_RUN_SCHEDULER", lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_RUN_SCHEDULER": "maybe"}),
    Case("bad STORYBOT_AUTO_MIGRATE", "STORYBOT_AUTO_MIGRATE",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_AUTO_MIGRATE": "perhaps"}),
    Case("bad list", "STORYBOT_WEEKLY_RETRY_SECONDS",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_WEEKLY_RETRY_SECONDS": "soon"}),
    Case("number out of range", "STORYBOT_DIALOG_TIMEOUT_MINUTES",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_DIALOG_TIMEOUT_MINUTES": "0"}),
    Case("turn niceness out of range", "STORYBOT_TURN_NICENESS",
         lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_TURN_NICENESS": "20"}, args=("web",)),
    Case("bad STORYBOT_ENV", "STORYBOT_ENV", lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_ENV": "staging"}),
    Case("short STORYBOT_ANON_KEY", "STORYBOT_ANON_KEY", lambda e: {"DATABASE_URL": e.sqlite, "STORYBOT_ANON_KEY": "short"},
         secret="short"),
    Case("platform without an anon key", "STORYBOT_ANON_KEY",
         lambda e: {**_slack(e, SLACK_TOKEN), "STORYBOT_ANON_KEY": ""}),
    Case("bad TELEGRAM_MODE", "TELEGRAM_MODE", lambda e: {"DATABASE_URL": e.sqlite, "TELEGRAM_MODE": "carrier-pigeon"}),
    # platform tokens
    Case("Slack token of the wrong shape", "SLACK_BOT_TOKEN", lambda e: _slack(e, "xapp-1-not-a-bot-token"),
         secret="xapp-1-not-a-bot-token"),
    Case("Slack token without signing secret", "SLACK_SIGNING_SECRET",
         lambda e: {"DATABASE_URL": e.sqlite, "SLACK_BOT_TOKEN": SLACK_TOKEN}),
    Case("Telegram token of the wrong shape", "TELEGRAM_BOT_TOKEN",
         lambda e: {"DATABASE_URL": e.sqlite, "TELEGRAM_BOT_TOKEN": "my bot token", "TELEGRAM_MODE": "polling"},
         secret="my bot token"),
    Case("Telegram webhook without URL", "TELEGRAM_WEBHOOK_URL",
         lambda e: {"DATABASE_URL": e.sqlite, "TELEGRAM_BOT_TOKEN": "123:abc", "TELEGRAM_MODE": "webhook"}),
    Case("Telegram rejects the token", "Telegram refused", lambda e: _telegram(e), secret="WRONG-token-the-fake-refuses",
         process=True),
    Case("Telegram rejects the token (scheduler)", "Telegram refused", lambda e: _telegram(e), args=("scheduler",),
         secret="WRONG-token-the-fake-refuses", process=True),
    Case("Slack rejects the token", "Slack refused SLACK_BOT_TOKEN", lambda e: _slack(e, "xoxb-revoked-token"),
         secret="xoxb-revoked-token", process=True),
]


def prepare_case(index: int, case: Case, tmp: Path, *, telegram_url: str, telegram_file_url: str, slack_url: str,
                 busy_port: int) -> tuple[list[str], dict[str, str], Path]:
    """The case's command line, environment and scratch directory (with the files it needs)."""
    scratch = tmp / f"case{index}"
    scratch.mkdir()
    env = Env(scratch, telegram_url, telegram_file_url, slack_url, busy_port)
    if "mkdir" in case.extra:
        (scratch / case.extra["mkdir"]).mkdir()
    if case.name.startswith("read-only SQLite"):
        db.upgrade(f"sqlite:///{scratch}/ro.db")
        db.upgrade(f"sqlite:///{scratch}/444.db")
        (scratch / "444.db").chmod(0o444)
    args = [str(free_port()) if arg == "0" else arg for arg in case.args]
    return args, clean_env(**case.env(env)), scratch


def problems_of(case: Case, code: int, out: str, err: str) -> str | None:
    """What is wrong with a bad configuration's run: it must be one line on stderr with the expected
    words, a non-zero exit, no traceback and no secret. None when all is well."""
    lines = [line for line in err.splitlines() if line.strip()]
    problems = []
    if code in (0, -999):
        problems.append(f"exit status {code}")
    if len(lines) != 1:
        problems.append(f"{len(lines)} lines on stderr")
    if "Traceback" in err + out:
        problems.append("a traceback")
    if lines and case.expect not in lines[0]:
        problems.append(f"no {case.expect!r} in the line")
    if case.secret and case.secret in err + out:
        problems.append("the secret is printed")
    return f"{case.name}: {', '.join(problems)}\n  stderr: {err[-1500:]!r}" if problems else None


def test_every_bad_configuration_is_one_line_and_a_non_zero_exit(tmp_path, monkeypatch):
    """The table, each case through `bot.cli.main` in this process (`run_main`): what the command line
    does before it serves. A case that gets past every check fails here instead of serving."""

    def would_serve(*args: object, **kwargs: object) -> None:
        raise AssertionError("every check passed: storybot web would serve now")

    monkeypatch.setattr("bot.cli.web.serve", would_serve)
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    closed = f"http://127.0.0.1:{free_port()}"  # no platform is reached before the checks that fail here
    failures = []
    try:
        for index, case in enumerate(CASES):
            if case.process or case.skip_reason:
                continue
            args, env, scratch = prepare_case(index, case, tmp_path, telegram_url=closed, telegram_file_url=closed,
                                              slack_url=f"{closed}/api/", busy_port=busy.getsockname()[1])
            failures.append(problems_of(case, *run_main(args, env=env, cwd=scratch)))
    finally:
        busy.close()
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures) + f"\n({len(failures)} of {len(CASES)} cases)"
    assert len(CASES) >= 40


async def test_bad_configurations_in_a_process_of_their_own_are_one_line_too(tmp_path):
    """The table's cases marked `process`, through the real CLI in subprocesses: a settings error, a
    database, a teams file and the console checked before the bot's libraries load, and the platforms'
    refusals, which come once the app is built (web and scheduler)."""
    telegram = FakeTelegramAPI()
    telegram_url = await telegram.start()
    slack = FakeSlackApi(token=SLACK_TOKEN)
    slack_url = await slack.start()
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    gate = asyncio.Semaphore(PARALLEL)

    async def run(index: int, case: Case) -> str | None:
        args, env, scratch = prepare_case(index, case, tmp_path, telegram_url=telegram_url,
                                          telegram_file_url=telegram.file_url, slack_url=slack_url,
                                          busy_port=busy.getsockname()[1])
        async with gate:
            return problems_of(case, *await run_cli(args, env, scratch))

    started = time.monotonic()
    chosen = [(i, case) for i, case in enumerate(CASES) if case.process and not case.skip_reason]
    try:
        results = await asyncio.gather(*(run(i, case) for i, case in chosen))
    finally:
        busy.close()
        await telegram.stop()
        await slack.stop()
    failures = [r for r in results if r]
    took = time.monotonic() - started
    assert not failures, "\n".join(failures) + f"\n({len(failures)} of {len(chosen)} cases, {took:.0f} s)"
    assert len(chosen) >= 7


# --- what must keep running ----------------------------------------------------------------------

async def wait_healthy(port: int, process: asyncio.subprocess.Process, *, want: int = 200) -> dict:
    deadline = time.monotonic() + 90
    async with httpx.AsyncClient() as client:
        while True:
            try:
                answer = await client.get(f"http://127.0.0.1:{port}/healthz")
                if answer.status_code == want:
                    return answer.json()
            except httpx.TransportError:
                pass
            assert process.returncode is None, "storybot web stopped"
            assert time.monotonic() < deadline, "storybot web did not come up"
            await asyncio.sleep(0.2)


async def start_web(env: dict[str, str], cwd: Path) -> tuple[asyncio.subprocess.Process, int]:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "web", "--port", str(port), "--no-access-log", env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    return process, port


async def stop_web(process: asyncio.subprocess.Process) -> str:
    if process.returncode is None:
        process.terminate()
    _, err = await asyncio.wait_for(process.communicate(), timeout=30)
    return err.decode()


def fresh_postgres(url: str) -> str:
    engine = create_engine(sync_database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def empty_database(kind: str, tmp_path: Path) -> str:
    if kind == "postgres":
        return fresh_postgres(os.environ["TEST_DATABASE_URL"])
    return f"sqlite:///{tmp_path}/fresh.db"


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"))])
async def test_two_processes_starting_at_once_on_an_empty_database_both_come_up(kind, tmp_path):
    """Both migrate-or-wait under the lock: the first applies the migrations, the second finds them
    applied. Then `web` on the same database serves /healthz."""
    url = empty_database(kind, tmp_path)
    env = clean_env(DATABASE_URL=url)
    first, second = await asyncio.gather(run_cli(["team", "list"], env, tmp_path),
                                         run_cli(["console", "--as", "alice"], env, tmp_path, stdin=b"/quit\n"))
    assert first[0] == 0 and "No teams yet" in first[1], first
    assert second[0] == 0 and "Traceback" not in second[2], second
    engine = create_engine(sync_database_url(url))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == db.head_revision()
    engine.dispose()
    process, port = await start_web(clean_env(DATABASE_URL=url, STORYBOT_ENV="development"), tmp_path)
    try:
        health = await wait_healthy(port, process)
        assert health["ok"] and health["checks"] == {"database": "up"}
    finally:
        err = await stop_web(process)
    assert "Traceback" not in err, err


async def test_web_on_a_new_empty_database_just_works_and_warns_about_no_platform(tmp_path):
    process, port = await start_web(clean_env(DATABASE_URL=f"sqlite:///{tmp_path}/new.db"), tmp_path)
    try:
        health = await wait_healthy(port, process)
    finally:
        err = await stop_web(process)
    assert health == {"ok": True, "database": "up", "platforms": [], "checks": {"database": "up"}, "down": []}
    warnings = [line for line in err.splitlines() if "No chat platform" in line]
    assert len(warnings) == 1 and "SLACK_BOT_TOKEN" in warnings[0] and "TELEGRAM_BOT_TOKEN" in warnings[0], err
    assert "Traceback" not in err and "no such table" not in err, err


def test_commands_on_rows_alone_do_not_load_the_bot(tmp_path):
    """`team apply/list/add-person`, `visit create`, `db rebuild-rollups` and `db purge` open the database
    alone (`bot.cli.core.rows_only`): in a process of their own, no NLP library is imported, so they
    answer in about a second instead of three."""
    url = f"sqlite:///{tmp_path}/rows.db"
    db.upgrade(url)
    teams = write(tmp_path / "teams.yaml", teams_yaml(("riverside", "healthcare-visit")))
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        "for args in (['team', 'apply', sys.argv[1]], ['team', 'add-person', '--team', 'riverside', '--id',"
        " 'slack:U1', '--name', 'Ann', '--role', 'staff'], ['visit', 'create', '7', '--team', 'riverside'],"
        " ['team', 'list'], ['db', 'rebuild-rollups'], ['db', 'purge']):\n"
        "    sys.argv = ['storybot', *args]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exit_:\n"
        "        assert not exit_.code, args\n"
        "print(sorted(m for m in ('spacy', 'sklearn', 'bot.app', 'bot.dialogs') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", script, str(teams)], env=clean_env(DATABASE_URL=url), cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Visit 7 created" in result.stdout and "Ann [staff] slack:U1" in result.stdout, result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout


def test_a_visit_of_a_team_whose_cycle_is_broken_or_a_moment_unknown_is_a_line_not_a_traceback(tmp_path):
    url = f"sqlite:///{tmp_path}/visits.db"
    db.upgrade(url)
    cycles = cycles_with_broken_restaurant(tmp_path)
    teams = write(tmp_path / "teams.yaml", teams_yaml(("riverside", "healthcare-visit"), ("bistro", "restaurant-visit")))
    assert run_main(["team", "apply", str(teams)], env=clean_env(DATABASE_URL=url), cwd=tmp_path)[0] == 0
    env = clean_env(DATABASE_URL=url, STORYBOT_CYCLES_DIR=str(cycles))
    code, out, err = run_main(["visit", "create", "8", "--team", "bistro"], env=env, cwd=tmp_path)
    warning, line = err.strip().splitlines()
    assert code == 2 and "Cycle file left out" in warning and "restaurant-visit.yaml" in warning, (out, err)
    assert line == "Team bistro's cycle 'restaurant-visit' did not load (the warning above says why), so it can take no visits."
    code, out, err = run_main(["visit", "create", "9", "--team", "riverside", "--mots", "check-in,nope"], env=env,
                              cwd=tmp_path)
    assert code == 2 and err.strip().splitlines()[-1] == "Unknown MOT id(s) for cycle healthcare-visit: nope", (out, err)
    code, out, err = run_main(["visit", "create", "10", "--team", "riverside", "--mots", "check-in"], env=env,
                              cwd=tmp_path)
    assert code == 0 and "start visit_10" in out, (out, err)


def test_auto_migrate_off_runs_on_an_up_to_date_database(tmp_path):
    url = f"sqlite:///{tmp_path}/current.db"
    db.upgrade(url)
    env = clean_env(DATABASE_URL=url, STORYBOT_AUTO_MIGRATE="false")
    code, out, err = run_main(["team", "list"], env=env, cwd=tmp_path)
    assert code == 0 and "No teams yet" in out and err == "", (out, err)


async def test_unreachable_slack_api_keeps_serving_and_healthz_says_slack_is_down(tmp_path):
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path}/s.db", SLACK_BOT_TOKEN=SLACK_TOKEN, SLACK_SIGNING_SECRET="s",
                    SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/", STORYBOT_SEND_TIMEOUT_SECONDS="2")
    process, port = await start_web(env, tmp_path)
    try:
        health = await wait_healthy(port, process, want=503)
    finally:
        err = await stop_web(process)
    assert health["ok"] is False and health["down"] == ["slack"] and health["database"] == "up"
    assert "unreachable" in health["checks"]["slack"]
    assert [line for line in err.splitlines() if "slack is down" in line], err
    assert "Traceback" not in err, err


async def test_a_broken_cycle_file_stops_only_its_own_teams(tmp_path):
    """Riverside (healthcare-visit) starts; the bistro's cycle is broken: one warning naming the file
    and the field, the bistro is left out, and /healthz lists the file."""
    cycles = cycles_with_broken_restaurant(tmp_path)
    teams = write(tmp_path / "teams.yaml", teams_yaml(("riverside", "healthcare-visit"), ("bistro", "restaurant-visit")))
    url = f"sqlite:///{tmp_path}/c.db"
    env = clean_env(DATABASE_URL=url, STORYBOT_CYCLES_DIR=str(cycles), STORYBOT_TEAMS_FILE=str(teams))
    # In this process (`run_main`; in a thread: the CLI runs its own event loop), then web as a process.
    code, out, err = await asyncio.to_thread(run_main, ["console"], env=env, cwd=tmp_path, stdin="/quit\n")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "Cycle file left out" in line]
    assert len(warnings) == 1 and "restaurant-visit.yaml: field 'mots[0].name'" in warnings[0], err
    assert "bistro" in warnings[0] and "Traceback" not in err, err
    code, out, _ = await asyncio.to_thread(run_main, ["team", "list"], env=env, cwd=tmp_path)
    assert code == 0 and "riverside" in out and "bistro" not in out, out
    process, port = await start_web({**env, "STORYBOT_ENV": "development"}, tmp_path)
    try:
        health = await wait_healthy(port, process)
    finally:
        await stop_web(process)
    assert health["ok"] and any("restaurant-visit.yaml" in p for p in health["cycle_files_left_out"])


def test_a_broken_cycle_file_no_team_uses_is_a_warning(tmp_path):
    cycles = cycles_with_broken_restaurant(tmp_path)
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path}/w.db", STORYBOT_CYCLES_DIR=str(cycles))
    code, out, err = run_main(["team", "list"], env=env, cwd=tmp_path)
    assert code == 0 and "No teams yet" in out, (out, err)
    assert "teams on cycle 'restaurant-visit' have no moments of truth" in err and len(err.strip().splitlines()) == 1, err


def test_procfile_releases_with_a_migration():
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    assert "release: storybot db upgrade" in lines


def test_settings_errors_are_one_line_naming_each_variable_and_never_a_secret():
    from bot.startup import load_checked_settings
    from bot.config import ConfigurationError

    with pytest.raises(ConfigurationError) as caught:
        load_checked_settings(_env_file=None, PORT="0", STORYBOT_RUN_SCHEDULER="sometimes",
                              TELEGRAM_BOT_TOKEN="secret token value", STORYBOT_ANON_KEY="tiny")
    line = str(caught.value)
    assert "\n" not in line and line.startswith("Configuration error: ")
    assert "PORT='0'" in line and "STORYBOT_RUN_SCHEDULER='sometimes'" in line and "TELEGRAM_BOT_TOKEN" in line
    assert "secret token value" not in line and "tiny" not in line
    assert "STORYBOT_ANON_KEY: STORYBOT_ANON_KEY" not in line and "STORYBOT_ANON_KEY must be at least 16" in line
