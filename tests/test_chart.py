"""bot.weekly.chart: a real PNG for normal data, no data and a one-MOT cycle, without pyplot's global state."""

from __future__ import annotations

import sys

import pytest
from PIL import Image

from bot.weekly import chart
from bot.cycle import load_cycles
from bot.config import DATA_DIR
from bot.insight import MotStat

PNG = b"\x89PNG\r\n\x1a\n"


def _mots():  # type: ignore[no-untyped-def]
    return chart.chart_mots(load_cycles(DATA_DIR / "cycles")["healthcare-visit"].mots)


def _check_png(path, min_size: int = 5_000) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    data = path.read_bytes()
    assert data[:8] == PNG and len(data) > min_size
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        return image.size


def _data(mots, current, previous) -> chart.ChartData:  # type: ignore[no-untyped-def]
    return chart.ChartData("Clinic visit — this week", tuple(mots), current, previous, "this week", "last week")


def test_normal_data(tmp_path):
    mots = _mots()
    current = {m: MotStat(m, 10 + i, i % 7, 3, 7) for i, (m, _n) in enumerate(mots)}
    previous = {m: MotStat(m, 2, 1, 1, 0) for m, _n in mots[:5]}
    path = chart.render_cycle_chart(_data(mots, current, previous), tmp_path / "c.png")
    width, height = _check_png(path, 20_000)
    assert width == 1000 and height > 800  # one row per MOT: 19 MOTs make a tall picture
    assert not list(tmp_path.glob(".*tmp"))  # written atomically, nothing left behind


def test_empty_data(tmp_path):
    path = chart.render_cycle_chart(_data(_mots(), {}, {}), tmp_path / "empty.png")
    _check_png(path)


def test_one_mot_and_no_mots(tmp_path):
    one = chart.render_cycle_chart(_data([("check-in", "Check in")], {"check-in": MotStat("check-in", 1, 1, 0, 0)}, {}),
                                   tmp_path / "one.png")
    _check_png(one)
    none = chart.render_cycle_chart(_data([], {}, {}), tmp_path / "none.png")
    _check_png(none, 1_000)


async def test_save_reuses_the_same_picture_and_leaves_no_pyplot(tmp_path):
    had_pyplot = "matplotlib.pyplot" in sys.modules
    data = _data(_mots()[:3], {"call-appointment": MotStat("call-appointment", 5, 1, 2, 2)}, {})
    first = await chart.save_cycle_chart(chart_dir=tmp_path / "charts", team_id="a team/../x", data=data)
    again = await chart.save_cycle_chart(chart_dir=tmp_path / "charts", team_id="a team/../x", data=data)
    assert first == again and first.parent == tmp_path / "charts" and first.name.startswith("cycle-a-team-x-")
    other = _data(_mots()[:3], {"call-appointment": MotStat("call-appointment", 6, 1, 2, 3)}, {})
    assert await chart.save_cycle_chart(chart_dir=tmp_path / "charts", team_id="t", data=other) != first
    _check_png(first)
    if not had_pyplot:
        assert "matplotlib.pyplot" not in sys.modules


@pytest.mark.filterwarnings("ignore:Glyph")
@pytest.mark.parametrize("name", ["😀" * 50, "A" * 300, "Zahnärztliche Untersuchung — 検査"])
def test_odd_names(tmp_path, name):
    path = chart.render_cycle_chart(_data([("x", name)], {"x": MotStat("x", 3, 1, 1, 1)}, {}), tmp_path / "o.png")
    _check_png(path)


# --- the trend picture (issue 14) ----------------------------------------------------------------


def _trend(stats, unit="week") -> chart.TrendData:  # type: ignore[no-untyped-def]
    labels = tuple(f"{d} Nov" for d in range(1, 1 + 7 * len(stats), 7))
    return chart.TrendData("Vital signs taken, weekly — since 1 Nov", labels, tuple(stats), unit)


def test_trend_lines_gaps_and_few(tmp_path):
    stats = [MotStat("*", 10, 1, 2, 7), MotStat("*", 0, 0, 0, 0), MotStat("*", 3, 1, 1, 1), MotStat("*", 40, 5, 30, 5)]
    path = chart.render_trend_chart(_trend(stats), tmp_path / "t.png")
    width, height = _check_png(path, 10_000)
    assert width >= 600 and height == 420
    assert not list(tmp_path.glob(".*tmp"))


def test_trend_empty_one_bucket_and_many(tmp_path):
    _check_png(chart.render_trend_chart(_trend([MotStat("*", 0, 0, 0, 0)] * 3), tmp_path / "e.png"))
    _check_png(chart.render_trend_chart(_trend([MotStat("*", 5, 1, 2, 2)]), tmp_path / "one.png"))
    _check_png(chart.render_trend_chart(_trend([], "month"), tmp_path / "none.png"), 1_000)
    many = [MotStat("*", 5 + k, k % 3, 2, 3) for k in range(16)]
    width, _ = _check_png(chart.render_trend_chart(_trend(many), tmp_path / "many.png"))
    assert 900 < width <= 1200  # widens with the buckets, at most 12 inches


async def test_save_trend_reuses_the_picture_and_is_named_apart(tmp_path):
    data = _trend([MotStat("*", 10, 1, 2, 7)] * 4)
    first = await chart.save_trend_chart(chart_dir=tmp_path, team_id="riverside", data=data)
    assert first == await chart.save_trend_chart(chart_dir=tmp_path, team_id="riverside", data=data)
    assert first.name.startswith("trend-riverside-")
    changed = _trend([MotStat("*", 9, 1, 2, 6)] * 4)
    other = await chart.save_trend_chart(chart_dir=tmp_path, team_id="riverside", data=changed)
    assert other != first
