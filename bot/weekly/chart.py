"""The weekly "cycle of service" picture: every MOT in cycle order, this period's and the previous
period's ratings side by side as stacked bars (shining / dull / irritating share), n at the end; and
the trend picture: the irritating and shining shares per week or month as lines over bars of n.

Rendered with matplotlib's object API on an Agg canvas made inside the call: no pyplot, no global
backend switch, nothing left behind between calls, safe to run in a worker thread."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.insight import MIN_SAMPLE, MotStat

COLOURS = {"shining": "#2e9e5b", "dull": "#b9bec4", "irritating": "#d64541"}
ORDER = ("shining", "dull", "irritating")


@dataclass(frozen=True, slots=True)
class ChartData:
    """What one picture shows. `mots` are (id, name) in cycle order; stats are keyed by MOT id."""

    title: str
    mots: tuple[tuple[str, str], ...]
    current: Mapping[str, MotStat]
    previous: Mapping[str, MotStat]
    current_label: str
    previous_label: str

    def digest(self) -> str:
        def rows(stats: Mapping[str, MotStat]) -> list[tuple]:
            return sorted((s.mot_id, s.n, s.shining, s.irritating, s.dull) for s in stats.values())

        text = repr((self.title, self.mots, rows(self.current), rows(self.previous), self.current_label,
                     self.previous_label))
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def render_cycle_chart(data: ChartData, path: Path) -> Path:
    """Draw `data` to a PNG at `path` (written atomically) and return the path. CPU-bound: call it
    through `save_cycle_chart`, which runs it in a thread."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = len(data.mots) or 1
    figure = Figure(figsize=(10, 1.6 + 0.48 * rows), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bar = 0.38
    for i, (mot_id, _name) in enumerate(data.mots):
        for offset, stats, alpha in ((-bar / 2, data.previous, 0.45), (bar / 2, data.current, 1.0)):
            stat = stats.get(mot_id)
            y = i + offset
            if stat is None or stat.n == 0:
                axes.barh(y, 1.0, height=bar * 0.9, color="none", edgecolor="#d0d0d0", linewidth=0.8)
                axes.text(1.01, y, "n=0", va="center", fontsize=7, color="#999999")
                continue
            left = 0.0
            for rating in ORDER:
                share = stat.share(rating)
                axes.barh(y, share, left=left, height=bar * 0.9, color=COLOURS[rating], alpha=alpha,
                          edgecolor="white", linewidth=0.4)
                if share >= 0.12 and alpha == 1.0:
                    axes.text(left + share / 2, y, f"{stat.pct(rating)}%", ha="center", va="center",
                              fontsize=7, color="white")
                left += share
            few = stat.n < MIN_SAMPLE
            axes.text(1.01, y, f"n={stat.n}" + (" (few)" if few else ""), va="center", fontsize=7,
                      color="#999999" if few else "#333333", style="italic" if few else "normal")
    axes.set_yticks(range(rows))
    axes.set_yticklabels([f"{i}. {_short(name)}" for i, (_m, name) in enumerate(data.mots, 1)] or [""], fontsize=8)
    axes.set_ylim(rows - 0.5, -0.5)  # the cycle reads top to bottom
    axes.set_xlim(0, 1.12)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    axes.set_xticklabels(["0%", "25%", "50%", "75%", "100%"], fontsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if not any(s.n for s in (*data.current.values(), *data.previous.values())):
        axes.text(0.5, (rows - 1) / 2, "No ratings in these periods yet", ha="center", va="center",
                  fontsize=12, color="#666666", bbox={"facecolor": "white", "edgecolor": "none"})
    axes.set_title(data.title, fontsize=11, loc="left")
    handles = [Patch(color=COLOURS[r], label=r.capitalize()) for r in ORDER]
    handles += [Patch(facecolor="#777777", alpha=0.45, label=f"upper, faded: {data.previous_label}"),
                Patch(facecolor="#777777", label=f"lower: {data.current_label}")]
    figure.legend(handles=handles, loc="lower center", ncol=5, fontsize=7, frameon=False)
    figure.tight_layout(rect=(0, 0.07 if rows > 3 else 0.14, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    figure.savefig(partial, format="png")
    os.replace(partial, path)
    return path


def chart_path(chart_dir: Path, team_id: str, data: ChartData | TrendData) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", team_id)[:40] or "team"
    kind = "trend" if isinstance(data, TrendData) else "cycle"
    return Path(chart_dir) / f"{kind}-{safe}-{data.digest()}.png"


async def save_cycle_chart(*, chart_dir: Path, team_id: str, data: ChartData) -> Path:
    """Render (in a worker thread) unless the same picture was already drawn; returns the PNG path."""
    path = chart_path(chart_dir, team_id, data)
    if path.exists() and path.stat().st_size > 0:
        return path
    return await asyncio.to_thread(render_cycle_chart, data, path)


@dataclass(frozen=True, slots=True)
class TrendData:
    """One series: `labels[k]` names bucket k ("16 Nov", "Oct"), `stats[k]` its ratings (n may be 0)."""

    title: str
    labels: tuple[str, ...]
    stats: tuple[MotStat, ...]
    unit: str  # "week" / "month"

    def digest(self) -> str:
        rows = [(s.n, s.shining, s.irritating, s.dull) for s in self.stats]
        return hashlib.sha256(repr((self.title, self.labels, rows, self.unit)).encode()).hexdigest()[:12]


def render_trend_chart(data: TrendData, path: Path) -> Path:
    """Draw the irritating and shining shares per bucket as lines (gaps where a bucket has no ratings;
    hollow markers where it has fewer than MIN_SAMPLE), the ratings per bucket as grey bars on a second
    axis, n written on each bar. PNG at `path`, written atomically."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    count = len(data.stats) or 1
    figure = Figure(figsize=(max(6.0, min(12.0, 2.5 + 0.55 * count)), 4.2), dpi=100)
    FigureCanvasAgg(figure)
    shares = figure.add_subplot()
    volume = shares.twinx()
    xs = list(range(len(data.stats)))
    ns = [s.n for s in data.stats]
    volume.bar(xs, ns, width=0.6, color="#e3e6ea", zorder=0)
    top = max(ns, default=0) or 1
    for x, n in zip(xs, ns, strict=True):
        volume.text(x, n + top * 0.02, f"n={n}", ha="center", va="bottom", fontsize=7,
                    color="#999999" if n < MIN_SAMPLE else "#555555")
    volume.set_ylim(0, top * 3)  # the bars stay in the lower third, under the lines
    volume.set_yticks([])
    volume.set_ylabel(f"ratings per {data.unit}", fontsize=8, color="#888888")
    shares.set_zorder(volume.get_zorder() + 1)
    shares.patch.set_visible(False)
    for rating in ("irritating", "shining"):
        values = [s.share(rating) if s.n else float("nan") for s in data.stats]
        shares.plot(xs, values, color=COLOURS[rating], linewidth=2, marker="o", label=rating.capitalize())
        few = [(x, v) for x, v, s in zip(xs, values, data.stats, strict=True) if 0 < s.n < MIN_SAMPLE]
        if few:
            shares.plot([x for x, _ in few], [v for _, v in few], linestyle="none", marker="o", markersize=7,
                        markerfacecolor="white", markeredgecolor=COLOURS[rating])
    shares.set_ylim(0, 1.05)
    shares.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    shares.set_yticklabels(["0%", "25%", "50%", "75%", "100%"], fontsize=8)
    shares.set_xticks(xs)
    crowded = count > 8
    shares.set_xticklabels(data.labels, fontsize=7, rotation=45 if crowded else 0, ha="right" if crowded else "center")
    shares.set_xlim(-0.6, max(count - 1, 0) + 0.6)
    for axes in (shares, volume):
        axes.spines["top"].set_visible(False)
    if not any(ns):
        shares.text((count - 1) / 2, 0.5, "No ratings in this window yet", ha="center", va="center", fontsize=12,
                    color="#666666")
    shares.set_title(data.title, fontsize=11, loc="left")
    shares.legend(loc="upper left", fontsize=8, frameon=False, ncol=2)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    figure.savefig(partial, format="png")
    os.replace(partial, path)
    return path


async def save_trend_chart(*, chart_dir: Path, team_id: str, data: TrendData) -> Path:
    """Like `save_cycle_chart`, for a trend."""
    path = chart_path(chart_dir, team_id, data)
    if path.exists() and path.stat().st_size > 0:
        return path
    return await asyncio.to_thread(render_trend_chart, data, path)


def chart_mots(mots: Sequence[object]) -> tuple[tuple[str, str], ...]:
    """(id, name) pairs from cycle MOTs (anything with `id` and `name`)."""
    return tuple((m.id, m.name) for m in mots)  # type: ignore[attr-defined]
