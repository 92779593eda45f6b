"""Progress of a resumed run: records reused from the interrupted run are never shown as computed, the
rate's clock starts after they are merged, and no rate or ETA is shown before a page was computed (a
resumed run's first line once read ``0 pages/s · ETA 4:48:52``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from akhbar.cli_progress import RefineDisplay
from akhbar.run.local import RunOptions, refine_paths


class _Crash(Exception):
    pass


def _jsonl(tmp_path: Path, n: int = 12) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "pages.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            text = (f"أعلنت الوزارة اليوم نتائج المرحلة رقم {i} من المشروع الوطني للطاقة المتجددة في المنطقة الشرقية، "
                    f"وقال المتحدث إن العمل في الموقع {i} سيكتمل قبل نهاية العام بعد توقيع العقود مع الشركات.")
            f.write(json.dumps({"id": f"r{i}", "url": f"https://example.com/{i}", "text": text}, ensure_ascii=False))
            f.write("\n")
    return src


def test_resumed_records_never_reach_progress_as_computed(tmp_path: Path):
    src, out = _jsonl(tmp_path), tmp_path / "out"
    opts = RunOptions(unit_records=2, dedup=False)

    def boom(n: int, _a: int) -> None:
        if n == 7:
            raise _Crash

    with pytest.raises(_Crash):
        refine_paths([src], out, opts, progress=boom)
    events: list[tuple] = []
    res = refine_paths([src], out, RunOptions(unit_records=2, dedup=False, resume=True),
                       progress=lambda n, a: events.append(("progress", n)),
                       status=lambda rep: events.append(("status", rep.get("records", 0), rep.get("records_resumed", 0),
                                                          rep.get("phase"))))
    reused_total = res.progress["units_resumed"] * 2
    assert reused_total >= 2  # the interrupted run left finished units
    resumed = 0
    for e in events:
        if e[0] == "status":
            resumed = e[2]
        else:  # every record reported one by one was computed in this run
            assert e[1] > resumed, events
    assert sum(e[0] == "progress" for e in events) == 12 - reused_total


def _display() -> tuple[RefineDisplay, list[float], io.StringIO]:
    now = [100.0]
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=True, width=160, color_system=None)
    return RefineDisplay(con, clock=lambda: now[0]), now, buf


def test_rate_clock_starts_after_the_reused_units():
    d, now, _buf = _display()
    with d:
        base = {"units_done": 4, "units_total": 10, "units_resumed": 4, "records_total": 1000,
                "records_resumed_total": 400}
        d.status({**base, "phase": "refining", "records": 0, "records_resumed": 0})
        now[0] += 30.0  # loading and merging the reused units took 30 s
        d.status({**base, "phase": "refining", "records": 400, "records_resumed": 400})
        f = d.figures()
        assert f["rate"] is None and f["eta"] is None  # nothing computed yet: no rate, no ETA
        assert "pages/s" not in d.describe() and "ETA" not in d.describe()
        now[0] += 10.0
        d.progress(600, 550)  # 200 pages computed in the 10 s since
        f = d.figures()
        assert f["rate"] == pytest.approx(20.0) and f["eta"] == pytest.approx(20.0)


def test_a_slow_start_shows_a_decimal_rate_not_zero():
    d, now, _buf = _display()
    with d:
        base = {"units_done": 0, "units_total": 10, "units_resumed": 0, "records_total": 100,
                "records_resumed_total": 0}
        d.status({**base, "phase": "refining", "records": 0, "records_resumed": 0})
        now[0] += 4.0
        d.progress(1, 1)
        assert "0.2 pages/s" in d.describe() and "ETA 0:06:36" in d.describe()


def test_plain_lines_of_a_resumed_run(tmp_path: Path):
    """The first plain line of a resume (the old bug's place) shows the reused records and no rate."""
    from akhbar import cli_progress

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=False, width=200, color_system=None)
    now = [0.0]
    d = RefineDisplay(con, live=False, clock=lambda: now[0])
    with d:
        base = {"units_done": 4, "units_total": 10, "units_resumed": 4, "records_total": 1000,
                "records_resumed_total": 400}
        now[0] = cli_progress.QUIET_SECONDS + 1
        d.status({**base, "phase": "refining", "records": 0, "records_resumed": 0})
        now[0] += 3.0
        d.status({**base, "phase": "refining", "records": 400, "records_resumed": 400})
    lines = buf.getvalue().splitlines()
    assert lines and all("pages/s" not in x and "ETA" not in x for x in lines), lines
    assert "400 reused" in lines[-1]
