"""The weekly feature: a shout-out in the team channel, a digest for each manager, nudges for quiet
staff (docs/recognition.md). Dependencies point down this list, one way (an import-linter contract):

    scheduler    APScheduler cron jobs per (team, kind) and a retry tick; calls the service's slots/run/sweep
    service      WeeklyService: claim a week exactly once, send, retry, ask for approval, report failures
    draft        what a run sends (targets per kind) and the managers' approval/failure DMs
    recognition  the shout-out: collect what to celebrate, render it per platform
    digest       the manager digest (numbers, chart) and the staff nudge
    practice     best practices shared by the shout-out and the digest; `clip` for quotes
    roster       a team's people as members: names, consent (`mention`/`mask`), whom to DM
    week         when: slots in the team's time zone, ISO weeks, a run's window and its label
    chart        the cycle-of-service picture (matplotlib, in a worker thread)

Their SQL lives in `bot.store.weekly_run`, `weekly_story` and `weekly_feedback`; `bot.app.wire_weekly`
builds the service and the scheduler from typed inputs (no `App` reaches this package)."""
