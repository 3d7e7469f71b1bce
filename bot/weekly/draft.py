"""What a weekly run sends, as stored targets: `{"key": "slack:C1:", "label", "text", "choices",
"image"}` in `WeeklyRun.content["targets"]`. Drafted once per run, so a retry sends exactly the
same text, and only to the targets not yet reached. Also the managers' DMs about a run: the
approval request for a shout-out, and the report of one that failed or may have been posted."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot import store
from bot.events import ConversationKey, Platform
from bot.markup import escape
from bot.store import weekly_run, weekly_story
from bot.weekly.digest import collect_digest, quiet_staff, render_digest, render_nudge
from bot.weekly.recognition import collect_recognition, render_empty_prompt, render_recognition
from bot.weekly.roster import dm_key, dm_target, load_roster
from bot.weekly.week import approval_required, nudge_after_weeks, team_slot, window

if TYPE_CHECKING:
    from bot.store import AsyncSession

    from bot.config import Settings
    from bot.cycle import Cycle
    from bot.models import Team, WeeklyRun

LABELS = {Platform.SLACK: "Slack", Platform.TELEGRAM: "Telegram", Platform.CONSOLE: "console"}


class PermanentError(RuntimeError):
    """A failure that retrying cannot fix (e.g. no channel configured): reported at once."""


def _target(key: ConversationKey, label: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"key": str(key), "label": label, "text": text, **{k: v for k, v in extra.items() if v}}


async def draft(
    *, session: AsyncSession, settings: Settings, cycles: Mapping[str, Cycle], team: Team, kind: str, week: str,
    now: datetime, platforms: set[Platform], chart: bool = True,
) -> dict[str, Any]:
    """The content of (kind, team, week): targets on `platforms` only, plus a note and a summary.
    `chart=False` leaves the digest's picture out (a dry run writes no files)."""
    cycle = cycles.get(team.cycle_id)
    if cycle is None:
        raise PermanentError(f"team {team.id} uses cycle {team.cycle_id!r}, which is not loaded")
    start, end = window(team_slot(team, kind, settings), week, now)
    base: dict[str, Any] = {"window": [start.isoformat(), end.isoformat()], "delivered": []}
    if kind == "recognition":
        return base | await _recognition(session, settings, team, cycle, start, end, week, platforms)
    if kind == "digest":
        return base | await _digest(session, settings, team, cycle, start, end, platforms, chart)
    return base | await _nudge(session, settings, team, end, week, platforms)


async def _recognition(session: AsyncSession, settings: Settings, team: Team, cycle: Cycle, start: datetime,
                       end: datetime, week: str, platforms: set[Platform]) -> dict[str, Any]:
    channels = [(Platform(p), ch) for p, ch in team.channels.items() if p in {x.value for x in Platform} and ch]
    if not channels:
        raise PermanentError("the team has no channel to post to (add `channels:` to its teams file entry)")
    usable = [(p, ch) for p, ch in channels if p in platforms]
    if not usable:
        names = ", ".join(f"{LABELS[p]} {ch}" for p, ch in channels)
        raise PermanentError(f"none of the team's channels ({names}) is on a platform configured here")
    rec = await collect_recognition(session=session, team=team, cycle=cycle, start=start, end=end, week=week)
    summary = {"stories": [s.story_id for s in rec.stories], "praise": len(rec.praise), "helpers": len(rec.helpers),
               "practices": len(rec.practices), "improved": rec.improved.mot_id if rec.improved else None}
    if rec.is_empty and not team.settings.get("recognition_prompt_when_empty", False):
        return {"targets": [], "note": "nothing to celebrate this week, so nothing is posted", "summary": summary}
    targets = [
        _target(ConversationKey(p, ch, ""), f"{LABELS[p]} {ch}",
                render_empty_prompt(team.name, p) if rec.is_empty else render_recognition(rec, p))
        for p, ch in usable
    ]
    approval = approval_required(team, settings) and not rec.is_empty
    return {"targets": targets, "summary": summary, "approval": approval,
            "note": "a prompt to share stories (nothing to celebrate yet)" if rec.is_empty else ""}


async def _digest(session: AsyncSession, settings: Settings, team: Team, cycle: Cycle, start: datetime,
                  end: datetime, platforms: set[Platform], chart: bool) -> dict[str, Any]:
    roster = await load_roster(session=session, team_id=team.id)
    recipients = [(m, pid) for m in roster.managers if (pid := dm_target(m, platforms))]
    if not recipients:
        return {"targets": [], "note": "no manager can be reached on the platforms configured here"}
    digest = await collect_digest(session=session, chart_dir=settings.chart_dir, team=team, cycle=cycle, start=start,
                                  end=end, with_chart=chart)
    if not digest.ratings and not digest.stories:
        return {"targets": [], "note": "no ratings and no stories this week"}
    targets = [_target(dm_key(pid), m.name, render_digest(digest, m.name), image=digest.chart_path)
               for m, pid in recipients]
    return {"targets": targets, "summary": {"ratings": digest.ratings, "stories": digest.stories}}


async def _nudge(session: AsyncSession, settings: Settings, team: Team, end: datetime, week: str,
                 platforms: set[Platform]) -> dict[str, Any]:
    weeks = nudge_after_weeks(team, settings)
    if weeks <= 0:
        return {"targets": [], "note": "nudges are off (team setting nudge_after_weeks)"}
    since = end - timedelta(weeks=weeks)
    roster = await load_roster(session=session, team_id=team.id)
    authors = await weekly_story.list_author_ids(session=session, team_id=team.id, since=since)
    earlier = await weekly_run.list_weekly_runs(session=session, kind="nudge", team_id=team.id, created_since=since,
                                                except_week=week)
    nudged = {name for run in earlier for name in run.content.get("recipients", [])}
    targets, names = [], []
    for member in quiet_staff(roster, authors, nudged):
        pid = dm_target(member, platforms)
        if pid:
            targets.append(_target(dm_key(pid), member.name, render_nudge(member.name, weeks),
                                   choices=[["go:story", "Tell a story"]]))
            names.append(member.name)
    return {"targets": targets, "recipients": names,
            "note": "" if targets else "everyone has shared a story recently (or was nudged already)"}


async def _manager_dms(session: AsyncSession, team_id: str, platforms: set[Platform]) -> list[tuple[str, str]]:
    roster = await load_roster(session=session, team_id=team_id)
    return [(m.name, pid) for m in roster.managers if (pid := dm_target(m, platforms))]


async def approval_requests(
    *, session: AsyncSession, team_id: str, run_id: int, week: str, content: dict[str, Any], platforms: set[Platform],
) -> list[dict[str, Any]]:
    """One DM per manager: the draft as it will read on their platform, with Approve / Edit / Skip."""
    targets = content["targets"]
    where = " and ".join(t["label"] for t in targets)
    choices = [[f"go:recognition_review:{run_id}:{action}", label]
               for action, label in (("approve", "Approve"), ("edit", "Edit"), ("skip", "Skip"))]
    requests = []
    for name, pid in await _manager_dms(session, team_id, platforms):
        platform = pid.split(":", 1)[0]
        text = next((t["text"] for t in targets if t["key"].startswith(platform + ":")), targets[0]["text"])
        requests.append(_target(dm_key(pid), name, (
            f"📝 Hi {escape(name)}, here is this week's shout-out ({week}) for {escape(where)}. "
            "It is posted only once you approve it.\n\n"
            f"{text}\n\n_Approve to post it as it is, Edit to write your own text, or Skip this week._"),
            choices=choices))
    return requests


async def failure_reports(
    *, session: AsyncSession, run: WeeklyRun, error: str | None, platforms: set[Platform], unsure: list[str],
) -> list[dict[str, Any]]:
    """DMs telling the managers that a weekly message could not be sent (`error`) and how to retry,
    and/or that it may have been posted to `unsure` ("Telegram -100 (why)"), with a *Post again*
    button (`go:recognition_review:<run id>:again`) that sends it there once more."""
    if not error and not unsure:
        return []
    team = await store.get_team(session=session, team_id=run.team_id)
    team_name = team.name if team else run.team_id
    what = {"recognition": "post the weekly shout-out", "digest": "send the weekly digest",
            "nudge": "send the story reminders"}.get(run.kind, f"send the weekly {run.kind}")
    retry = (f"`storybot recognition run --team {run.team_id} --week {run.week} --retry`"
             if run.kind == "recognition" else f"`storybot recognition run --kind {run.kind} --team {run.team_id} "
             f"--week {run.week} --retry`")
    paragraphs, choices = [], []
    if unsure:
        thing = {"recognition": "weekly shout-out", "digest": "weekly digest", "nudge": "story reminder"}.get(
            run.kind, f"weekly {run.kind}")
        paragraphs.append(
            f"⚠️ The {thing} for *{escape(team_name)}* ({run.week}) may have been posted to {' and '.join(unsure)}, "
            "but it was never confirmed, so I haven't sent it again: that could post it twice. Please have a look: "
            "if it isn't there, press *Post again*.")
        choices = [[f"go:recognition_review:{run.id}:again", "Post again"]]
    if error:
        paragraphs.append(f"⚠️ I couldn't {what} for *{escape(team_name)}* ({run.week}) {error}. To try again: {retry}")
    text = "\n\n".join(paragraphs)
    return [_target(dm_key(pid), name, text, choices=choices)
            for name, pid in await _manager_dms(session, run.team_id, platforms)]
